"""The crisis support flow after screening. A post is never blocked or silenced by
screening: review and urgent posts go to the top of the crisis queue, urgent ones
alert on-duty moderators at once and escalate if nobody acts in time.

The posting layer screens a post once (posting.screening) and calls `route` inside
its transaction; tasks take ids."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mindwell.accounts import roles
from mindwell.accounts.models import User
from mindwell.moderation.models import ReviewItem
from mindwell.moderation.review import open_review, target_of
from mindwell.notifications import services as notifications
from mindwell.notifications.models import Kind
from mindwell.qa.models import Answer, Comment, Post
from mindwell.safety import tasks
from mindwell.safety.models import RiskRecord
from mindwell.safety.screening import Screening, Tier
from mindwell.safety.screening.detector import screen


def screen_texts(
    texts: list[str], *, language: str | None = None, support: bool = True
) -> Screening:
    """One screening of a post's texts (title first), in whatever language they are.
    `support=False` when only review and urgent matter (see detector.screen)."""
    return screen("\n".join(t for t in texts if t), language=language, support=support)


def route(post: Post, result: Screening) -> Screening:
    """Route a new or edited post by its crisis screen (never blocks, never hides it)."""
    if result.tier >= Tier.REVIEW:
        record_risk(post, result)
    return result


def record_risk(post: Post, result: Screening) -> RiskRecord:
    tier = "urgent" if result.tier == Tier.URGENT else "review"
    record = RiskRecord.objects.create(
        tier=tier,
        rules=list(result.rules),
        expires_at=timezone.now() + timedelta(days=settings.RISK_RECORD_DAYS),
        **target_of(post),
    )
    open_review(
        post,
        queue=ReviewItem.Queue.CRISIS,
        reason=f"Crisis screening: {tier} ({result.explain()})",
        priority=100 if tier == "urgent" else 50,
    )
    if tier == "urgent":
        alert_moderators(post, on_duty_only=True, text="Urgent: a post may need support now")
        tasks.escalate_risk.using(
            run_after=timezone.now() + timedelta(minutes=settings.CRISIS_ESCALATE_AFTER_MINUTES)
        ).enqueue(record.pk)
    return record


def alert_moderators(post: Post, *, on_duty_only: bool, text: str) -> int:
    """In-app and email alerts to moderators (on duty, or all of them)."""
    moderators = roles.moderators()
    if on_duty_only:
        on_duty = moderators.filter(on_duty=True)
        moderators = on_duty if on_duty.exists() else moderators
    count = 0
    question = post.thread
    for moderator in moderators:
        notifications.notify_member(
            moderator,
            Kind.CRISIS_ALERT,
            f"crisis:{post.post_kind}:{post.pk}:{text[:12]}",
            f"{text}: {question.title}",
            question,
            answer=post if isinstance(post, Answer) else None,
            comment=post if isinstance(post, Comment) else None,
        )
        count += 1
    return count


def escalate(record_id: int) -> bool:
    """If nobody has acted on an urgent post in time, alert every moderator and admin."""
    with transaction.atomic():
        record = RiskRecord.objects.select_for_update().filter(pk=record_id).first()
        if record is None or record.outcome != RiskRecord.Outcome.PENDING:
            return False
        post: Post = record.post  # type: ignore[assignment]
        open_item = ReviewItem.objects.filter(
            queue=ReviewItem.Queue.CRISIS, state=ReviewItem.State.OPEN, **target_of(post)
        ).exists()
        if not open_item:
            return False
        record.escalated_at = timezone.now()
        record.save(update_fields=["escalated_at"])
        alert_moderators(post, on_duty_only=False, text="Escalated: nobody has acted yet")
        return True


def set_outcome(*, post: Post, outcome: str, moderator: User) -> None:
    RiskRecord.objects.filter(outcome=RiskRecord.Outcome.PENDING, **target_of(post)).update(
        outcome=outcome, outcome_at=timezone.now(), handled_by=moderator
    )


def send_support_message(post: Post) -> None:
    """A private, kind message with resources to the author of a post someone is
    worried about (in the inbox, or by email to an anonymous poster who left one)."""
    text = (
        "Someone in the community is thinking of you after your post. If things feel "
        "heavy right now, you don't have to go through it alone: support is available "
        "any time on the Get help now page."
    )
    question = post.thread
    key = f"support:{post.post_kind}:{post.pk}"
    if post.author_id and post.author is not None:
        notifications.notify_member(post.author, Kind.SUPPORT, key, text, question)
    elif post.notify_email:
        notifications.email_anonymous(post, Kind.SUPPORT, key, text, path="/help/")


def purge_expired() -> int:
    deleted, _ = RiskRecord.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted
