"""JSON API for flags and every moderator action the moderation pages offer: hide,
restore, delete, undelete, close (or a close vote), reopen, lock, pin, content warnings,
blocking a post's network, suspending or silencing a member and lifting it, the review
queues and resolving their items, going on duty, trying the watched words. The same
services, rate limits and audit log as the pages. A token needs the `moderate` scope for
moderator actions and the queues, and each action through a token is written to the
audit log before it is done (accounts.api_auth.moderator); reading a queue is not
(polling would drown the log). Revealing an anonymous author stays on the admin's page."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from mindwell.accounts import roles
from mindwell.accounts import selectors as account_selectors
from mindwell.accounts.api_auth import (
    MEMBER,
    audit_token_use,
    member,
    moderator,
    require_moderator,
)
from mindwell.audit.models import action_label
from mindwell.core import ratelimit
from mindwell.core.api import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    READ_ERRORS,
    WRITE_ERRORS,
    ProblemOut,
    keyset_page,
    next_link,
)
from mindwell.core.errors import NotAllowed, NotFound
from mindwell.moderation import screening, selectors, services
from mindwell.moderation.models import ReviewItem
from mindwell.posting import services as posting
from mindwell.qa import permissions
from mindwell.qa.models import CONTENT_WARNINGS, Question
from mindwell.qa.models import Status as PostStatus
from mindwell.qa.schemas import AuthorOut

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
    note: str = Field("", max_length=300, description="Moderators only.")
    duplicate_of: int | None = Field(
        None, ge=1, le=2**31 - 1, description="With reason `duplicate`: the other question's id."
    )


class ContentWarningIn(Schema):
    topic: str = Field(
        "",
        max_length=20,
        description="A content warning: "
        + ", ".join(k for k, _ in CONTENT_WARNINGS)
        + "; empty removes it.",
    )


class ReasonIn(Schema):
    reason: str = Field("", max_length=2000)


class LockIn(Schema):
    locked: bool = Field(description="true locks (no new answers or comments); false unlocks.")
    reason: str = Field("", max_length=2000)


class PinIn(Schema):
    pinned: bool = Field(description="true pins the question to the top of its lists.")


class BlockIpIn(Schema):
    reason: str = Field("", max_length=300, description="Kept with the block (default: abuse).")


class RestrictIn(Schema):
    kind: Literal["suspend", "silence"] = Field(
        description="suspend: no log-in; silence: read-only."
    )
    reason: str = Field(max_length=1000, description="The member will see this.")
    days: int | None = Field(None, ge=1, le=3650, description="Null: until lifted.")


class RestrictionOut(Schema):
    username: str
    kind: str
    until: datetime | None = Field(description="Null: until lifted.")
    message: str


class OnDutyIn(Schema):
    on_duty: bool


class WatchedWordsIn(Schema):
    text: str = Field(max_length=20_000)


class WatchedMatchOut(Schema):
    word: str
    action: str
    found: str


class WatchedWordsOut(Schema):
    matches: list[WatchedMatchOut]
    replaced: str = Field(description="The text after the watched words' replacements.")


class FlagOut(Schema):
    reason: str
    text: str


class ReviewPostOut(Schema):
    kind: PostKind
    id: int
    question_id: int
    title: str = Field(description="The question's title.")
    body: str
    url: str
    author: AuthorOut
    status: str


class ReviewItemOut(Schema):
    id: int
    queue: str
    reason: str
    priority: int
    created_at: datetime
    post: ReviewPostOut | None = Field(description="Null when the post is gone.")
    flags: list[FlagOut] = Field(description="Pending flags on the post.")


class QueueOut(Schema):
    queue: str
    counts: dict[str, int] = Field(description="Open items in each queue you can open.")
    results: list[ReviewItemOut] = Field(description="Most urgent first.")


class AuditEntryOut(Schema):
    id: int
    created_at: datetime
    actor: str = Field(
        description="Who acted (`system`: the site itself). Only admins see members' names."
    )
    action: str = Field(description="A stable code, e.g. review_hide.")
    action_label: str = Field(description="The code in words, as the audit page shows it.")
    target_type: str
    target_label: str
    target_title: str = Field(description="For a post: its question's title.")
    target_url: str
    reason: str


class AuditPageOut(Schema):
    results: list[AuditEntryOut]
    next: str | None


class ResolveIn(Schema):
    action: Literal["approve", "hide", "delete", "dismiss", "reached_out", "no_action"] = Field(
        description="approve or dismiss keeps the post; reached_out and no_action are the "
        "crisis queue's outcomes."
    )
    message: str = Field("", max_length=2000, description="Told to the author.")


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


@router.post(
    "/{kind}s/{post_id}/content-warning", response={200: DoneOut, **WRITE_ERRORS}, auth=MEMBER
)
def set_content_warning(
    request: HttpRequest, kind: PostKind, post_id: int, payload: ContentWarningIn
) -> DoneOut:
    """Add, change or remove a post's content warning (its author, or a moderator: on
    someone else's post a token needs the `moderate` scope, and the use is audited)."""
    post = selectors.post_by_kind(kind, post_id)
    actor = member(request, "write")
    if not permissions.can_see(actor, post):
        raise NotFound("Post not found.")
    if not post.is_by(actor) and permissions.is_moderator(actor):
        actor = moderator(request, action=f"content warning {kind} {post_id}", target=post)
    posting.set_content_warning(actor=actor, post=post, topic=payload.topic)
    return DoneOut(message="The content warning is updated.")


def _question(question_id: int, *, published: bool = False) -> Question:
    question = Question.objects.filter(pk=question_id).first()
    if question is None or (published and question.status != PostStatus.PUBLISHED):
        raise NotFound("Question not found.")
    return question


@router.post("/questions/{question_id}/close", response={200: DoneOut, **WRITE_ERRORS}, auth=MEMBER)
def close_question(request: HttpRequest, question_id: int, payload: CloseIn) -> DoneOut:
    """Close a question, with a reason from the close form: a moderator closes it at
    once; a member with the close-vote privilege casts a vote, as on the close page."""
    question = _question(question_id, published=True)
    user = member(request, "write")
    is_mod = permissions.is_moderator(user)
    if not is_mod and (refusal := permissions.why_not_close_vote(user, question)):
        raise NotAllowed(refusal)
    duplicate = None
    if payload.duplicate_of is not None:
        duplicate = Question.objects.filter(
            pk=payload.duplicate_of, status=PostStatus.PUBLISHED
        ).first()
        if duplicate is None:
            raise NotFound("No such question.")
    if is_mod:
        user = moderator(request, action=f"close question {question_id}", target=question)
    done = services.close_or_vote(
        actor=user,
        question=question,
        reason=payload.reason,
        note=payload.note if is_mod else "",
        duplicate_of=duplicate,
    )
    return DoneOut(message=done)


@router.post(
    "/questions/{question_id}/reopen", response={200: DoneOut, **WRITE_ERRORS}, auth=MEMBER
)
def reopen_question(request: HttpRequest, question_id: int) -> DoneOut:
    question = _question(question_id)
    actor = moderator(request, action=f"reopen question {question_id}", target=question)
    services.reopen_question(moderator=actor, question=question)
    return DoneOut(message="The question is reopened.")


@router.post("/questions/{question_id}/lock", response={200: DoneOut, **WRITE_ERRORS}, auth=MEMBER)
def lock_question(request: HttpRequest, question_id: int, payload: LockIn) -> DoneOut:
    """Lock a question (no new answers, comments or votes) or unlock it (moderators)."""
    question = _question(question_id)
    verb = "lock" if payload.locked else "unlock"
    actor = moderator(request, action=f"{verb} question {question_id}", target=question)
    services.set_locked(
        moderator=actor, question=question, locked=payload.locked, reason=payload.reason
    )
    return DoneOut(message=f"Done: {verb}.")


@router.post("/questions/{question_id}/pin", response={200: DoneOut, **WRITE_ERRORS}, auth=MEMBER)
def pin_question(request: HttpRequest, question_id: int, payload: PinIn) -> DoneOut:
    """Pin a question to the top of its lists, or unpin it (moderators)."""
    question = _question(question_id)
    verb = "pin" if payload.pinned else "unpin"
    actor = moderator(request, action=f"{verb} question {question_id}", target=question)
    services.set_pinned(moderator=actor, question=question, pinned=payload.pinned)
    return DoneOut(message=f"Done: {verb}.")


@router.post("/{kind}s/{post_id}/block-ip", response={201: DoneOut, **WRITE_ERRORS}, auth=MEMBER)
def block_ip(request: HttpRequest, kind: PostKind, post_id: int, payload: BlockIpIn) -> Status[Any]:
    """Block posting from the network a post came from, for 30 days (moderators). The
    address itself is never known: the block holds its keyed digest."""
    post = selectors.post_by_kind(kind, post_id)
    actor = moderator(request, action=f"block_ip {kind} {post_id}", target=post)
    services.block_ip_of_post(moderator=actor, post=post, reason=payload.reason or "abuse")
    return Status(201, DoneOut(message="Posting from that network is blocked for 30 days."))


def _member_for_moderator(request: HttpRequest, username: str) -> tuple[Any, Any]:
    """The moderator and the member they act on: the moderator is checked first, so
    nobody else learns which usernames exist."""
    actor = require_moderator(request)
    target = account_selectors.member_by_username(username[:150], viewer=actor)
    return actor, target


@router.post(
    "/members/{username}/restrict", response={201: RestrictionOut, **WRITE_ERRORS}, auth=MEMBER
)
def restrict_member(request: HttpRequest, username: str, payload: RestrictIn) -> Status[Any]:
    """Suspend (no log-in) or silence (read-only) a member, for some days or until
    lifted (moderators). The member sees the reason."""
    actor, target = _member_for_moderator(request, username)
    audit_token_use(request, actor, action=f"{payload.kind} member", target=target)
    suspension = services.restrict_member(
        moderator=actor,
        member=target,
        kind=payload.kind,
        reason=payload.reason,
        days=payload.days,
    )
    out = RestrictionOut(
        username=target.username,
        kind=suspension.kind,
        until=suspension.ends_at,
        message="The member is restricted.",
    )
    return Status(201, out)


@router.post(
    "/members/{username}/lift-restriction", response={200: DoneOut, **WRITE_ERRORS}, auth=MEMBER
)
def lift_restriction(request: HttpRequest, username: str, payload: ReasonIn) -> DoneOut:
    """Lift a member's suspension or silence (moderators)."""
    actor, target = _member_for_moderator(request, username)
    audit_token_use(request, actor, action="lift restriction", target=target)
    services.lift_restriction(moderator=actor, member=target, reason=payload.reason)
    return DoneOut(message="The restriction is lifted.")


def _post_out(item: ReviewItem) -> ReviewPostOut | None:
    post = item.post
    if post is None:
        return None
    kind = item.kind  # type: ignore[attr-defined]
    question = post if kind == "question" else post.question
    return ReviewPostOut(
        kind=kind,
        id=post.pk,
        question_id=question.pk,
        title=question.title,
        body=post.body,
        url=post.page_url,
        author=AuthorOut.of(post),
        status=post.status,
    )


@router.get(
    "/moderation/queues/{name}",
    response={200: QueueOut, 403: ProblemOut, **READ_ERRORS},
    auth=MEMBER,
)
def review_queue(
    request: HttpRequest,
    name: Literal["flagged", "held", "first_post", "crisis"],
    limit: int = Query(50, ge=1, le=100),  # type: ignore[type-arg]
) -> QueueOut:
    """A review queue's open items, most urgent first, as the queue page lists them.
    Moderators open every queue; members with the review privilege (signed in on the
    site) open the flagged one. Resolve an item, then ask again for the next."""
    user = member(request, "moderate")
    if not permissions.can_review(user):
        raise NotAllowed("You need more points to see the review queue.")
    is_mod = permissions.is_moderator(user)
    if name not in dict(selectors.visible_queues(moderator=is_mod)):
        raise NotAllowed("Only moderators can open this queue.")
    items = selectors.open_items(name, moderator=is_mod, limit=limit)
    return QueueOut(
        queue=name,
        counts=selectors.queue_counts(moderator=is_mod),
        results=[
            ReviewItemOut(
                id=item.pk,
                queue=item.queue,
                reason=item.reason,
                priority=item.priority,
                created_at=item.created_at,
                post=_post_out(item),
                flags=[
                    FlagOut(reason=f.reason, text=f.text)
                    for f in item.flags  # type: ignore[attr-defined]
                ],
            )
            for item in items
        ],
    )


@router.post(
    "/moderation/items/{item_id}/resolve", response={200: DoneOut, **WRITE_ERRORS}, auth=MEMBER
)
def resolve_item(request: HttpRequest, item_id: int, payload: ResolveIn) -> DoneOut:
    """Resolve a review item: approve, hide, delete or dismiss its post, or record a
    crisis outcome (moderators)."""
    actor = require_moderator(request)
    item = ReviewItem.objects.filter(pk=item_id).first()
    if item is None:
        raise NotFound("Review item not found.")
    audit_token_use(
        request, actor, action=f"review_{payload.action} item {item_id}", target=item.post
    )
    services.resolve_review(
        moderator=actor, item=item, action=payload.action, message=payload.message
    )
    return DoneOut(message="Done.")


@router.post("/moderation/on-duty", response={200: DoneOut, **WRITE_ERRORS}, auth=MEMBER)
def on_duty(request: HttpRequest, payload: OnDutyIn) -> DoneOut:
    """Go on duty for crisis alerts (one shift), or off duty (moderators)."""
    actor = moderator(request, action="on duty" if payload.on_duty else "off duty")
    services.set_on_duty(moderator=actor, on_duty=payload.on_duty)
    return DoneOut(message="You are on duty." if payload.on_duty else "You are off duty.")


@router.post(
    "/moderation/watched-words/test", response={200: WatchedWordsOut, **WRITE_ERRORS}, auth=MEMBER
)
def try_watched_words(request: HttpRequest, payload: WatchedWordsIn) -> WatchedWordsOut:
    """Try a text against the watched words (moderators; the list is edited in the
    admin). Nothing is saved."""
    require_moderator(request)
    return WatchedWordsOut(
        matches=[
            WatchedMatchOut(word=m.word, action=m.action, found=m.found)
            for m in screening.watched_matches(payload.text)
        ],
        replaced=screening.apply_replacements(payload.text),
    )


@router.get(
    "/moderation/audit", response={200: AuditPageOut, 403: ProblemOut, **READ_ERRORS}, auth=MEMBER
)
def audit_log(
    request: HttpRequest,
    action: str = Query("", max_length=40),  # type: ignore[type-arg]
    actor: str = Query("", max_length=150),  # type: ignore[type-arg]
    target_type: str = Query("", max_length=20),  # type: ignore[type-arg]
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),  # type: ignore[type-arg]
    cursor: str | None = Query(None, max_length=500),  # type: ignore[type-arg]
) -> dict[str, Any]:
    """The audit log, newest first, with the audit page's filters (moderators). As on
    the page, a member's own entries name nobody unless an admin asks."""
    user = require_moderator(request)
    admin = roles.is_admin(user)
    entries = selectors.audit_entries(
        action=action, actor=actor, target_type=target_type, name_members=admin
    )
    rows, after = keyset_page(entries, ["-created_at", "-id"], cursor=cursor, limit=limit)
    selectors.describe_targets(rows)
    results = [
        AuditEntryOut(
            id=e.pk,
            created_at=e.created_at,
            actor=(
                "A member"
                if e.actor is not None and not e.actor.is_moderator and not admin
                else e.actor_name
            ),
            action=e.action,
            action_label=action_label(e.action),
            target_type=e.target_type,
            target_label=e.target_label,
            target_title=getattr(e, "target_title", ""),
            target_url=getattr(e, "target_url", ""),
            reason=e.reason,
        )
        for e in rows
    ]
    return {"results": results, "next": next_link(request, after)}
