"""Which posts start collapsed on the question page, for this reader (core.page_parts)."""

from typing import Any

from django.http import HttpRequest

from mindwell.core.page_parts import part, varies
from mindwell.qa.selectors import QuestionPage
from mindwell.safety.reader import collapse_reason, muted_signature, preferences_for


@part("question", name="safety.collapse")
def collapse(request: HttpRequest, page: QuestionPage, context: dict[str, Any]) -> None:
    prefs = preferences_for(request.user)
    for post in (page.question, *page.answers):
        post.collapse_reason = collapse_reason(post, prefs)  # type: ignore[attr-defined]


@varies("question", name="safety.collapse")
def collapse_varies(request: HttpRequest, question: Any) -> str:
    """A reader's muted words and topics change which posts start collapsed."""
    return muted_signature(request.user)
