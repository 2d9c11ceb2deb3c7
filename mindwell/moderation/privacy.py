"""What moderation keeps about a member: flags they raised, close votes, restrictions, and
the moderation log and notes that may name them (accounts/signals.py)."""

from __future__ import annotations

from typing import Any

from django.db import models

from mindwell.accounts.models import User
from mindwell.accounts.privacy import Erasure, rewrite, target_of, when
from mindwell.accounts.signals import member_erase, member_export
from mindwell.moderation.models import (
    CloseVote,
    Flag,
    IPBlock,
    ReviewItem,
    Suspension,
)

HANDLES = {
    "moderation.Flag",
    "moderation.CloseVote",
    "moderation.Suspension",
    "moderation.ReviewItem",  # resolved_by is a moderator: SET_NULL when they go
    "moderation.IPBlock",  # created_by is a moderator: SET_NULL when they go
    "moderation.MaintenanceRun",  # requested_by is an admin: SET_NULL when they go
}


def connect() -> None:
    member_export.connect(export, sender=User, dispatch_uid="moderation.privacy.export")
    member_erase.connect(erase, sender=User, dispatch_uid="moderation.privacy.erase")


def export(sender: Any, *, user: User, **kwargs: Any) -> dict[str, Any]:
    return {
        "close_votes": [
            {"question_id": c.question_id, "reason": c.reason, "created_at": when(c.created_at)}
            for c in CloseVote.objects.filter(voter=user).order_by("created_at", "pk")
        ],
        "flags_raised": _flags_raised(user),
        "restrictions": _restrictions(user),
    }


def erase(sender: Any, *, erasure: Erasure, phase: str, **kwargs: Any) -> None:
    user, scrub = erasure.user, erasure.scrub
    since = user.date_joined
    if phase == "names":
        # Moderators' notes that may name the member (their own restrictions go below).
        notes: list[tuple[models.QuerySet[Any], list[str]]] = [
            (Flag.objects.filter(created_at__gte=since), ["text"]),
            (ReviewItem.objects.filter(created_at__gte=since), ["reason"]),
            (IPBlock.objects.filter(created_at__gte=since), ["reason"]),
            (Suspension.objects.filter(starts_at__gte=since).exclude(user=user), ["reason"]),
        ]
        for rows, fields in notes:
            rewrite(rows.filter(scrub.candidates(fields)), fields, scrub)
    elif phase == "rows":
        Flag.objects.filter(flagger=user).delete()
        CloseVote.objects.filter(voter=user).delete()
        Suspension.objects.filter(user=user).delete()


def _flags_raised(user: User) -> list[dict[str, Any]]:
    rows = Flag.objects.filter(flagger=user).order_by("created_at", "pk")
    return [
        {
            "post": target_of(f),
            "reason": f.reason,
            "text": f.text,
            "outcome": f.outcome,
            "created_at": when(f.created_at),
            "resolved_at": when(f.resolved_at),
        }
        for f in rows
    ]


def _restrictions(user: User) -> dict[str, Any]:
    # Who applied a restriction is left out: moderators are not named to members.
    history = Suspension.objects.filter(user=user).order_by("starts_at", "pk")
    return {
        "current": {
            "kind": user.restriction,
            "until": when(user.restricted_until),
            "reason": user.restriction_reason,
        },
        "history": [
            {
                "kind": s.kind,
                "reason": s.reason,
                "starts_at": when(s.starts_at),
                "ends_at": when(s.ends_at),
                "lifted_at": when(s.lifted_at),
            }
            for s in history
        ],
    }
