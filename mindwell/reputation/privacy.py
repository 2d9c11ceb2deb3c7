"""A member's points ledger (accounts/signals.py)."""

from __future__ import annotations

from typing import Any

from mindwell.accounts.models import User
from mindwell.accounts.privacy import Erasure, when
from mindwell.accounts.signals import member_erase, member_export
from mindwell.reputation.models import PointEvent

HANDLES = {"reputation.PointEvent"}


def connect() -> None:
    member_export.connect(export, sender=User, dispatch_uid="reputation.privacy.export")
    member_erase.connect(erase, sender=User, dispatch_uid="reputation.privacy.erase")


def export(sender: Any, *, user: User, **kwargs: Any) -> dict[str, Any]:
    return {
        "points": [
            {
                "kind": p.kind,
                "description": p.get_kind_display(),
                "amount": p.amount,
                "question_id": p.question_id,
                "answer_id": p.answer_id,
                "created_at": when(p.created_at),
            }
            for p in PointEvent.objects.filter(user=user).order_by("created_at", "pk")
        ]
    }


def erase(sender: Any, *, erasure: Erasure, phase: str, **kwargs: Any) -> None:
    if phase == "rows":
        PointEvent.objects.filter(user=erasure.user).delete()
