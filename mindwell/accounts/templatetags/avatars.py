"""{% avatar member 32 %}: a member's picture; None (an anonymous post, a deleted account)
shows the neutral picture. Pass `post.public_author`, never `post.author`."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from mindwell.accounts import avatars
from mindwell.accounts.titles import title_for

register = template.Library()


@register.simple_tag
def avatar(member: Any, size: int = 32, css: str = "") -> SafeString:
    picture = avatars.picture(member, int(size))
    extra = f" {css}" if css else ""
    if picture.src_2x != picture.src:
        return format_html(
            '<img class="avatar{}" src="{}" srcset="{} 2x" width="{}" height="{}" alt="" '
            'loading="lazy" decoding="async">',
            extra, picture.src, picture.src_2x, size, size,
        )  # fmt: skip
    return format_html(
        '<img class="avatar{}" src="{}" width="{}" height="{}" alt="" loading="lazy" '
        'decoding="async">',
        extra, picture.src, size, size,
    )  # fmt: skip


@register.filter
def member_title(points: int) -> str:
    """The member's title by points (settings.MEMBER_TITLES)."""
    return title_for(int(points))
