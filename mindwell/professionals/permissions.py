"""Who may do what as, or to, a verified professional.

Unlike `qa.permissions`, the professional predicates look the badge up (one query),
because a badge lapses by date and is not loaded with the user.
"""

from __future__ import annotations

from typing import Any

from mindwell.professionals.selectors import current_badge
from mindwell.qa.permissions import is_moderator


def can_review_applications(user: Any) -> bool:
    return is_moderator(user)


def is_staff_contact(user: Any) -> bool:
    """Moderators and site staff: the only people a professional may reach privately."""
    return bool(getattr(user, "is_authenticated", False) and (user.is_staff or is_moderator(user)))


def can_contact_privately(sender: Any, recipient: Any) -> bool:
    """Whether `sender` may start a private conversation with `recipient`.

    Mindwell has no private messages today; any future channel (messages, email
    relays, "contact this member") must ask this first. A verified professional may
    never start private contact with a member (ACA 2014 and NBCC codes: no soliciting
    clients, no dual relationships); they can write to moderators and staff.
    Visitors cannot start private contact with anyone.
    """
    if not getattr(sender, "is_authenticated", False):
        return False
    if is_staff_contact(recipient):
        return True
    return current_badge(sender) is None


def can_recuse(user: Any) -> bool:
    """Verified professionals can step back from a thread."""
    return current_badge(user) is not None
