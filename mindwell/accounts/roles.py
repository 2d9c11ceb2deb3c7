"""Roles, defined once: who edits, who moderates and who administers. Everything else
asks here."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

EDITOR_LEVELS = frozenset({"editor", "moderator", "admin", "superadmin"})
MODERATOR_LEVELS = frozenset({"moderator", "admin", "superadmin"})
ADMIN_LEVELS = frozenset({"admin", "superadmin"})


def is_editor(user: Any) -> bool:
    """Editors, moderators and admins (and superusers); False for visitors."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.level in EDITOR_LEVELS or user.is_superuser)
    )


def is_moderator(user: Any) -> bool:
    """Moderators and admins (and superusers); False for visitors."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.level in MODERATOR_LEVELS or user.is_superuser)
    )


def is_admin(user: Any) -> bool:
    """Admins and superusers (not moderators): e.g. the only ones who may reveal who
    wrote an anonymous post."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.level in ADMIN_LEVELS or user.is_superuser)
    )


def moderators() -> QuerySet[Any]:
    """Every active moderator and admin."""
    from mindwell.accounts.models import User

    return User.objects.filter(is_active=True).filter(
        Q(level__in=MODERATOR_LEVELS) | Q(is_superuser=True)
    )
