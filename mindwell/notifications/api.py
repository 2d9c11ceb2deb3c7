"""JSON API for the signed-in member (/me): their inbox, follows and email settings, and
following or unfollowing. The member's own anonymous posts are theirs to see here only."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from mindwell.accounts import selectors as account_selectors
from mindwell.accounts.api_auth import MEMBER, member, token_of
from mindwell.core.api import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    READ_ERRORS,
    WRITE_ERRORS,
    keyset_page,
    next_link,
)
from mindwell.core.errors import NotFound
from mindwell.notifications import selectors, services
from mindwell.qa import selectors as qa_selectors
from mindwell.qa.models import Question, Status
from mindwell.taxonomy import selectors as taxonomy_selectors

router = Router(tags=["me"])

FollowKind = Literal["question", "tag", "category", "member"]


class MeOut(Schema):
    username: str
    name: str
    level: str
    points: int
    unread_notifications: int
    token_scopes: list[str] | None


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read: bool


class NotificationPageOut(Schema):
    results: list[NotificationOut]
    next: str | None


class FollowsOut(Schema):
    questions: list[int]
    tags: list[str]
    categories: list[str]
    members: list[str]


class MyQuestionOut(Schema):
    id: int
    title: str
    url: str
    status: str = Field(description="published, queued (waiting for a moderator) or hidden.")
    anonymous: bool = Field(description="Posted anonymously: only you see it is yours.")
    shown_as: str = Field(description="The name others see on it.")
    answer_count: int
    created_at: datetime


class MyQuestionPageOut(Schema):
    results: list[MyQuestionOut]
    next: str | None


class PreferenceOut(Schema):
    kind: str
    label: str
    mode: str


class DoneOut(Schema):
    ok: bool = True


class MarkedOut(Schema):
    marked: int


@router.get("/me", response={200: MeOut, **READ_ERRORS}, auth=MEMBER)
def me(request: HttpRequest) -> MeOut:
    user = member(request, "read")
    token = token_of(request)
    return MeOut(
        username=user.username,
        name=user.public_name,
        level=user.get_level_display(),
        points=user.points,
        unread_notifications=services.unread_count(user),
        token_scopes=list(token.scopes) if token else None,
    )


@router.get("/me/notifications", response={200: NotificationPageOut, **READ_ERRORS}, auth=MEMBER)
def my_notifications(
    request: HttpRequest,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),  # type: ignore[type-arg]
    cursor: str | None = Query(None, max_length=500),  # type: ignore[type-arg]
) -> dict[str, Any]:
    """Your inbox, newest first."""
    user = member(request, "read")
    rows, after = keyset_page(
        selectors.inbox(user), ["-created_at", "-id"], cursor=cursor, limit=limit
    )
    results = [
        NotificationOut(
            id=n.pk,
            kind=n.kind,
            text=n.text,
            url=n.target_url,
            created_at=n.created_at,
            read=n.read_at is not None,
        )
        for n in rows
    ]
    return {"results": results, "next": next_link(request, after)}


@router.post(
    "/me/notifications/{notification_id}/read",
    response={200: DoneOut, **WRITE_ERRORS},
    auth=MEMBER,
)
def mark_notification_read(request: HttpRequest, notification_id: int) -> DoneOut:
    services.mark_read(user=member(request, "write"), notification_id=notification_id)
    return DoneOut()


@router.post("/me/notifications/read-all", response={200: MarkedOut, **WRITE_ERRORS}, auth=MEMBER)
def mark_all_notifications_read(request: HttpRequest) -> MarkedOut:
    return MarkedOut(marked=services.mark_all_read(user=member(request, "write")))


@router.get("/me/follows", response={200: FollowsOut, **READ_ERRORS}, auth=MEMBER)
def my_follows(request: HttpRequest) -> FollowsOut:
    found = selectors.favourites(member(request, "read"))
    return FollowsOut(
        questions=[q.pk for q in found["questions"]],
        tags=[t.name for t in found["tags"]],
        categories=[c.slug for c in found["categories"]],
        members=[m.username for m in found["members"]],
    )


@router.get("/me/preferences", response={200: list[PreferenceOut], **READ_ERRORS}, auth=MEMBER)
def my_preferences(request: HttpRequest) -> list[PreferenceOut]:
    """Your email settings for each kind of notification."""
    rows = selectors.preferences(member(request, "read"))
    return [PreferenceOut(kind=k, label=label, mode=mode) for k, label, mode in rows]


def _target(kind: str, key: str, viewer: Any) -> Any:
    if kind == "question":
        if not key.isdigit():
            raise NotFound("Question not found.")
        question: Question = qa_selectors.question_by_id(question_id=int(key))
        return question
    if kind == "tag":
        return taxonomy_selectors.tag_by_name(key)
    if kind == "category":
        return taxonomy_selectors.category_by_slug(key)
    return account_selectors.member_by_username(key, viewer=viewer)


@router.put("/me/follows/{kind}/{key}", response={200: DoneOut, **WRITE_ERRORS}, auth=MEMBER)
def follow(request: HttpRequest, kind: FollowKind, key: str) -> DoneOut:
    """Follow a question (its id), a tag, a category (its slug) or a member (username)."""
    user = member(request, "write")
    services.follow(user=user, target=_target(kind, key[:150], user))
    return DoneOut()


@router.delete("/me/follows/{kind}/{key}", response={200: DoneOut, **WRITE_ERRORS}, auth=MEMBER)
def unfollow(request: HttpRequest, kind: FollowKind, key: str) -> DoneOut:
    user = member(request, "write")
    services.unfollow(user=user, target=_target(kind, key[:150], user))
    return DoneOut()


@router.get("/me/questions", response={200: MyQuestionPageOut, **READ_ERRORS}, auth=MEMBER)
def my_questions(
    request: HttpRequest,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),  # type: ignore[type-arg]
    cursor: str | None = Query(None, max_length=500),  # type: ignore[type-arg]
) -> dict[str, Any]:
    """Your questions, newest first, anonymous ones included (the only place the API
    links an anonymous post to anyone: you, with your own token or session)."""
    user = member(request, "read")
    mine = Question.objects.filter(
        author=user, status__in=[Status.PUBLISHED, Status.QUEUED, Status.HIDDEN]
    ).only("id", "slug", "title", "status", "is_anonymous", "author_name", "answer_count",
           "created_at", "author_id")  # fmt: skip
    rows, after = keyset_page(mine, ["-created_at", "-id"], cursor=cursor, limit=limit)
    results = [
        MyQuestionOut(
            id=q.pk,
            title=q.title,
            url=q.get_absolute_url(),
            status=q.status,
            anonymous=q.is_anonymous,
            shown_as=q.byline_name if q.is_anonymous else user.public_name,
            answer_count=q.answer_count,
            created_at=q.created_at,
        )
        for q in rows
    ]
    return {"results": results, "next": next_link(request, after)}
