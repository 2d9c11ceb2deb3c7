"""JSON API for writing: asking, answering, voting; the same Origin, decision and
services as the pages (mindwell/posting/views.py). The operations join the questions
router (qa.api), since ninja keeps one path's methods in one router."""

from typing import Any, cast

from django.http import HttpRequest
from ninja.security import django_auth

from mindwell.accounts.models import User
from mindwell.core import ratelimit
from mindwell.core.errors import NotFound
from mindwell.posting import services
from mindwell.posting.origin import Origin
from mindwell.qa import selectors
from mindwell.qa.api import answer_out, question_summary, router
from mindwell.qa.schemas import AnswerIn, AnswerOut, QuestionIn, QuestionSummaryOut, VoteIn, VoteOut
from mindwell.taxonomy.models import Category


def _member(request: HttpRequest) -> User:
    """The member behind an endpoint with auth=django_auth."""
    return cast(User, request.user)


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
    return 201, question_summary(question)


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
    return 201, answer_out(answer, None, [])


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
