from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Kind(models.TextChoices):
    """What happened; each kind has its own email preference."""

    NEW_ANSWER = "new_answer", "New answers on questions I asked or follow"
    NEW_COMMENT = "new_comment", "New comments on my posts or posts I commented on"
    ANSWER_SELECTED = "answer_selected", "My answer selected as best"
    MODERATION = "moderation", "Moderator actions on my posts"
    MENTION = "mention", "Mentions of my @name"
    FOLLOWED_ACTIVITY = "followed", "New questions in tags, categories or from members I follow"
    SUPPORT = "support", "Private messages of support from moderators"
    CRISIS_ALERT = "crisis_alert", "Crisis alerts (moderators on duty)"


class Follow(models.Model):
    """A member follows one question, tag, category or member."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey("qa.Question", null=True, blank=True, on_delete=models.CASCADE)
    tag = models.ForeignKey("taxonomy.Tag", null=True, blank=True, on_delete=models.CASCADE)
    category = models.ForeignKey(
        "taxonomy.Category", null=True, blank=True, on_delete=models.CASCADE
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followers",
    )
    created_at = models.DateTimeField(default=timezone.now)

    TARGETS = ("question", "tag", "category", "member")

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=(
                    Q(
                        question__isnull=False,
                        tag__isnull=True,
                        category__isnull=True,
                        member__isnull=True,
                    )
                    | Q(
                        question__isnull=True,
                        tag__isnull=False,
                        category__isnull=True,
                        member__isnull=True,
                    )
                    | Q(
                        question__isnull=True,
                        tag__isnull=True,
                        category__isnull=False,
                        member__isnull=True,
                    )
                    | Q(
                        question__isnull=True,
                        tag__isnull=True,
                        category__isnull=True,
                        member__isnull=False,
                    )
                ),
                name="follow_one_target",
            ),
            *[
                models.UniqueConstraint(
                    fields=["user", target],
                    condition=Q(**{f"{target}__isnull": False}),
                    name=f"follow_once_{target}",
                )
                for target in ("question", "tag", "category", "member")
            ],
        ]

    def __str__(self) -> str:
        return f"Follow by {self.user_id}"


class Notification(models.Model):
    """One entry in a member's inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    question = models.ForeignKey("qa.Question", on_delete=models.CASCADE, related_name="+")
    answer = models.ForeignKey(
        "qa.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        "qa.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    actor_name = models.CharField(max_length=60, blank=True)
    text = models.CharField(max_length=300)
    # Where the entry links when not to the post (a crisis alert links to the crisis
    # queue, which needs a moderator's login; outreach links to the private thread).
    link = models.CharField(max_length=200, blank=True)
    # What caused it ("answer:12"), so a repeated delivery never adds a second entry.
    event_key = models.CharField(max_length=60)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "event_key"], name="notification_once"
            )
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["recipient", "-created_at"], name="inbox"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="inbox_unread"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def target_url(self) -> str:
        if self.link:
            return self.link
        url = self.question.get_absolute_url()
        if self.comment_id:
            return f"{url}#c{self.comment_id}"
        if self.answer_id:
            return f"{url}#a{self.answer_id}"
        return url


class EmailPreference(models.Model):
    class Mode(models.TextChoices):
        EACH = "each", "Each event"
        DIGEST = "digest", "Daily digest"
        OFF = "off", "Off"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    mode = models.CharField(max_length=6, choices=Mode.choices, default=Mode.EACH)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.mode}"


class OutboundEmail(models.Model):
    """An email on its way out: retried with backoff until sent or given up."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent (claimed by a worker until lease_until)"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up"
        CANCELLED = "cancelled", "Cancelled (unsubscribed)"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    to = models.EmailField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(max_length=250)
    text_body = models.TextField()
    html_body = models.TextField()
    unsubscribe_url = models.URLField(max_length=500, blank=True)  # blank: account emails
    from_email = models.CharField(max_length=250, blank=True)  # blank: DEFAULT_FROM_EMAIL
    # One email per event per address, however often the event is delivered.
    dedupe_key = models.CharField(max_length=120, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # A worker that claims the email owns it until then; a worker that dies leaves it to the
    # sweep, which sends it again (at least once; the Message-ID stays the same).
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["status", "created_at"], name="outbound_status"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"

    @property
    def message_id(self) -> str:
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "mindwell.local"
        return f"<{self.id}@{domain}>"


class DigestItem(models.Model):
    """An event waiting for a member's daily digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    notification = models.OneToOneField(Notification, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Digest item for {self.user_id}"


def _webhook_secret() -> str:
    import secrets

    return secrets.token_urlsafe(32)


class EventWebhook(models.Model):
    """An outgoing webhook for community events (new questions, answers, comments, best
    answers, moderation outcomes), configured by an admin. Never crisis content, never an
    anonymous post's account."""

    class Event(models.TextChoices):
        QUESTION = "question.created", "New question"
        ANSWER = "answer.created", "New answer"
        COMMENT = "comment.created", "New comment"
        BEST_ANSWER = "answer.selected", "Best answer selected"
        MODERATION = "moderation.outcome", "Moderation outcome"

    name = models.CharField(max_length=80)
    url = models.URLField(help_text="Where to POST each event (http or https).")
    secret = models.CharField(
        max_length=100,
        default=_webhook_secret,
        help_text="Signs each request: X-Mindwell-Signature: "
        "sha256=HMAC(secret, timestamp + '.' + body), with X-Mindwell-Timestamp.",
    )
    events = models.JSONField(
        default=list, blank=True, help_text="Event names to send; empty sends every event."
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name

    def wants(self, event: str) -> bool:
        return not self.events or event in self.events


class EventDelivery(models.Model):
    """One event sent (or being sent) to one webhook: the delivery log."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up"

    webhook = models.ForeignKey(EventWebhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=30)
    event_key = models.CharField(max_length=80)
    payload = models.JSONField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # The worker may deliver an event twice (at least once): one row per hook.
            models.UniqueConstraint(fields=["webhook", "event_key"], name="event_delivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.webhook} ({self.status})"
