from typing import Any

from django.http import HttpRequest

from mindwell.notifications.services import unread_count


def inbox(request: HttpRequest) -> dict[str, Any]:
    """The unread count for the header (cached; no query while it is unchanged)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from mindwell.qa.permissions import can_review

    return {"unread_count": unread_count(user), "can_review": can_review(user)}
