from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mindwell.core.models import SingletonSettings


def _one_target() -> Q:
    return (
        Q(question__isnull=False, answer__isnull=True, comment__isnull=True)
        | Q(question__isnull=True, answer__isnull=False, comment__isnull=True)
        | Q(question__isnull=True, answer__isnull=True, comment__isnull=False)
    )


class PostTarget(models.Model):
    """Points at exactly one question, answer or comment."""

    question = models.ForeignKey(
        "qa.Question", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    answer = models.ForeignKey(
        "qa.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        "qa.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def post(self) -> Any:
        return self.question or self.answer or self.comment


class Flag(PostTarget):
    class Reason(models.TextChoices):
        SPAM = "spam", "Spam"
        RUDE = "rude", "Rude or abusive"
        HARMFUL = "harmful", "Harmful advice"
        AT_RISK = "at_risk", "Someone may be at risk"
        SOLICITING = "soliciting", "Professional soliciting"
        OTHER = "other", "Something else"

    class Outcome(models.TextChoices):
        PENDING = "pending", "Waiting for a moderator"
        UPHELD = "upheld", "Upheld"
        DISMISSED = "dismissed", "Dismissed"

    # A member, or None for a logged-out visitor's "someone may be at risk" report
    # (the only reason visitors can give), counted by a keyed digest of their network.
    flagger = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reporter_digest = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=12, choices=Reason.choices)
    text = models.CharField(max_length=500, blank=True)
    weight = models.FloatField(default=1.0)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=_one_target(), name="flag_one_target"),
            *[
                models.UniqueConstraint(
                    fields=["flagger", t],
                    condition=Q(**{f"{t}__isnull": False}),
                    name=f"flag_once_{t}",
                )
                for t in ("question", "answer", "comment")
            ],
            *[
                models.UniqueConstraint(
                    fields=["reporter_digest", t],
                    condition=Q(flagger__isnull=True, **{f"{t}__isnull": False}),
                    name=f"visitor_report_once_{t}",
                )
                for t in ("question", "answer", "comment")
            ],
            models.CheckConstraint(
                condition=Q(flagger__isnull=False) | Q(reason="at_risk", reporter_digest__gt=""),
                name="visitor_reports_only_at_risk",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} by {self.flagger_id}"


class ReviewItem(PostTarget):
    """A post waiting in a moderators' queue."""

    class Queue(models.TextChoices):
        FLAGGED = "flagged", "Flagged posts"
        HELD = "held", "Held for approval"
        FIRST_POST = "first_post", "First posts of new members"
        CRISIS = "crisis", "Crisis"

    class State(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    queue = models.CharField(max_length=12, choices=Queue.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    reason = models.CharField(max_length=300, blank=True)
    priority = models.IntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=_one_target(), name="review_one_target"),
            *[
                models.UniqueConstraint(
                    fields=["queue", t],
                    condition=Q(state="open", **{f"{t}__isnull": False}),
                    name=f"review_open_once_{t}",
                )
                for t in ("question", "answer", "comment")
            ],
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["queue", "state", "-priority", "created_at"], name="review_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.get_queue_display()}: {self.reason}"


class Suspension(models.Model):
    class Kind(models.TextChoices):
        SUSPEND = "suspend", "Suspended (cannot log in)"
        SILENCE = "silence", "Silenced (read-only)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    reason = models.TextField()
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Empty: permanent.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["user", "lifted_at"], name="suspension_user")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.user_id}"

    def is_active(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return (
            self.lifted_at is None
            and self.starts_at <= now
            and (self.ends_at is None or self.ends_at > now)
        )


class IPBlock(models.Model):
    """Posting from this IP address digest is refused (the address itself is not kept)."""

    ip_digest = models.CharField(max_length=64, db_index=True)
    reason = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Block {self.ip_digest[:8]}…"


class WatchedWord(models.Model):
    class Action(models.TextChoices):
        BLOCK = "block", "Block the post"
        HOLD = "hold", "Hold for review"
        FLAG = "flag", "Publish and flag for review"
        REPLACE = "replace", "Replace the word"

    word = models.CharField(
        max_length=100,
        unique=True,
        help_text="A word or phrase, matched whole and case-insensitively; * matches "
        "any letters (e.g. scam*).",
    )
    action = models.CharField(max_length=8, choices=Action.choices)
    replacement = models.CharField(max_length=100, blank=True, default="■■■")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.word} → {self.action}"


class CannedMessage(models.Model):
    """A kind, editable message moderators can send with an action."""

    name = models.CharField(max_length=80, unique=True)
    text = models.TextField()

    def __str__(self) -> str:
        return self.name


class CloseVote(models.Model):
    question = models.ForeignKey("qa.Question", on_delete=models.CASCADE, related_name="+")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20)
    duplicate_of = models.ForeignKey(
        "qa.Question", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["question", "voter"], name="close_vote_once")
        ]

    def __str__(self) -> str:
        return f"Close vote on {self.question_id}"


class ModerationSettings(SingletonSettings):
    """Pre-moderation and thresholds, editable by admins (one row)."""

    hold_anonymous_posts = models.BooleanField(
        default=False, help_text="Hold posts from visitors without an account until approved."
    )
    hold_below_points = models.PositiveIntegerField(
        default=0, help_text="Hold posts from members with fewer points than this (0: off)."
    )
    hold_posts_with_links = models.BooleanField(
        default=False, help_text="Hold every post that contains a link until approved."
    )
    review_first_posts = models.PositiveSmallIntegerField(
        default=1, help_text="Put this many first posts of a new member in the review queue."
    )
    new_member_hours = models.PositiveIntegerField(
        default=24, help_text="How long a new member is in the sandbox."
    )
    new_member_max_links = models.PositiveSmallIntegerField(
        default=2, help_text="More links than this in a sandboxed member's post hold it."
    )
    new_member_max_mentions = models.PositiveSmallIntegerField(
        default=3, help_text="More @mentions than this in a sandboxed member's post hold it."
    )
    flag_hide_threshold = models.FloatField(
        default=3.0, help_text="Flags weighing this much together hide a post until reviewed."
    )
    close_votes_needed = models.PositiveSmallIntegerField(default=3)
    challenge_visitors = models.BooleanField(
        default=False, help_text="Visitors answer a simple question before posting."
    )

    CACHE_KEY = "moderation-settings"

    class Meta:
        verbose_name = verbose_name_plural = "moderation settings"

    def __str__(self) -> str:
        return "Moderation settings"


class MaintenanceRun(models.Model):
    """One run of a maintenance command that an admin queued from the stats page; the
    background worker carries it out and writes its progress and result here."""

    class Command(models.TextChoices):
        RECOUNT_POINTS = "recount_points", "Recount members' points"
        REBUILD_SEARCH_INDEX = "rebuild_search_index", "Rebuild the search index"
        CHECK_CRISIS_LINES = "check_crisis_lines", "Check the crisis lines"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    command = models.CharField(max_length=24, choices=Command.choices)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    # An admin: SET_NULL when their account goes (the audit log keeps the name).
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    result = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_command_display()} ({self.get_state_display().lower()})"

    @property
    def active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)
