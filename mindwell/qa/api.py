"""JSON API for questions and answers: the same selectors and services as the pages."""

from typing import Any, cast

from django.http import HttpRequest
from ninja import Query, Router
from ninja.security import django_auth

from mindwell.accounts.models import User
from mindwell.core import ratelimit
from mindwell.core.errors import NotFound
from mindwell.core.pagination import paginate
from mindwell.posting import services
from mindwell.posting.origin import Origin
from mindwell.qa import selectors
from mindwell.qa.models import Answer, Comment, Question
from mindwell.qa.schemas import (
    AnswerIn,
    AnswerOut,
    AuthorOut,
    CommentOut,
    QuestionIn,
    QuestionOut,
    QuestionPageOut,
    QuestionSummaryOut,
    VoteIn,
    VoteOut,
)
from mindwell.taxonomy.models import Category

router = Router(tags=["questions"])


def _member(request: HttpRequest) -> User:
    """The member behind an endpoint with auth=django_auth."""
    return cast(User, request.user)


def _summary(q: Question) -> dict[str, Any]:
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


def _answer(a: Answer, best_id: int | None, comments: list[Comment]) -> AnswerOut:
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
        "results": [_summary(q) for q in result.object_list],
    }


@router.get("/questions/{question_id}", response=QuestionOut, auth=None)
def get_question(request: HttpRequest, question_id: int) -> dict[str, Any]:
    page = selectors.question_page(viewer=request.user, question_id=question_id)
    q = page.question
    return {
        **_summary(q),
        "body": q.body,
        "body_html": q.body_html,
        "edited_at": q.edited_at,
        "comments": [_comment(c) for c in page.question_comments],
        "answers": [
            _answer(a, q.accepted_answer_id, getattr(a, "visible_comments", []))
            for a in page.answers
        ],
    }


@router.post("/questions", response={201: QuestionSummaryOut}, auth=django_auth)
def create_question(request: HttpRequest, payload: QuestionIn) -> tuple[int, dict[str, Any]]:
    ratelimit.hit_from_request(request, "question")
    category = Category.objects.filter(slug=payload.category).first()
    if category is None:
        raise NotFound("Category not found.")
    origin = Origin.from_request(
        request, anonymous=payload.anonymous, display_name=payload.anon_name
    )
    question = services.ask_question(
        title=payload.title,
        body=payload.body,
        category=category,
        tags=payload.tags,
        **origin.author_kwargs(),
    )
    return 201, _summary(question)


@router.post("/questions/{question_id}/answers", response={201: AnswerOut}, auth=django_auth)
def create_answer(
    request: HttpRequest, question_id: int, payload: AnswerIn
) -> tuple[int, AnswerOut]:
    question = selectors.question_by_id(question_id=question_id)
    ratelimit.hit_from_request(request, "answer")
    origin = Origin.from_request(
        request, anonymous=payload.anonymous, display_name=payload.anon_name
    )
    answer = services.post_answer(question=question, body=payload.body, **origin.author_kwargs())
    return 201, _answer(answer, None, [])


@router.post("/questions/{question_id}/vote", response=VoteOut, auth=django_auth)
def vote_question(request: HttpRequest, question_id: int, payload: VoteIn) -> VoteOut:
    question = selectors.question_by_id(question_id=question_id)
    ratelimit.hit_from_request(request, "vote")
    post = services.cast_vote(voter=_member(request), post=question, value=payload.value)
    return VoteOut(score=post.score, my_vote=payload.value)


@router.post("/answers/{answer_id}/vote", response=VoteOut, auth=django_auth)
def vote_answer(request: HttpRequest, answer_id: int, payload: VoteIn) -> VoteOut:
    answer = selectors.answer_by_id(answer_id=answer_id)
    ratelimit.hit_from_request(request, "vote")
    post = services.cast_vote(voter=_member(request), post=answer, value=payload.value)
    return VoteOut(score=post.score, my_vote=payload.value)
