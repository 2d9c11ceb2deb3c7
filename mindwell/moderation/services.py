"""What moderators (and members with privileges) do after a post is out: flags,
queues, hide/restore, delete/undelete, close/reopen, lock, pin, suspensions, IP
blocks. Every moderator action writes an audit entry."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from mindwell.accounts import roles
from mindwell.accounts.models import User
from mindwell.audit.services import audit
from mindwell.core.errors import Conflict, DomainError, NotAllowed, NotFound
from mindwell.moderation.models import (
    CloseVote,
    Flag,
    IPBlock,
    ModerationSettings,
    ReviewItem,
    Suspension,
)
from mindwell.moderation.review import open_review, target_of
from mindwell.notifications import services as notifications
from mindwell.posting import lifecycle
from mindwell.qa import permissions
from mindwell.qa.models import Answer, Comment, Post, Question, Status
from mindwell.safety import alerts as safety_alerts
from mindwell.safety import duty as safety_duty
from mindwell.safety import services as safety

HELD_REASON = "held"


def _require_moderator(actor: User) -> None:
    if not permissions.is_moderator(actor):
        raise NotAllowed("Only moderators can do this.")


def _resolve_open_items(post: Any, *, by: User | None, resolution: str) -> None:
    ReviewItem.objects.filter(state=ReviewItem.State.OPEN, **target_of(post)).update(
        state=ReviewItem.State.RESOLVED,
        resolved_at=timezone.now(),
        resolved_by=by,
        resolution=resolution,
    )


def _settle_flags(post: Any, *, upheld: bool) -> None:
    """Close the pending flags; flags a moderator dismisses weigh less next time."""
    flags = Flag.objects.filter(outcome=Flag.Outcome.PENDING, **target_of(post))
    flagger_ids = list(flags.values_list("flagger_id", flat=True))
    flags.update(
        outcome=Flag.Outcome.UPHELD if upheld else Flag.Outcome.DISMISSED,
        resolved_at=timezone.now(),
    )
    if not flagger_ids:
        return
    if upheld:
        User.objects.filter(pk__in=flagger_ids, flag_weight__lt=1.5).update(
            flag_weight=F("flag_weight") + 0.05
        )
    else:
        User.objects.filter(pk__in=flagger_ids).update(flag_weight=F("flag_weight") * 0.75)
        User.objects.filter(pk__in=flagger_ids, flag_weight__lt=0.1).update(flag_weight=0.1)


# Flags ----------------------------------------------------------------------------


@transaction.atomic
def flag_post(*, flagger: User, post: Post, reason: str, text: str = "") -> Flag:
    """Flag a post. Enough weight hides it until a moderator decides; the author is
    told kindly and can still edit it."""
    if reason not in Flag.Reason.values:
        raise DomainError("Choose a reason for the flag.")
    if reason == Flag.Reason.OTHER and not text.strip():
        raise DomainError("Please say what is wrong.")
    if post.status != Status.PUBLISHED:
        raise NotFound("Post not found.")
    if refusal := permissions.why_not_flag(flagger, post):
        raise NotAllowed(refusal)
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                flagger=flagger,
                reason=reason,
                text=text.strip()[:500],
                weight=flagger.flag_weight,
                **target_of(post),
            )
    except IntegrityError as exc:
        raise Conflict("You have already flagged this post.", code="already_flagged") from exc
    if reason == Flag.Reason.AT_RISK:
        # Like an urgent detection: the crisis queue, the on-duty alert, escalation.
        safety_alerts.report(post)
        safety.send_support_message(post)
    else:
        open_review(
            post, queue=ReviewItem.Queue.FLAGGED, reason=f"Flagged: {flag.get_reason_display()}"
        )
    weight = Flag.objects.filter(outcome=Flag.Outcome.PENDING, **target_of(post)).aggregate(
        total=Sum("weight")
    )["total"]
    threshold = ModerationSettings.load().flag_hide_threshold
    if weight >= threshold and reason != Flag.Reason.AT_RISK:
        lifecycle.set_status(post, Status.HIDDEN)
        notifications.moderation_action(post, action="hid while it is reviewed")
        audit(actor=None, action="auto_hide", target=post, reason=f"Flag weight {weight:.1f}")
    return flag


@transaction.atomic
def report_at_risk_as_visitor(*, post: Post, reporter_digest: str) -> Flag:
    """A logged-out visitor's "someone may be at risk" report (the only report visitors
    can make), counted once per network by a keyed digest; kept even if they leave."""
    if post.status != Status.PUBLISHED:
        raise NotFound("Post not found.")
    if not reporter_digest:
        raise DomainError("We could not take this report. Please try again.")
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                flagger=None,
                reporter_digest=reporter_digest,
                reason=Flag.Reason.AT_RISK,
                weight=1.0,
                **target_of(post),
            )
    except IntegrityError as exc:
        raise Conflict(
            "Thank you: this post has already been reported from your network, and "
            "moderators have been alerted.",
            code="already_flagged",
        ) from exc
    safety_alerts.report(post)
    safety.send_support_message(post)
    return flag


# Queues ---------------------------------------------------------------------------


def _load_post(item: ReviewItem) -> Post:
    post = item.post
    if post is None:
        raise NotFound("Post not found.")
    return post


@transaction.atomic
def resolve_review(
    *, moderator: User, item: ReviewItem, action: str, message: str = ""
) -> ReviewItem:
    """approve (publish / keep), hide, delete or dismiss (keep, flags dismissed)."""
    _require_moderator(moderator)
    item = ReviewItem.objects.select_for_update().get(pk=item.pk)
    if item.state != ReviewItem.State.OPEN:
        raise Conflict("Someone already dealt with this item.")
    post = _load_post(item)
    if action in ("approve", "dismiss"):
        if post.status in (Status.QUEUED, Status.HIDDEN):
            lifecycle.set_status(post, Status.PUBLISHED)
            if action == "approve" and message:
                notifications.moderation_action(post, action="approved", message=message)
        _settle_flags(post, upheld=False)
    elif action == "hide":
        lifecycle.set_status(post, Status.HIDDEN)
        _settle_flags(post, upheld=True)
        notifications.moderation_action(post, action="hid", message=message)
    elif action in ("reached_out", "no_action"):
        safety.set_outcome(post=post, outcome=action, moderator=moderator)
    elif action == "delete":
        lifecycle.set_status(post, Status.DELETED)
        _settle_flags(post, upheld=True)
        notifications.moderation_action(post, action="deleted", message=message)
    else:
        raise DomainError("Unknown review action.")
    _resolve_open_items(post, by=moderator, resolution=action)
    audit(actor=moderator, action=f"review_{action}", target=post, reason=message)
    item.refresh_from_db()
    return item


# Moderator actions on posts --------------------------------------------------------


ONLY_ADMINS_REVEAL = "Only an admin can reveal who wrote an anonymous post."
REVEAL_NEEDS_REASON = (
    "Give a reason: revealing who wrote an anonymous post is kept in the audit log with it."
)


@transaction.atomic
def reveal_author(*, admin: User, post: Post, reason: str) -> User | None:
    """Tell an admin (never a moderator) who wrote an anonymous post, for a reason that
    goes into the audit log with the look-up. None: a visitor without an account."""
    if not roles.is_admin(admin):
        raise NotAllowed(ONLY_ADMINS_REVEAL)
    if not post.is_anonymous:
        raise DomainError("This post is not anonymous.")
    reason = reason.strip()
    if not reason:
        raise DomainError(REVEAL_NEEDS_REASON, code="reason_required")
    audit(actor=admin, action="reveal_author", target=post, reason=reason[:2000])
    return post.author if post.author_id else None


def _apply(
    moderator: User,
    post: Post,
    *,
    status: str,
    action: str,
    reason: str,
    told: str = "",
    upheld: bool | None = None,
    resolve: bool = True,
) -> Post:
    """Move a post to `status` as a moderator: settle its flags (upheld or not),
    close its open queue items, tell the author, and write the audit entry."""
    _require_moderator(moderator)
    post = lifecycle.set_status(post, status)
    if upheld is not None:
        _settle_flags(post, upheld=upheld)
    if resolve:
        _resolve_open_items(post, by=moderator, resolution=action)
    if told:
        notifications.moderation_action(post, action=told)
    audit(actor=moderator, action=action, target=post, reason=reason)
    return post


@transaction.atomic
def hide_post(*, moderator: User, post: Post, reason: str = "") -> Post:
    return _apply(
        moderator, post, status=Status.HIDDEN, action="hide", reason=reason, told="hid", upheld=True
    )


@transaction.atomic
def restore_post(*, moderator: User, post: Post, reason: str = "") -> Post:
    return _apply(
        moderator, post, status=Status.PUBLISHED, action="restore", reason=reason, told="restored"
    )


@transaction.atomic
def delete_post(*, moderator: User, post: Post, reason: str = "") -> Post:
    """Soft delete: the post stays in the database and can be undeleted."""
    return _apply(
        moderator,
        post,
        status=Status.DELETED,
        action="delete",
        reason=reason,
        told="deleted",
        upheld=True,
    )


@transaction.atomic
def undelete_post(*, moderator: User, post: Post, reason: str = "") -> Post:
    return _apply(
        moderator, post, status=Status.PUBLISHED, action="undelete", reason=reason, resolve=False
    )


@transaction.atomic
def close_question(
    *,
    moderator: User,
    question: Question,
    reason: str,
    note: str = "",
    duplicate_of: Question | None = None,
) -> Question:
    _require_moderator(moderator)
    return _close(question, reason=reason, note=note, duplicate_of=duplicate_of, by=moderator)


def _close(
    question: Question, *, reason: str, note: str, duplicate_of: Question | None, by: User | None
) -> Question:
    if reason not in Question.CloseReason.values:
        raise DomainError("Choose a reason for closing.")
    if reason == Question.CloseReason.DUPLICATE:
        if duplicate_of is None or duplicate_of.pk == question.pk:
            raise DomainError("Say which question this duplicates.")
    else:
        duplicate_of = None
    Question.objects.filter(pk=question.pk).update(
        closed_at=timezone.now(),
        close_reason=reason,
        close_note=note[:300],
        duplicate_of=duplicate_of,
    )
    question.refresh_from_db()
    notifications.moderation_action(question, action="closed")
    audit(actor=by, action="close", target=question, reason=f"{reason} {note}".strip())
    return question


@transaction.atomic
def reopen_question(*, moderator: User, question: Question, reason: str = "") -> Question:
    _require_moderator(moderator)
    Question.objects.filter(pk=question.pk).update(
        closed_at=None, close_reason="", close_note="", duplicate_of=None
    )
    CloseVote.objects.filter(question=question).delete()
    question.refresh_from_db()
    notifications.moderation_action(question, action="reopened")
    audit(actor=moderator, action="reopen", target=question, reason=reason)
    return question


@transaction.atomic
def cast_close_vote(
    *, voter: User, question: Question, reason: str, duplicate_of: Question | None = None
) -> int:
    """A member with the privilege votes to close; enough votes close the question.
    Returns the number of votes so far."""
    if refusal := permissions.why_not_close_vote(voter, question):
        raise NotAllowed(refusal)
    if reason not in Question.CloseReason.values:
        raise DomainError("Choose a reason for closing.")
    Question.objects.select_for_update().filter(pk=question.pk).first()
    try:
        with transaction.atomic():
            CloseVote.objects.create(
                question=question, voter=voter, reason=reason, duplicate_of=duplicate_of
            )
    except IntegrityError as exc:
        raise Conflict("You have already voted to close this question.") from exc
    votes = CloseVote.objects.filter(question=question).count()
    if votes >= ModerationSettings.load().close_votes_needed:
        _close(
            question,
            reason=reason,
            note="Closed by community votes.",
            duplicate_of=duplicate_of,
            by=None,
        )
    return votes


def close_or_vote(
    *,
    actor: User,
    question: Question,
    reason: str,
    note: str = "",
    duplicate_of: Question | None = None,
) -> str:
    """A moderator closes at once; a member with the privilege casts a close vote.
    Returns what happened, in words."""
    if permissions.is_moderator(actor):
        close_question(
            moderator=actor,
            question=question,
            reason=reason,
            note=note,
            duplicate_of=duplicate_of,
        )
        return "The question is closed."
    votes = cast_close_vote(
        voter=actor, question=question, reason=reason, duplicate_of=duplicate_of
    )
    return f"Your vote to close is counted ({votes} so far)."


@transaction.atomic
def set_locked(*, moderator: User, question: Question, locked: bool, reason: str = "") -> None:
    _require_moderator(moderator)
    Question.objects.filter(pk=question.pk).update(locked=locked)
    audit(actor=moderator, action="lock" if locked else "unlock", target=question, reason=reason)


@transaction.atomic
def set_pinned(*, moderator: User, question: Question, pinned: bool) -> None:
    _require_moderator(moderator)
    Question.objects.filter(pk=question.pk).update(pinned=pinned)
    audit(actor=moderator, action="pin" if pinned else "unpin", target=question)


# Members --------------------------------------------------------------------------


@transaction.atomic
def restrict_member(
    *, moderator: User, member: User, kind: str, reason: str, days: int | None = None
) -> Suspension:
    """Suspend (no log-in) or silence (read-only) a member for `days`, or for good."""
    _require_moderator(moderator)
    if kind not in Suspension.Kind.values:
        raise DomainError("Choose suspend or silence.")
    if not reason.strip():
        raise DomainError("Give a reason; the member will see it.")
    protected = permissions.is_moderator(member) and not moderator.is_superuser
    if member.pk == moderator.pk or protected:
        raise NotAllowed("You cannot restrict this member.")
    ends = timezone.now() + timedelta(days=days) if days else None
    suspension = Suspension.objects.create(
        user=member, kind=kind, reason=reason.strip(), ends_at=ends, created_by=moderator
    )
    User.objects.filter(pk=member.pk).update(
        restriction=kind, restricted_until=ends, restriction_reason=reason.strip()
    )
    audit(
        actor=moderator,
        action=kind,
        target=member,
        reason=f"{reason} ({'permanent' if ends is None else f'{days} days'})",
    )
    return suspension


@transaction.atomic
def set_on_duty(*, moderator: User, on_duty: bool) -> None:
    """Go on duty for one shift, or off duty (the rota lives in safety.duty)."""
    _require_moderator(moderator)
    safety_duty.set_on_duty(moderator=moderator, on_duty=on_duty)


@transaction.atomic
def lift_restriction(*, moderator: User, member: User, reason: str = "") -> None:
    _require_moderator(moderator)
    Suspension.objects.filter(user=member, lifted_at__isnull=True).update(lifted_at=timezone.now())
    User.objects.filter(pk=member.pk).update(
        restriction="", restricted_until=None, restriction_reason=""
    )
    audit(actor=moderator, action="lift_restriction", target=member, reason=reason)


@transaction.atomic
def block_ip_of_post(*, moderator: User, post: Post, reason: str, days: int | None = 30) -> IPBlock:
    """Block the IP address digest a post came from (the address itself is unknown)."""
    _require_moderator(moderator)
    if not post.ip_digest:
        raise DomainError("This post's network is no longer known (digests expire).")
    ends = timezone.now() + timedelta(days=days) if days else None
    block = IPBlock.objects.create(
        ip_digest=post.ip_digest, reason=reason, created_by=moderator, expires_at=ends
    )
    audit(actor=moderator, action="block_ip", target=post, reason=reason)
    return block


def purge_ip_digests(*, older_than_days: int) -> int:
    """Forget the IP digests of posts older than the retention period."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    total = 0
    for model in (Question, Answer, Comment):
        total += (
            model.objects.filter(created_at__lt=cutoff).exclude(ip_digest="").update(ip_digest="")
        )
    IPBlock.objects.filter(expires_at__lt=timezone.now()).delete()
    return total
