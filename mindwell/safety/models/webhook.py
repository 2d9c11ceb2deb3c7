"""A second channel for crisis alerts: an outgoing webhook (JSON, HMAC-signed).

Works with any chat tool that accepts incoming webhooks. The payload never carries a
post's title or text, only the kind of alert and a link that needs a moderator's login.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.db import models
from django.utils import timezone


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


class AlertWebhook(models.Model):
    name = models.CharField(max_length=80)
    url = models.URLField(help_text="Where to POST the alert (an incoming-webhook address).")
    secret = models.CharField(
        max_length=100,
        default=_new_secret,
        help_text="Signs each request: X-Mindwell-Signature: sha256=HMAC(secret, body).",
    )
    urgent_only = models.BooleanField(
        default=True, help_text="Send only urgent alerts and escalations (not review batches)."
    )
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up"

    webhook = models.ForeignKey(AlertWebhook, on_delete=models.CASCADE, related_name="deliveries")
    payload = models.JSONField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.webhook} {self.status}"
