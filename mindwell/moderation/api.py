"""JSON API for flags and moderator actions: the same services, rate limits and audit
log as the moderation pages. A token needs the `moderate` scope for moderator actions,
and each such use is written to the audit log (accounts.api_auth.moderator)."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from mindwell.accounts.api_auth import MEMBER, member, moderator
from mindwell.core import ratelimit
from mindwell.core.api import WRITE_ERRORS
from mindwell.core.errors import NotAllowed, NotFound
from mindwell.moderation import selectors, services
from mindwell.qa import permissions
from mindwell.qa.models import Question

router = Router(tags=["moderation"])

PostKind = Literal["question", "answer", "comment"]


class FlagIn(Schema):
    reason: Literal["spam", "rude", "harmful", "at_risk", "soliciting", "other"] = Field(
        description="at_risk: someone may be at risk (goes to the crisis queue at once)."
    )
    text: str = Field("", max_length=500, description="What a moderator should know.")


class DoneOut(Schema):
    ok: bool = True
    message: str


class ModerateIn(Schema):
    action: Literal["hide", "restore", "delete", "undelete"]
    reason: str = Field("", max_length=2000)


class CloseIn(Schema):
    reason: str = Field(description="A close reason, as on the close form.", max_length=14)
    note: str = Field("", max_length=300)


ACTIONS = {
    "hide": services.hide_post,
    "restore": services.restore_post,
    "delete": services.delete_post,
    "undelete": services.undelete_post,
}


@router.post("/{kind}s/{post_id}/flag", response={201: DoneOut, **WRITE_ERRORS}, auth=MEMBER)
def flag_post(request: HttpRequest, kind: PostKind, post_id: int, payload: FlagIn) -> Status[Any]:
    """Flag a post for moderators, with a reason."""
    flagger = member(request, "write")
    post = selectors.post_by_kind(kind, post_id)
    if not permissions.can_see(flagger, post):
        raise NotFound("Post not found.")
    if refusal := permissions.why_not_flag(flagger, post):
        raise NotAllowed(refusal)
    ratelimit.hit_from_request(request, "flag")
    services.flag_post(flagger=flagger, post=post, reason=payload.reason, text=payload.text)
    return Status(201, DoneOut(message="Thank you. A moderator will look at it."))


@router.post("/{kind}s/{post_id}/moderate", response={200: DoneOut, **WRITE_ERRORS}, auth=MEMBER)
def moderate_post(
    request: HttpRequest, kind: PostKind, post_id: int, payload: ModerateIn
) -> DoneOut:
    """Hide, restore, delete or undelete a post (moderators)."""
    post = selectors.post_by_kind(kind, post_id)
    actor = moderator(request, action=f"{payload.action} {kind} {post_id}", target=post)
    ACTIONS[payload.action](moderator=actor, post=post, reason=payload.reason)
    return DoneOut(message=f"Done: {payload.action}.")


@router.post("/questions/{question_id}/close", response={200: DoneOut, **WRITE_ERRORS}, auth=MEMBER)
def close_question(request: HttpRequest, question_id: int, payload: CloseIn) -> DoneOut:
    """Close a question (moderators), with a reason from the close form."""
    question = selectors.post_by_kind("question", question_id)
    assert isinstance(question, Question)  # noqa: S101  (for mypy)
    actor = moderator(request, action=f"close question {question_id}", target=question)
    services.close_question(
        moderator=actor, question=question, reason=payload.reason, note=payload.note
    )
    return DoneOut(message="The question is closed.")


@router.post(
    "/questions/{question_id}/reopen", response={200: DoneOut, **WRITE_ERRORS}, auth=MEMBER
)
def reopen_question(request: HttpRequest, question_id: int) -> DoneOut:
    question = selectors.post_by_kind("question", question_id)
    assert isinstance(question, Question)  # noqa: S101  (for mypy)
    actor = moderator(request, action=f"reopen question {question_id}", target=question)
    services.reopen_question(moderator=actor, question=question)
    return DoneOut(message="The question is reopened.")
