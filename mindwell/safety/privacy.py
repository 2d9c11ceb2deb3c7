"""A member's reading settings; screening records name no one (accounts/signals.py)."""

from __future__ import annotations

from typing import Any

from mindwell.accounts.models import User
from mindwell.accounts.privacy import Erasure
from mindwell.accounts.signals import member_erase, member_export
from mindwell.safety.models import ReaderPreference

HANDLES = {
    "safety.ReaderPreference",
    "safety.RiskRecord",  # handled_by is a moderator: SET_NULL when they go; never exported
}


def connect() -> None:
    member_export.connect(export, sender=User, dispatch_uid="safety.privacy.export")
    member_erase.connect(erase, sender=User, dispatch_uid="safety.privacy.erase")


def export(sender: Any, *, user: User, **kwargs: Any) -> dict[str, Any]:
    return {"reader_preferences": _reader_preferences(user)}


def erase(sender: Any, *, erasure: Erasure, phase: str, **kwargs: Any) -> None:
    if phase == "rows":
        ReaderPreference.objects.filter(user=erasure.user).delete()


def _reader_preferences(user: User) -> dict[str, Any] | None:
    prefs = ReaderPreference.objects.filter(user=user).first()
    if prefs is None:
        return None
    return {
        "country": prefs.country,
        "muted_words": prefs.muted_word_list(),
        "muted_topics": list(prefs.muted_topics),
    }
