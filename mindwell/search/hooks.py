"""Related questions beside the question page (see core.page_parts)."""

from typing import Any

from django.http import HttpRequest

from mindwell.core.page_parts import part
from mindwell.qa.selectors import QuestionPage
from mindwell.search.selectors import related_questions


@part("question", name="search.related")
def related(request: HttpRequest, page: QuestionPage, context: dict[str, Any]) -> dict[str, Any]:
    return {"related": related_questions(page.question)}
