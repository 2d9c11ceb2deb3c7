"""JSON API for search: the same engine, filters and sorts as the search page."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from mindwell.accounts.api_auth import viewer
from mindwell.core.api import READ_ERRORS, BadCursor, decode_cursor, encode_cursor, next_link
from mindwell.qa.api import question_summary
from mindwell.qa.schemas import QuestionSummaryOut
from mindwell.search import selectors
from mindwell.search.backends import Filters
from mindwell.taxonomy.models import Category, Tag

router = Router(tags=["search"])


class SearchHitOut(QuestionSummaryOut):
    snippet_html: str = Field(description="Matching words marked with <mark>.")


class SearchPageOut(Schema):
    total: int = Field(description="How many questions match (the newest are ranked past a cap).")
    results: list[SearchHitOut]
    next: str | None


@router.get("/search", response={200: SearchPageOut, **READ_ERRORS}, auth=None)
def search_questions(
    request: HttpRequest,
    q: str = Query(..., max_length=500, description='Words, "a phrase", -excluded'),  # type: ignore[type-arg]
    sort: Literal["relevance", "newest", "votes"] = "relevance",
    category: str | None = Query(None, max_length=100),  # type: ignore[type-arg]
    tag: str | None = Query(None, max_length=100),  # type: ignore[type-arg]
    status: Literal["answered", "unanswered"] | None = None,
    cursor: str | None = Query(None, max_length=100),  # type: ignore[type-arg]
) -> dict[str, Any]:
    """Full-text search of published questions and their answers, 20 to a page."""
    viewer(request)
    number = 1
    if cursor:
        (number,) = decode_cursor(cursor, 1)
        if not isinstance(number, int) or not 1 <= number <= selectors.MAX_PAGE:
            raise BadCursor
    filters = Filters()
    if category and (found := Category.objects.filter(slug=category).first()):
        filters.category_path = found.path
    if tag and (found_tag := Tag.objects.filter(name=tag.lower()).first()):
        filters.tag_id = found_tag.pk
    filters.answered = {"answered": True, "unanswered": False}.get(status or "")
    page = selectors.search(q, filters=filters, sort=sort, page=number, with_tags=True)
    results = [
        {**question_summary(r.question), "snippet_html": str(r.hit.snippet_html)}
        for r in page.results
    ]
    after = encode_cursor([page.number + 1]) if page.has_next else None
    return {"total": page.total, "results": results, "next": next_link(request, after)}
