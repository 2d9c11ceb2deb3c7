"""Titles by points, as Question2Answer's user titles ("Newcomer", "Trusted voice" …).

The thresholds are the run-time setting `users.titles` (admin: Site configuration →
Users), written as "points title" pairs separated by semicolons; its default comes from
settings.MEMBER_TITLES.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError

from mindwell.core import runtime


def default_text() -> str:
    """settings.MEMBER_TITLES in the setting's written form."""
    return "; ".join(f"{floor} {title}" for floor, title in settings.MEMBER_TITLES)


@lru_cache(maxsize=16)
def parse(text: str) -> tuple[tuple[int, str], ...]:
    """ "0 Newcomer; 200 Listener" → ((0, "Newcomer"), (200, "Listener")), ordered by points.
    Raises ValidationError naming the part that is not "points title"."""
    pairs: dict[int, str] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        floor, _, title = part.partition(" ")
        title = title.strip()
        if not floor.isdigit() or not title:
            raise ValidationError(
                f"“{part}” is not a number of points followed by a title (e.g. “200 Listener”)."
            )
        if int(floor) in pairs:
            raise ValidationError(f"Two titles start at {int(floor):,} points.")
        pairs[int(floor)] = title[:40]
    return tuple(sorted(pairs.items()))


def title_for(points: int) -> str:
    """The title of the highest threshold that `points` reach ("" when none does)."""
    try:
        pairs = parse(str(runtime.get("users.titles")))
    except ValidationError:
        pairs = parse(default_text())
    reached = [title for floor, title in pairs if points >= floor]
    return reached[-1] if reached else ""
