"""Titles by points, as Question2Answer's user titles ("Newcomer", "Trusted voice" …)."""

from __future__ import annotations

from django.conf import settings


def title_for(points: int) -> str:
    """The title of the highest threshold in settings.MEMBER_TITLES that `points` reach
    ("" when none does). The one place titles are read: a run-time settings registry
    can take over the list here."""
    reached = [(floor, title) for floor, title in settings.MEMBER_TITLES if points >= floor]
    return max(reached)[1] if reached else ""
