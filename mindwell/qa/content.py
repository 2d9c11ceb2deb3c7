"""Content rules that need no other app: cleaning what members write, a question's hotness,
its view count and its denormalised counters. Forms, the API, the posting services and
repair commands share them."""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef
from django.db.models.sql import UpdateQuery

from mindwell.core import markdown, runtime
from mindwell.core.prepared import prepared, updating
from mindwell.qa.models import BODY_MAX, COMMENT_MAX, TITLE_MAX, Answer, Question, Status


def clean_title(title: str) -> str:
    """A title within the site's lengths (admin: Posting)."""
    low, high = runtime.get_many(["posting.title_min", "posting.title_max"]).values()
    title = " ".join(markdown.clean_text(title).split())
    if len(title) < low:
        raise ValidationError(f"The title needs at least {low} characters.")
    if len(title) > min(high, TITLE_MAX):
        raise ValidationError(f"The title can have at most {min(high, TITLE_MAX)} characters.")
    return title


def clean_question_body(body: str) -> str:
    """A question's details within the site's lengths (admin: Posting)."""
    low, high = runtime.get_many(["posting.question_min", "posting.body_max"]).values()
    return clean_body(body, min_length=low, max_length=min(high, BODY_MAX))


def clean_answer_body(body: str) -> str:
    low, high = runtime.get_many(["posting.answer_min", "posting.body_max"]).values()
    return clean_body(body, min_length=low, max_length=min(high, BODY_MAX))


def clean_comment_body(body: str) -> str:
    low, high = runtime.get_many(["posting.comment_min", "posting.comment_max"]).values()
    return clean_body(body, min_length=low, max_length=min(high, COMMENT_MAX))


def clean_body(body: str, *, min_length: int = 1, max_length: int = BODY_MAX) -> str:
    body = markdown.clean_text(body).strip()
    if len(body) < min_length:
        if min_length == 1:
            raise ValidationError("Please write something.")
        raise ValidationError(f"Please write at least {min_length} characters.")
    if len(body) > max_length:
        raise ValidationError(
            f"This is {len(body):,} characters long; the limit is {max_length:,}."
        )
    return body


def clean_anon_name(name: str) -> str:
    name = " ".join(markdown.clean_text(name).split())
    if len(name) > 60:
        raise ValidationError("A display name can have at most 60 characters.")
    return name


def hotness(*, created_at: Any, score: int, answer_count: int, view_count: int) -> float:
    """Recency plus a log of interest: a day of age is worth about 10 times the interest."""
    interest = max(score, 0) * 2 + answer_count * 3 + view_count / 20
    penalty = math.log10(1 + max(-score, 0))
    return created_at.timestamp() / 86_400 + math.log10(1 + interest) - penalty


def refresh_hotness(question_id: int) -> None:
    q = (
        Question.objects.filter(pk=question_id)
        .values("created_at", "score", "answer_count", "view_count")
        .first()
    )
    if q:
        Question.objects.filter(pk=question_id).update(hotness=hotness(**q))


def refresh_answer_flags(question_id: int) -> None:
    has_up = Answer.objects.filter(
        question_id=question_id, status=Status.PUBLISHED, upvotes__gt=0
    ).exists()
    Question.objects.filter(pk=question_id).update(has_upvoted_answer=has_up)


def record_view(*, question_id: int, visitor_key: str) -> bool:
    """Count one view per visitor per window; a refresh loop adds nothing. Returns counted."""
    from django.core.cache import cache

    window = runtime.get("viewing.view_count_window")
    if not cache.add(f"viewed:{question_id}:{visitor_key}", 1, window):
        return False
    _count_view.run(question_id=question_id)
    return True


@prepared
def _count_view(question_id: int) -> UpdateQuery:
    # Most first views of a page: through the ORM, building the UPDATE cost 0.6 ms of CPU.
    return updating(Question.objects.filter(pk=question_id), view_count=F("view_count") + 1)


def recount_question_counters() -> int:
    """Rebuild the denormalised counters of every question from the rows (repair tool).
    The rows that differ are written with one prepared UPDATE run for each (an importer
    recounts tens of thousands at once); returns how many differed."""
    from django.db import connection, transaction
    from django.db.models import Count, Q

    published = Q(status=Status.PUBLISHED)
    rows = Question.objects.annotate(
        n_answers=Count("answers", filter=Q(answers__status=Status.PUBLISHED), distinct=True),
        n_comments=Count("comments", filter=Q(comments__status=Status.PUBLISHED), distinct=True),
        upvoted=Exists(Answer.objects.filter(published, question=OuterRef("pk"), upvotes__gt=0)),
    ).only("pk", "answer_count", "comment_count", "has_upvoted_answer")
    changed = [
        (q.n_answers, q.n_comments, bool(q.upvoted), q.pk)
        for q in rows.iterator()
        if (q.answer_count, q.comment_count, q.has_upvoted_answer)
        != (q.n_answers, q.n_comments, q.upvoted)
    ]
    if changed:
        quote, meta = connection.ops.quote_name, Question._meta
        fields = ("answer_count", "comment_count", "has_upvoted_answer")
        sets = ", ".join(f"{quote(name)} = %s" for name in fields)  # columns named as fields
        statement = f"UPDATE {quote(meta.db_table)} SET {sets} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(statement, changed)
    return len(changed)
