from django import template

from mindwell.audit.models import action_label as _action_label

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    """An audit action code in words ("review_hide" -> "Review queue: hide")."""
    return _action_label(code)
