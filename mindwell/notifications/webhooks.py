"""Community events to outgoing webhooks (admin-configured): JSON, signed, retried.

The worker's `delivery.deliver` (run for every new question, answer, comment, best answer
and moderation outcome) calls `emit`, which stores one EventDelivery per active webhook
that wants the event and enqueues its sending (`tasks.send_event_webhook`). What is never
sent: a post on the crisis path (a risk record or a crisis-queue item on it or its
question), a post that is not published, and the account behind an anonymous post (its
public name only).

Each request carries `X-Mindwell-Event`, `X-Mindwell-Delivery` (the same on retries, to
drop duplicates), `X-Mindwell-Timestamp` (seconds) and `X-Mindwell-Signature:
sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the webhook's secret>`.
"""

from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from mindwell.core.http import site_url
from mindwell.core.webhooks import SIGNATURE_HEADER, is_http, post, retry_wait, sign
from mindwell.notifications import tasks
from mindwell.notifications.models import EventDelivery, EventWebhook
from mindwell.qa.models import Answer, Comment, Post, Question, Status

MODELS: dict[str, type[Post]] = {"question": Question, "answer": Answer, "comment": Comment}


def _on_crisis_path(post: Post) -> bool:
    question_id = post.pk if isinstance(post, Question) else post.question_id  # type: ignore[attr-defined]
    field = type(post).__name__.lower()
    near = Q(**{field: post.pk}) | Q(question_id=question_id)
    risk = apps.get_model("safety", "RiskRecord").objects.filter(near)
    crisis_items = apps.get_model("moderation", "ReviewItem").objects.filter(near, queue="crisis")
    return bool(risk.exists() or crisis_items.exists())


def _author(post: Post) -> dict[str, Any]:
    author = post.public_author
    return {"name": post.byline_name, "username": author.username if author else None}


def _post_data(post: Post) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": type(post).__name__.lower(),
        "id": post.pk,
        "url": site_url(post.page_url),
        "author": _author(post),
        "created_at": post.created_at.isoformat(),
    }
    if isinstance(post, Question):
        data.update(
            title=post.title,
            category=post.category.slug,
            tags=sorted(t.name for t in post.tags.all()),
        )
    else:
        data["question_id"] = post.question_id  # type: ignore[attr-defined]
    return data


def _event(kind: str, object_id: int, action: str) -> tuple[str, Post | None]:
    """The webhook event for a delivery kind, and the post it is about."""
    if kind.startswith("mod_"):
        model = MODELS.get(kind.partition(":")[0].removeprefix("mod_"))
        post = model.objects.filter(pk=object_id).first() if model else None
        return EventWebhook.Event.MODERATION.value, post
    if kind == "selected":
        return EventWebhook.Event.BEST_ANSWER.value, Answer.objects.filter(pk=object_id).first()
    model = MODELS.get(kind)
    post = model.objects.filter(pk=object_id).first() if model else None
    return f"{kind}.created", post


def emit(*, kind: str, object_id: int, action: str = "") -> int:
    """Store and schedule the event for every webhook that wants it; returns how many.
    Safe to run twice for one event (one delivery per webhook and event)."""
    active = list(EventWebhook.objects.filter(active=True))
    if not active:
        return 0  # the usual case: one query
    event, post = _event(kind, object_id, action)
    hooks = [h for h in active if h.wants(event)]
    if not hooks or post is None:
        return 0
    moderation = event == EventWebhook.Event.MODERATION
    if not moderation and post.status != Status.PUBLISHED:
        return 0
    if _on_crisis_path(post):
        return 0
    if moderation:
        # What the public can see: the outcome, and the post only while it is shown.
        data: dict[str, Any] = {
            "action": action,
            "post": {"type": type(post).__name__.lower(), "id": post.pk},
        }
        if post.status == Status.PUBLISHED:
            data["post"] = _post_data(post)
    else:
        data = _post_data(post)
    key = f"{kind}:{object_id}:{action}"[:80]
    made = 0
    for hook in hooks:
        payload = {"event": event, "created_at": timezone.now().isoformat(), "data": data}
        try:
            with transaction.atomic():
                delivery = EventDelivery.objects.create(
                    webhook=hook, event=event, event_key=key, payload=payload
                )
                tasks.send_event_webhook.enqueue(delivery.pk)
        except IntegrityError:
            continue  # delivered already (the event ran twice)
        made += 1
    return made


def send(delivery_id: int) -> str:
    """One attempt; on failure, the next after a doubling wait until the attempts run
    out (then "failed", kept in the admin's delivery log). Returns the status."""
    delivery = EventDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != EventDelivery.Status.PENDING:
        return "gone" if delivery is None else delivery.status
    body = json.dumps(delivery.payload, sort_keys=True).encode()
    if not is_http(delivery.webhook.url):
        delivery.status, delivery.last_error = EventDelivery.Status.FAILED, "Not an http(s) URL."
        delivery.save(update_fields=["status", "last_error"])
        return delivery.status
    timestamp = str(int(timezone.now().timestamp()))
    headers = {
        "User-Agent": f"{settings.SITE_NAME} webhooks",
        "X-Mindwell-Event": delivery.event,
        "X-Mindwell-Delivery": str(delivery.pk),
        "X-Mindwell-Timestamp": timestamp,
        SIGNATURE_HEADER: sign(delivery.webhook.secret, body, timestamp=timestamp),
    }
    delivery.attempts += 1
    status, error = post(
        delivery.webhook.url, body, headers, timeout=settings.EVENT_WEBHOOK_TIMEOUT_SECONDS
    )
    delivery.response_status, delivery.last_error = status, error
    if not error:
        delivery.status, delivery.sent_at, delivery.next_attempt_at = (
            EventDelivery.Status.SENT,
            timezone.now(),
            None,
        )
    elif delivery.attempts >= settings.EVENT_WEBHOOK_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = EventDelivery.Status.FAILED, None
    else:
        delivery.next_attempt_at = timezone.now() + retry_wait(delivery.attempts)
        tasks.send_event_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    delivery.save(
        update_fields=[
            "status",
            "attempts",
            "response_status",
            "last_error",
            "sent_at",
            "next_attempt_at",
        ]
    )
    return delivery.status
