"""Every at-risk signal reaches a person.

- An urgent detection and a "someone may be at risk" report (by a member or a visitor)
  alert the on-duty moderators at once (in-app and by email, and the webhooks), and
  escalate to every moderator and admin when nobody has acted in
  CRISIS_ESCALATE_AFTER_MINUTES.
- A review-tier detection alerts in-app, batched at most every CRISIS_REVIEW_BATCH_MINUTES,
  and escalates after CRISIS_REVIEW_ESCALATE_AFTER_MINUTES.
- When nobody is on duty, every moderator and admin is alerted.

No alert carries a post's title or text: the inbox entry, the email and the webhook say
what kind of alert it is and link to the crisis queue, which needs a moderator's login.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone

from mindwell.accounts import roles
from mindwell.accounts.models import User
from mindwell.moderation.models import ReviewItem
from mindwell.moderation.review import open_review, target_of
from mindwell.notifications import services as notifications
from mindwell.notifications.models import Kind
from mindwell.qa.models import Answer, Comment, Post
from mindwell.safety import duty, tasks, webhooks
from mindwell.safety.models import RiskRecord

TEXT = {
    "urgent": "Urgent: a post may need support now",
    "report": "Someone reported that a person may be at risk",
    "escalated": "Escalated: nobody has acted on a crisis post yet",
    "review": "Posts in the crisis queue need a look",
}


def queue_path() -> str:
    return reverse("moderation:queue", kwargs={"name": "crisis"})


def recipients(*, on_duty_only: bool) -> tuple[list[User], bool]:
    """Who hears: the moderators on duty, or (nobody on duty, or an escalation) every
    moderator and admin. Returns them and whether the whole team is alerted."""
    if on_duty_only:
        now_on = list(duty.on_duty())
        if now_on:
            return now_on, False
    return list(roles.moderators()), True


def alert(post: Post, *, event: str, urgent: bool = True, on_duty_only: bool = True) -> int:
    """Alert moderators about one post; returns how many were told."""
    people, everyone = recipients(on_duty_only=on_duty_only)
    text = TEXT[event] + (" (nobody is on duty)" if everyone and on_duty_only else "")
    for moderator in people:
        notifications.notify_member(
            moderator,
            Kind.CRISIS_ALERT,
            f"crisis:{event}:{post.post_kind}:{post.pk}",
            text,
            post.thread,
            answer=post if isinstance(post, Answer) else None,
            comment=post if isinstance(post, Comment) else None,
            link=queue_path(),
            email=urgent,
        )
    webhooks.enqueue(event=event, urgent=urgent)
    return len(people)


def record(post: Post, *, tier: str, source: str, rules: list[str], reason: str) -> RiskRecord:
    """Keep the signal on the post's moderation record, put the post in the crisis queue
    and make sure a person hears about it."""
    now = timezone.now()
    risk = RiskRecord.objects.create(
        tier=tier,
        source=source,
        rules=rules,
        expires_at=now + timedelta(days=settings.RISK_RECORD_DAYS),
        **target_of(post),
    )
    open_review(
        post,
        queue=ReviewItem.Queue.CRISIS,
        reason=reason,
        priority=100 if tier == RiskRecord.Tier.URGENT else 50,
    )
    if tier == RiskRecord.Tier.URGENT:
        risk.alerted_at = now
        risk.save(update_fields=["alerted_at"])
        alert(post, event="report" if source == RiskRecord.Source.REPORT else "urgent")
        after = settings.CRISIS_ESCALATE_AFTER_MINUTES
    else:
        _schedule_review_batch(risk)
        after = settings.CRISIS_REVIEW_ESCALATE_AFTER_MINUTES
    run_after = now + timedelta(minutes=after)
    transaction.on_commit(lambda: tasks.escalate_risk.using(run_after=run_after).enqueue(risk.pk))
    return risk


def _waiting_review() -> QuerySet[RiskRecord]:
    return RiskRecord.objects.filter(
        tier=RiskRecord.Tier.REVIEW, alerted_at__isnull=True, outcome=RiskRecord.Outcome.PENDING
    )


def _schedule_review_batch(risk: RiskRecord) -> None:
    """One batch alert at most every CRISIS_REVIEW_BATCH_MINUTES: the first waiting
    record schedules it; later ones ride along."""
    if _waiting_review().exclude(pk=risk.pk).exists():
        return  # a batch is already scheduled
    last = RiskRecord.objects.filter(tier=RiskRecord.Tier.REVIEW).aggregate(last=Max("alerted_at"))[
        "last"
    ]
    now = timezone.now()
    run_after = now
    if last is not None:
        run_after = max(now, last + timedelta(minutes=settings.CRISIS_REVIEW_BATCH_MINUTES))
    tasks.alert_review_batch.using(run_after=run_after).enqueue()


@transaction.atomic
def send_review_batch() -> int:
    """Alert the on-duty moderators (in-app) about every review-tier post waiting since
    the last batch. Returns the number of posts in the batch."""
    waiting = list(
        _waiting_review()
        .select_for_update(of=("self",))  # PostgreSQL: not the outer-joined posts
        .select_related("question", "answer__question", "comment__question")
    )
    if not waiting:
        return 0
    now = timezone.now()
    RiskRecord.objects.filter(pk__in=[r.pk for r in waiting]).update(alerted_at=now)
    post: Post = waiting[0].post  # type: ignore[assignment]
    people, everyone = recipients(on_duty_only=True)
    count = len(waiting)
    text = f"{TEXT['review']}: {count} new since the last alert" + (
        " (nobody is on duty)" if everyone else ""
    )
    for moderator in people:
        notifications.notify_member(
            moderator,
            Kind.CRISIS_ALERT,
            f"crisis:batch:{now:%Y%m%d%H%M%S}",
            text,
            post.thread,
            link=queue_path(),
            email=False,
        )
    webhooks.enqueue(event="review", urgent=False, count=count)
    return count


def escalate(record_id: int) -> bool:
    """If nobody has acted on the post in time, alert every moderator and admin."""
    with transaction.atomic():
        risk = RiskRecord.objects.select_for_update().filter(pk=record_id).first()
        if risk is None or risk.outcome != RiskRecord.Outcome.PENDING or risk.escalated_at:
            return False
        post: Post = risk.post  # type: ignore[assignment]
        open_item = ReviewItem.objects.filter(
            queue=ReviewItem.Queue.CRISIS, state=ReviewItem.State.OPEN, **target_of(post)
        ).exists()
        if not open_item:
            return False
        risk.escalated_at = timezone.now()
        risk.save(update_fields=["escalated_at"])
        alert(post, event="escalated", on_duty_only=False)
        return True


def report(post: Post) -> RiskRecord:
    """A "someone may be at risk" report: treated like an urgent detection."""
    return record(
        post,
        tier=RiskRecord.Tier.URGENT,
        source=RiskRecord.Source.REPORT,
        rules=[],
        reason="Reported: someone may be at risk",
    )
