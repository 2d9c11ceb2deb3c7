"""Every email the site sends goes through the durable outbox.

`OutboxBackend` is Django's EMAIL_BACKEND: sending a message (allauth's sign-up and password
reset emails, admin emails) stores it as an OutboundEmail row and enqueues its sending, in
the caller's transaction. The worker then sends it with the real backend (OUTBOX_EMAIL_BACKEND,
from EMAIL_URL) outside any transaction, retrying with backoff. So a slow or dead mail server
never slows or fails a page, and a known and an unknown address cost the same work.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

BACKEND = "mindwell.notifications.outbox.OutboxBackend"


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from mindwell.notifications import tasks
        from mindwell.notifications.models import OutboundEmail

        count = 0
        with transaction.atomic():
            for message in email_messages:
                html = ""
                if isinstance(message, EmailMultiAlternatives):
                    html = next(
                        (str(c) for c, mime in message.alternatives if mime == "text/html"), ""
                    )
                for to in message.recipients():
                    email = OutboundEmail.objects.create(
                        to=to,
                        from_email=message.from_email or "",
                        subject=str(message.subject)[:250],
                        text_body=str(message.body),
                        html_body=html,
                        unsubscribe_url="",
                        dedupe_key=f"mail:{uuid.uuid4()}",
                    )
                    tasks.send_email.enqueue(str(email.pk))
                count += 1
        return count


def connection(**kwargs: Any) -> BaseEmailBackend:
    """The backend that really delivers: OUTBOX_EMAIL_BACKEND when the outbox is the site's
    EMAIL_BACKEND, else EMAIL_BACKEND itself (tests swap in Django's in-memory backend)."""
    backend = settings.EMAIL_BACKEND
    if backend == BACKEND:
        backend = settings.OUTBOX_EMAIL_BACKEND
    return get_connection(backend, fail_silently=False, **kwargs)
