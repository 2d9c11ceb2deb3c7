"""The follow button on question, category and tag pages (see core.page_parts)."""

from typing import Any

from django.http import HttpRequest

from mindwell.core.page_parts import part, varies
from mindwell.notifications.follows import is_following


@part("question", name="notifications.following")
def following_question(request: HttpRequest, page: Any, context: dict[str, Any]) -> dict[str, Any]:
    return {"following": is_following(request.user, page.question)}


@varies("question", name="notifications.following")
def following_question_varies(request: HttpRequest, question: Any) -> str:
    return "1" if is_following(request.user, question) else "0"


@part("category", "tag", name="notifications.following")
def following(request: HttpRequest, subject: Any, context: dict[str, Any]) -> dict[str, Any]:
    return {"following": is_following(request.user, subject)}
