"""The question page's description and structured data for search engines (core.page_parts)."""

from typing import Any

from django.http import HttpRequest

from mindwell.core.page_parts import part
from mindwell.discovery import seo
from mindwell.qa.selectors import QuestionPage


@part("question", name="discovery.seo")
def describe(request: HttpRequest, page: QuestionPage, context: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": seo.plain(page.question.body_html, 200),
        "structured_data": seo.qa_page(page.question, page.answers, request.build_absolute_uri),
    }
