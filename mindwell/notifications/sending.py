"""Storing emails in the outbox and sending them: claim (a lease) in a short transaction, talk
SMTP outside any transaction, record the outcome in another; sweep what dead workers left."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from mindwell.accounts.models import User
from mindwell.core import runtime
from mindwell.core.http import site_url
from mindwell.notifications import tasks
from mindwell.notifications.models import (
    OutboundEmail,
)
from mindwell.notifications.outbox import connection

log = logging.getLogger(__name__)


def _queue_email(
    *,
    to: str,
    recipient: User | None,
    dedupe_key: str,
    subject: str,
    lines: list[str],
    url: str,
    unsubscribe: str,
) -> OutboundEmail | None:
    """Store the email and enqueue its sending (both in the caller's transaction). Nothing
    for an address in the reserved `.invalid` domain (RFC 2606: the demo community's
    members), which no mail server could deliver."""
    if to.rstrip(".").lower().endswith(".invalid"):
        return None
    unsubscribe_url = site_url(reverse("notifications:unsubscribe", kwargs={"token": unsubscribe}))
    found = runtime.get_many(["general.site_name", "emails.subject_prefix"])
    prefix = found["emails.subject_prefix"] or f"[{found['general.site_name']}]"
    context = {
        "site_name": found["general.site_name"],
        "lines": lines,
        "url": url,
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": site_url(reverse("notifications:preferences")),
        "anonymous": recipient is None,
    }
    email, created = OutboundEmail.objects.get_or_create(
        dedupe_key=dedupe_key[:120],
        defaults={
            "to": to,
            "recipient": recipient,
            "subject": f"{prefix} {subject}"[:250],
            "text_body": render_to_string("notifications/email/event.txt", context),
            "html_body": render_to_string("notifications/email/event.html", context),
            "unsubscribe_url": unsubscribe_url,
        },
    )
    if not created:
        return None
    tasks.send_email.enqueue(str(email.pk))
    return email


def send_outbound_email(*, email_id: str) -> str:
    """Send one stored email; on failure retry with backoff until EMAIL_RETRY_FOR_SECONDS.

    Three steps, and no network inside a transaction (on SQLite a transaction locks every
    writer out): claim the row in a short transaction (status sending + a lease), talk SMTP
    with no transaction open, record the outcome in another short transaction. A worker that
    dies between the first and the last step leaves the lease to expire; `sweep_outbox` then
    sends the email again. Delivery is at least once, with a stable Message-ID.
    """
    email = _claim_email(email_id)
    if email is None:
        return "skipped"
    try:
        connection().send_messages([_message(email)])
    except Exception as exc:
        return _record_failure(email, exc)
    with transaction.atomic():
        OutboundEmail.objects.filter(pk=email.pk, status=OutboundEmail.Status.SENDING).update(
            status=OutboundEmail.Status.SENT, sent_at=timezone.now(), lease_until=None
        )
    return "sent"


def _claim_email(email_id: str) -> OutboundEmail | None:
    now = timezone.now()
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None:
            return None
        lapsed = (
            email.status == OutboundEmail.Status.SENDING
            and email.lease_until is not None
            and email.lease_until <= now
        )
        if email.status != OutboundEmail.Status.PENDING and not lapsed:
            return None
        email.status = OutboundEmail.Status.SENDING
        email.lease_until = now + timedelta(seconds=settings.EMAIL_LEASE_SECONDS)
        email.attempts += 1
        email.save(update_fields=["status", "lease_until", "attempts"])
    return email


def _message(email: OutboundEmail) -> EmailMultiAlternatives:
    headers = {"Message-ID": email.message_id, "Auto-Submitted": "auto-generated"}
    if email.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text_body,
        from_email=email.from_email or None,
        to=[email.to],
        headers=headers,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message


def _record_failure(email: OutboundEmail, exc: Exception) -> str:
    now = timezone.now()
    error = f"{type(exc).__name__}: {exc}"[:2000]
    with transaction.atomic():
        claimed = OutboundEmail.objects.filter(pk=email.pk, status=OutboundEmail.Status.SENDING)
        if (now - email.created_at).total_seconds() >= settings.EMAIL_RETRY_FOR_SECONDS:
            claimed.update(status=OutboundEmail.Status.FAILED, last_error=error, lease_until=None)
            log.error("Gave up sending email %s: %s", email.pk, error)
            return "failed"
        delay = min(settings.EMAIL_RETRY_FIRST_DELAY_SECONDS * 2 ** (email.attempts - 1), 3600)
        retry_at = now + timedelta(seconds=delay)
        if claimed.update(
            status=OutboundEmail.Status.PENDING,
            last_error=error,
            next_attempt_at=retry_at,
            lease_until=None,
        ):
            tasks.send_email.using(run_after=retry_at).enqueue(str(email.pk))
    return "retrying"


def sweep_outbox(*, stale_after_seconds: int | None = None) -> int:
    """Enqueue again every email a dead worker left behind: pending emails whose time has come
    long ago (their task was lost with the worker) and sending emails whose lease has lapsed.
    Run by the worker at start and by the recurring maintenance task; returns how many."""
    now = timezone.now()
    stale = now - timedelta(seconds=stale_after_seconds or settings.EMAIL_SWEEP_AFTER_SECONDS)
    waiting = OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING).filter(
        Q(next_attempt_at__isnull=True, created_at__lte=stale) | Q(next_attempt_at__lte=stale)
    )
    lapsed = OutboundEmail.objects.filter(status=OutboundEmail.Status.SENDING, lease_until__lte=now)
    ids = [str(pk) for pk in waiting.values_list("pk", flat=True)[:1000]]
    ids += [str(pk) for pk in lapsed.values_list("pk", flat=True)[:1000]]
    for email_id in ids:
        tasks.send_email.enqueue(email_id)
    if ids:
        log.warning("Outbox sweep: %d email(s) left behind were queued again", len(ids))
    return len(ids)
