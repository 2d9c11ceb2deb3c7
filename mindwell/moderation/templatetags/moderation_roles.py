"""Role checks for the moderator tools on content pages (roles live in accounts.roles)."""

from typing import Any

from django import template

from mindwell.accounts import roles

register = template.Library()


@register.filter
def can_reveal_authors(user: Any) -> bool:
    """Admins only (not moderators) may reveal who wrote an anonymous post."""
    return roles.is_admin(user)
