"""Crisis alerts to outgoing webhooks: JSON, signed, retried with backoff.

Each alert becomes one WebhookDelivery per active webhook, stored in the alerting
transaction and sent by the worker (`tasks.send_webhook`). The body never carries a
post's title or text: the kind of alert, when, and a link to the crisis queue that needs
a moderator's login. The signature is `X-Mindwell-Signature: sha256=<hex HMAC-SHA256 of
the raw body with the webhook's secret>`; `X-Mindwell-Delivery` is the delivery id (the
same on each retry, so a receiver can drop duplicates).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from mindwell.core import runtime
from mindwell.core.http import site_url
from mindwell.core.webhooks import SIGNATURE_HEADER, is_http, post, retry_wait, sign
from mindwell.safety import tasks
from mindwell.safety.models import AlertWebhook, WebhookDelivery


def enqueue(*, event: str, urgent: bool, count: int = 1) -> int:
    """Store and schedule one delivery per active webhook; returns how many."""
    hooks = AlertWebhook.objects.filter(active=True)
    if not urgent:
        hooks = hooks.filter(urgent_only=False)
    made = 0
    for hook in hooks:
        payload = {
            "event": event,
            "urgent": urgent,
            "posts": count,
            "text": _TEXT.get(event, "A post may need a moderator's attention."),
            "queue_url": site_url(reverse("moderation:queue", kwargs={"name": "crisis"})),
            "created_at": timezone.now().isoformat(),
        }
        delivery = WebhookDelivery.objects.create(webhook=hook, payload=payload)
        tasks.send_webhook.enqueue(delivery.pk)  # in the alerting transaction
        made += 1
    return made


_TEXT = {
    "urgent": "Urgent: a post may need support now. Open the crisis queue.",
    "report": "Someone reported that a person may be at risk. Open the crisis queue.",
    "escalated": "Escalated: nobody has acted on a crisis post yet. Open the crisis queue.",
    "review": "Posts in the crisis queue need a look.",
    "nobody_on_duty": "Nobody is on duty: every moderator is alerted.",
}


def send(delivery_id: int) -> str:
    """One attempt; on failure, schedule the next with doubling backoff until the
    attempts run out. Returns the delivery's status."""
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
        return "gone" if delivery is None else delivery.status
    body = json.dumps(delivery.payload, sort_keys=True).encode()
    if not is_http(delivery.webhook.url):
        delivery.status, delivery.last_error = WebhookDelivery.Status.FAILED, "Not an http(s) URL."
        delivery.save(update_fields=["status", "last_error"])
        return delivery.status
    headers = {
        "User-Agent": f"{runtime.get('general.site_name')} crisis alerts",
        SIGNATURE_HEADER: sign(delivery.webhook.secret, body),
        "X-Mindwell-Delivery": str(delivery.pk),
    }
    delivery.attempts += 1
    _, error = post(
        delivery.webhook.url, body, headers, timeout=settings.CRISIS_WEBHOOK_TIMEOUT_SECONDS
    )
    if not error:
        delivery.status, delivery.sent_at, delivery.last_error = (
            WebhookDelivery.Status.SENT,
            timezone.now(),
            "",
        )
    else:
        delivery.last_error = error
        if delivery.attempts >= settings.CRISIS_WEBHOOK_ATTEMPTS:
            delivery.status = WebhookDelivery.Status.FAILED
        else:
            run_after = timezone.now() + retry_wait(delivery.attempts)
            tasks.send_webhook.using(run_after=run_after).enqueue(delivery.pk)
    delivery.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    return delivery.status
