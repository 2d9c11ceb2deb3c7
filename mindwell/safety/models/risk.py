from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class RiskRecord(models.Model):
    """The screening result on one post's moderation record: tier, rule ids, time and
    the moderator's outcome; nothing about the person. Expires (and is purged)."""

    class Tier(models.TextChoices):
        REVIEW = "review", "Review"
        URGENT = "urgent", "Urgent"

    class Source(models.TextChoices):
        SCREENING = "screening", "Crisis screening"
        REPORT = "report", "Someone reported it"

    class Outcome(models.TextChoices):
        PENDING = "pending", "Waiting"
        REACHED_OUT = "reached_out", "Reached out with support"
        NO_ACTION = "no_action", "No action needed"

    question = models.ForeignKey(
        "qa.Question", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    answer = models.ForeignKey(
        "qa.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        "qa.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    tier = models.CharField(max_length=8, choices=Tier.choices)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SCREENING)
    rules = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    # Review-tier records are alerted in batches; this marks the batch that carried it.
    alerted_at = models.DateTimeField(null=True, blank=True)
    # The moderator's structured assessment (kept with the record, expires with it).
    thoughts = models.BooleanField("thoughts of suicide or self-harm", default=False)
    plan = models.BooleanField("a plan", default=False)
    means = models.BooleanField("access to means", default=False)
    timeframe = models.BooleanField("a timeframe (soon, tonight)", default=False)
    protective = models.BooleanField("protective factors (people, reasons, support)", default=False)
    assessment_note = models.TextField(blank=True, max_length=2000)
    assessed_at = models.DateTimeField(null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=(
                    Q(question__isnull=False, answer__isnull=True, comment__isnull=True)
                    | Q(question__isnull=True, answer__isnull=False, comment__isnull=True)
                    | Q(question__isnull=True, answer__isnull=True, comment__isnull=False)
                ),
                name="risk_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.tier} ({', '.join(self.rules)})"

    @property
    def post(self) -> object:
        return self.question or self.answer or self.comment

    ASSESSMENT_FIELDS = ("thoughts", "plan", "means", "timeframe", "protective")
