"""The crisis support flow after screening. A post is never blocked or silenced by
screening: review and urgent posts go to the top of the crisis queue, urgent ones
alert on-duty moderators at once and escalate if nobody acts in time.

The posting layer screens a post once (posting.screening) and calls `route` inside
its transaction; tasks take ids."""

from __future__ import annotations

from django.utils import timezone

from mindwell.accounts.models import User
from mindwell.moderation.review import target_of
from mindwell.notifications import services as notifications
from mindwell.notifications.models import Kind
from mindwell.qa.models import Post
from mindwell.safety import alerts
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
    return alerts.record(
        post,
        tier=tier,
        source=RiskRecord.Source.SCREENING,
        rules=list(result.rules),
        reason=f"Crisis screening: {tier} ({result.explain()})",
    )


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
