"""Search reads: results pages, similar questions while asking, related questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Prefetch

from mindwell.qa.models import Question, Status
from mindwell.search import query as query_parser
from mindwell.search.backends import CANDIDATES, SORTS, Filters, Hit, backend
from mindwell.taxonomy.models import Tag

PAGE_SIZE = 20
MAX_PAGE = 50


@dataclass
class Result:
    question: Question
    hit: Hit


@dataclass
class SearchPage:
    text: str
    results: list[Result] = field(default_factory=list)
    total: int = 0
    number: int = 1
    pages: int = 0

    @property
    def capped(self) -> bool:
        """True when there are more matches than a query ranks (the newest are shown)."""
        return self.total >= CANDIDATES

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1


# What a result on the page shows (title, counts, date, byline with avatar, category): a
# search page's questions are never the same twice, so loading every column of each
# question and its author cost more than the query (tested with a pinned query count).
RESULT_FIELDS = (
    "title", "slug", "status", "is_anonymous", "author_id", "author_name", "answer_count",
    "accepted_answer_id", "score", "created_at", "category_id",
    "author__username", "author__display_name", "author__avatar",
    "category__name", "category__slug",
)  # fmt: skip


def _questions(ids: list[int], *, with_tags: bool = False) -> dict[int, Question]:
    """The questions of a results page, by id: the columns the page shows, or (with_tags,
    the API) whole questions with their tags."""
    # By primary key only: a status filter here makes SQLite walk an index over every
    # published question. The search index holds published questions anyway.
    rows = Question.objects.filter(pk__in=ids).select_related("author", "category")
    if with_tags:
        rows = rows.defer("body", "body_html", "notify_email").prefetch_related(
            Prefetch("tags", queryset=Tag.objects.order_by("name"))
        )
    else:
        rows = rows.only(*RESULT_FIELDS)
    return {q.pk: q for q in rows if q.status == Status.PUBLISHED}


def search(
    text: str,
    *,
    filters: Filters | None = None,
    sort: str = "relevance",
    page: Any = 1,
    with_tags: bool = False,
) -> SearchPage:
    """One page of results for any user text (never an error). Queries: ids + count,
    snippets, and the questions with authors and categories (and tags, `with_tags`)."""
    parsed = query_parser.parse(text)
    result = SearchPage(text=text)
    if not parsed:
        return result
    try:
        number = max(1, min(int(page), MAX_PAGE))
    except (TypeError, ValueError):
        number = 1
    sort = sort if sort in SORTS else "relevance"
    hits, total = backend().search(
        parsed,
        filters or Filters(),
        sort=sort,
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    questions = _questions([h.question_id for h in hits], with_tags=with_tags)
    result.results = [
        Result(questions[h.question_id], h) for h in hits if h.question_id in questions
    ]
    result.total = total
    result.number = number
    result.pages = min(MAX_PAGE, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    return result


def similar_questions(title: str, *, limit: int = 6) -> list[Question]:
    """Questions whose text shares words with a title being typed (any word, ranked)."""
    parsed = query_parser.any_of(title)
    if not parsed:
        return []
    hits, _ = backend().search(
        parsed, Filters(), sort="relevance", limit=limit, offset=0, any_word=True, details=False
    )
    questions = _questions([h.question_id for h in hits])
    return [questions[h.question_id] for h in hits if h.question_id in questions]


def related_questions(question: Question, *, limit: int = 5) -> list[Question]:
    """Questions sharing words of the title and the tags; the ids are cached briefly."""
    key = f"related:{question.pk}"
    ids: list[int] | None = cache.get(key)
    if ids is None:
        text = question.title + " " + " ".join(t.name for t in question.tags.all())
        parsed = query_parser.any_of(text, limit=12)
        hits, _ = (
            backend().search(
                parsed,
                Filters(exclude_id=question.pk),
                sort="relevance",
                limit=limit,
                offset=0,
                any_word=True,
                details=False,
            )
            if parsed
            else ([], 0)
        )
        ids = [h.question_id for h in hits]
        cache.set(key, ids, 900)
    if not ids:
        return []
    rows = Question.objects.filter(pk__in=ids, status=Status.PUBLISHED).only(
        "id", "title", "slug", "answer_count", "accepted_answer_id", "score"
    )
    by_id = {q.pk: q for q in rows}
    return [by_id[i] for i in ids if i in by_id]
