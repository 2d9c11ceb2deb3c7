"""Keeping the search index in step with the posts. Call these inside the transaction
that changed the post, so the index never disagrees with what is published."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction

from mindwell.qa.models import Answer, Comment, Question, Status
from mindwell.search.models import SearchDocument

MAX_BODY_CHARS = 200_000  # PostgreSQL's tsvector holds at most 1 MB


def _boost(q: Question) -> float:
    """Accepted and up-voted answers lift their question; a negative score lowers it."""
    boost = 1.0
    if q.accepted_answer_id:
        boost += 0.5
    if q.has_upvoted_answer:
        boost += 0.25
    if q.score > 0:
        boost += 0.15 * math.log2(1 + q.score)
    elif q.score < 0:
        boost = max(0.3, boost - 0.1 * -q.score)
    return boost


def _document(q: Question, bodies: Iterable[str]) -> SearchDocument:
    return SearchDocument(
        question_id=q.pk,
        title=q.title,
        tags=" ".join(t.name for t in q.tags.all()),
        body="\n\n".join([q.body, *bodies])[:MAX_BODY_CHARS],
        category_path=q.category.path,
        answer_count=q.answer_count,
        has_accepted=q.accepted_answer_id is not None,
        score=q.score,
        boost=_boost(q),
        created_at=q.created_at,
    )


def index_question(question_id: int) -> None:
    """Rebuild one question's document from what is published now (or drop it)."""
    q = (
        Question.objects.select_related("category")
        .prefetch_related("tags")
        .filter(pk=question_id)
        .first()
    )
    if q is None or q.status != Status.PUBLISHED:
        SearchDocument.objects.filter(question_id=question_id).delete()
        return
    answers = Answer.objects.filter(question_id=q.pk, status=Status.PUBLISHED)
    comments = Comment.objects.filter(question_id=q.pk, status=Status.PUBLISHED)
    bodies = [
        *answers.order_by("id").values_list("body", flat=True),
        *comments.order_by("id").values_list("body", flat=True),
    ]
    doc = _document(q, bodies)
    doc.save()


def add_text(question_id: int, text: str, *, answers: int = 0) -> None:
    """A new answer or comment joins its question's document: one UPDATE (the full-text
    index follows: a trigger on SQLite, the generated column on PostgreSQL). A question
    without a document yet is indexed whole."""
    from django.db.models import F, Value
    from django.db.models.functions import Concat, Substr

    updated = SearchDocument.objects.filter(question_id=question_id).update(
        body=Substr(Concat(F("body"), Value("\n\n"), Value(text)), 1, MAX_BODY_CHARS),
        answer_count=F("answer_count") + answers,
    )
    if not updated:
        index_question(question_id)


def refresh_ranking(question_id: int, *, question: Question | None = None) -> None:
    """Update the ranking fields only (votes, best answer), not the indexed text; pass the
    question when its row is at hand and current."""
    q = question or Question.objects.filter(pk=question_id).first()
    if q is None or q.status != Status.PUBLISHED:
        return
    SearchDocument.objects.filter(question_id=q.pk).update(
        answer_count=q.answer_count,
        has_accepted=q.accepted_answer_id is not None,
        score=q.score,
        boost=_boost(q),
    )


def rebuild_index(*, batch_size: int = 2000) -> tuple[int, float]:
    """Drop and rebuild every document; returns (documents, seconds)."""
    started = time.perf_counter()
    count = 0
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        ids = list(
            Question.objects.filter(status=Status.PUBLISHED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            bodies: dict[int, list[str]] = defaultdict(list)
            for model in (Answer, Comment):
                rows = (
                    model.objects.filter(question_id__in=chunk, status=Status.PUBLISHED)
                    .order_by("id")
                    .values_list("question_id", "body")
                )
                for qid, body in rows:
                    bodies[qid].append(body)
            questions = (
                Question.objects.filter(pk__in=chunk)
                .select_related("category")
                .prefetch_related("tags")
            )
            SearchDocument.objects.bulk_create([_document(q, bodies[q.pk]) for q in questions])
            count += len(chunk)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    return count, time.perf_counter() - started
