"""JSON API for writing: ask, answer, comment, edit, vote, best answer. The same Origin,
rate limits and services as the pages (mindwell/posting/views.py): the services run the
one pre-publication decision (IP blocks, restrictions, watched words, pre-moderation,
professional-boundary holds, crisis routing), so a refusal reads the same through both
doors. The operations join the questions router (qa.api), since ninja keeps one path's
methods in one router."""

from functools import partial
from typing import Any

from django.http import HttpRequest
from ninja import Status

from mindwell.accounts.api_auth import MEMBER, member
from mindwell.core import ratelimit
from mindwell.core.api import WRITE_ERRORS
from mindwell.core.errors import NotFound
from mindwell.posting import services
from mindwell.posting.origin import Origin
from mindwell.qa import content, selectors
from mindwell.qa.api import answer_out, comment_out, question_summary, router
from mindwell.qa.models import Answer, Comment, Question
from mindwell.qa.schemas import (
    AnswerIn,
    AnswerOut,
    BestAnswerIn,
    BodyEditIn,
    CommentIn,
    CommentOut,
    QuestionEditIn,
    QuestionIn,
    QuestionSummaryOut,
    VoteIn,
    VoteOut,
)
from mindwell.taxonomy.models import Category


def _category(slug: str) -> Category:
    category = Category.objects.filter(slug=slug).first()
    if category is None:
        raise NotFound("Category not found.")
    return category


def _origin(request: HttpRequest, anonymous: bool, anon_name: str) -> Origin:
    return Origin.from_request(
        request, anonymous=anonymous, display_name=content.clean_anon_name(anon_name)
    )


@router.post("/questions", response={201: QuestionSummaryOut, **WRITE_ERRORS}, auth=MEMBER)
def create_question(request: HttpRequest, payload: QuestionIn) -> Status[Any]:
    """Ask a question. It may come back `queued` (waiting for a moderator), as on the site."""
    member(request)
    category = _category(payload.category)
    origin = _origin(request, payload.anonymous, payload.anon_name)
    ratelimit.hit_from_request(request, "question")
    question = services.ask_question(
        title=payload.title,
        body=payload.body,
        category=category,
        tags=payload.tags,
        content_warning=payload.content_warning,
        **origin.author_kwargs(),
    )
    return Status(201, question_summary(question))


@router.post(
    "/questions/{question_id}/answers", response={201: AnswerOut, **WRITE_ERRORS}, auth=MEMBER
)
def create_answer(request: HttpRequest, question_id: int, payload: AnswerIn) -> Status[Any]:
    member(request)
    question = selectors.question_by_id(question_id=question_id, with_tags=False)
    origin = _origin(request, payload.anonymous, payload.anon_name)
    ratelimit.hit_from_request(request, "answer")
    answer = services.post_answer(
        question=question,
        body=payload.body,
        content_warning=payload.content_warning,
        **origin.author_kwargs(),
    )
    return Status(201, answer_out(answer, None, []))


@router.post(
    "/questions/{question_id}/comments", response={201: CommentOut, **WRITE_ERRORS}, auth=MEMBER
)
def create_comment(request: HttpRequest, question_id: int, payload: CommentIn) -> Status[Any]:
    """Comment on the question, or on one of its answers (`answer_id`)."""
    member(request)
    question = selectors.question_by_id(question_id=question_id)
    answer = None
    if payload.answer_id is not None:
        answer = selectors.answer_by_id(answer_id=payload.answer_id)
        if answer.question_id != question.pk:
            raise NotFound("Answer not found.")
    origin = _origin(request, payload.anonymous, payload.anon_name)
    ratelimit.hit_from_request(request, "comment")
    comment = services.post_comment(
        question=question, answer=answer, body=payload.body, **origin.author_kwargs()
    )
    return Status(201, comment_out(comment))


@router.put(
    "/questions/{question_id}", response={200: QuestionSummaryOut, **WRITE_ERRORS}, auth=MEMBER
)
def edit_question(
    request: HttpRequest, question_id: int, payload: QuestionEditIn
) -> dict[str, Any]:
    """Edit a question (yours, or any with the editing privilege); a new revision."""
    editor = member(request)
    question = selectors.post_for_author(viewer=editor, model=Question, post_id=question_id)
    edited = services.edit_question(
        editor=editor,
        question=question,
        title=payload.title,
        body=payload.body,
        category=_category(payload.category),
        tags=payload.tags,
        summary=payload.summary,
    )
    return question_summary(edited)


@router.put("/answers/{answer_id}", response={200: AnswerOut, **WRITE_ERRORS}, auth=MEMBER)
def edit_answer(request: HttpRequest, answer_id: int, payload: BodyEditIn) -> AnswerOut:
    editor = member(request)
    answer = selectors.post_for_author(viewer=editor, model=Answer, post_id=answer_id)
    edited = services.edit_answer(
        editor=editor, answer=answer, body=payload.body, summary=payload.summary
    )
    return answer_out(edited, answer.question.accepted_answer_id, [])


@router.put("/comments/{comment_id}", response={200: CommentOut, **WRITE_ERRORS}, auth=MEMBER)
def edit_comment(request: HttpRequest, comment_id: int, payload: BodyEditIn) -> CommentOut:
    editor = member(request)
    comment = selectors.post_for_author(viewer=editor, model=Comment, post_id=comment_id)
    return comment_out(services.edit_comment(editor=editor, comment=comment, body=payload.body))


def _vote(request: HttpRequest, post: Question | Answer, value: int) -> VoteOut:
    voter = member(request)
    voted = services.cast_vote(
        voter=voter,
        post=post,
        value=value,
        first=partial(ratelimit.hit_from_request, request, "vote"),
    )
    return VoteOut(score=voted.score, my_vote=value)


@router.post("/questions/{question_id}/vote", response={200: VoteOut, **WRITE_ERRORS}, auth=MEMBER)
def vote_question(request: HttpRequest, question_id: int, payload: VoteIn) -> VoteOut:
    """Vote up (1) or down (-1), or withdraw your vote (0)."""
    return _vote(request, selectors.question_by_id(question_id=question_id), payload.value)


@router.post("/answers/{answer_id}/vote", response={200: VoteOut, **WRITE_ERRORS}, auth=MEMBER)
def vote_answer(request: HttpRequest, answer_id: int, payload: VoteIn) -> VoteOut:
    return _vote(request, selectors.answer_by_id(answer_id=answer_id), payload.value)


@router.post(
    "/questions/{question_id}/best-answer",
    response={200: QuestionSummaryOut, **WRITE_ERRORS},
    auth=MEMBER,
)
def select_best_answer(
    request: HttpRequest, question_id: int, payload: BestAnswerIn
) -> dict[str, Any]:
    """Select the best answer (the asker, or a moderator), or unselect it with null."""
    actor = member(request)
    question = selectors.question_by_id(question_id=question_id)
    answer = None
    if payload.answer_id is not None:
        answer = selectors.answer_by_id(answer_id=payload.answer_id)
        if answer.question_id != question.pk:
            raise NotFound("Answer not found.")
    return question_summary(
        services.select_best_answer(actor=actor, question=question, answer=answer)
    )
