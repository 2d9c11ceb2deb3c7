"""JSON API for reading questions and answers: the same selectors as the pages.
Writes are posting's (mindwell/posting/api.py)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from mindwell.core.pagination import paginate
from mindwell.qa import selectors
from mindwell.qa.models import Answer, Comment, Question
from mindwell.qa.schemas import (
    AnswerOut,
    AuthorOut,
    CommentOut,
    QuestionOut,
    QuestionPageOut,
)

router = Router(tags=["questions"])


def question_summary(q: Question) -> dict[str, Any]:
    return {
        "id": q.pk,
        "title": q.title,
        "url": q.get_absolute_url(),
        "category": q.category.slug,
        "tags": [t.name for t in q.tags.all()],
        "author": AuthorOut.of(q),
        "score": q.score,
        "answer_count": q.answer_count,
        "view_count": q.view_count,
        "has_best_answer": q.accepted_answer_id is not None,
        "created_at": q.created_at,
        "last_activity_at": q.last_activity_at,
    }


def _comment(c: Comment) -> CommentOut:
    return CommentOut(
        id=c.pk,
        body=c.body,
        body_html=c.body_html,
        author=AuthorOut.of(c),
        created_at=c.created_at,
    )


def answer_out(a: Answer, best_id: int | None, comments: list[Comment]) -> AnswerOut:
    return AnswerOut(
        id=a.pk,
        body=a.body,
        body_html=a.body_html,
        author=AuthorOut.of(a),
        score=a.score,
        is_best=a.pk == best_id,
        created_at=a.created_at,
        edited_at=a.edited_at,
        comments=[_comment(c) for c in comments],
    )


@router.get("/questions", response=QuestionPageOut, auth=None)
def list_questions(
    request: HttpRequest,
    sort: str = Query("newest", description="newest, hot, votes, answers, views"),  # type: ignore[type-arg]
    page: int = 1,
) -> dict[str, Any]:
    result = paginate(selectors.question_list(sort=sort), page)
    return {
        "count": result.paginator.count,
        "page": result.number,
        "pages": result.paginator.num_pages,
        "results": [question_summary(q) for q in result.object_list],
    }


@router.get("/questions/{question_id}", response=QuestionOut, auth=None)
def get_question(request: HttpRequest, question_id: int) -> dict[str, Any]:
    page = selectors.question_page(viewer=request.user, question_id=question_id)
    q = page.question
    return {
        **question_summary(q),
        "body": q.body,
        "body_html": q.body_html,
        "edited_at": q.edited_at,
        "comments": [_comment(c) for c in page.question_comments],
        "answers": [
            answer_out(a, q.accepted_answer_id, getattr(a, "visible_comments", []))
            for a in page.answers
        ],
    }
