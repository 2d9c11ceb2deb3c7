"""A member's follows, inbox, email settings and emails: their part of the member's download
and of deleting the account (accounts/signals.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from mindwell.accounts.models import User
from mindwell.accounts.privacy import Erasure, rewrite, when
from mindwell.accounts.signals import member_erase, member_export
from mindwell.core.http import site_url
from mindwell.notifications.models import (
    EmailPreference,
    Follow,
    Notification,
    OutboundEmail,
)

HANDLES = {
    "notifications.Follow",
    "notifications.Notification",
    "notifications.EmailPreference",
    "notifications.OutboundEmail",
    "notifications.DigestItem",  # goes with its notification
}


def connect() -> None:
    member_export.connect(export, sender=User, dispatch_uid="notifications.privacy.export")
    member_erase.connect(erase, sender=User, dispatch_uid="notifications.privacy.erase")


def export(sender: Any, *, user: User, addresses: set[str], **kwargs: Any) -> dict[str, Any]:
    return {
        "follows": _follows(user),
        "notifications": _notifications(user),
        "email_preferences": [
            {"kind": p.kind, "mode": p.mode}
            for p in EmailPreference.objects.filter(user=user).order_by("kind")
        ],
        "emails": _emails(user, addresses),
    }


def erase(sender: Any, *, erasure: Erasure, phase: str, **kwargs: Any) -> None:
    user, scrub, own = erasure.user, erasure.scrub, erasure.own
    if phase == "names":
        about_their_posts = (
            Q(question_id__in=own.get("question", []))
            | Q(answer_id__in=own.get("answer", []))
            | Q(comment_id__in=own.get("comment", []))
        )
        others = Notification.objects.exclude(recipient=user)
        rewrite(others.filter(about_their_posts), ["text", "actor_name"], scrub)
        email_fields = ["subject", "text_body", "html_body"]
        sent = OutboundEmail.objects.filter(created_at__gte=user.date_joined).exclude(
            recipient=user
        )
        rewrite(sent.filter(scrub.candidates(email_fields)), email_fields, scrub)
    elif phase == "rows":
        to_them = Q(recipient=user)
        for address in erasure.addresses | erasure.notify_addresses:
            to_them |= Q(to__iexact=address)
        OutboundEmail.objects.filter(to_them).delete()
        Notification.objects.filter(recipient=user).delete()
        Follow.objects.filter(Q(user=user) | Q(member=user)).delete()
        EmailPreference.objects.filter(user=user).delete()


def _follows(user: User) -> list[dict[str, Any]]:
    rows = Follow.objects.filter(user=user).select_related("question", "tag", "category", "member")
    result = []
    for f in rows.order_by("created_at", "pk"):
        if f.question is not None:
            what = {"type": "question", "id": f.question.pk, "title": f.question.title}
        elif f.tag is not None:
            what = {"type": "tag", "name": f.tag.name}
        elif f.category is not None:
            what = {"type": "category", "name": f.category.name}
        else:
            what = {"type": "member", "username": f.member.username if f.member else None}
        result.append({**what, "since": when(f.created_at)})
    return result


def _notifications(user: User) -> list[dict[str, Any]]:
    rows = Notification.objects.filter(recipient=user).select_related("question")
    return [
        {
            "kind": n.kind,
            "text": n.text,
            "from": n.actor_name,
            "url": site_url(n.target_url),
            "created_at": when(n.created_at),
            "read_at": when(n.read_at),
        }
        for n in rows.order_by("created_at", "pk")
    ]


def _emails(user: User, addresses: set[str]) -> list[dict[str, Any]]:
    """Emails addressed to the member (never anyone else's address)."""
    to_them = Q(recipient=user)
    for address in addresses:
        to_them |= Q(to__iexact=address)
    rows = OutboundEmail.objects.filter(to_them).order_by("created_at")
    return [
        {
            "to": e.to,
            "subject": e.subject,
            "text": e.text_body,
            "status": e.status,
            "created_at": when(e.created_at),
            "sent_at": when(e.sent_at),
        }
        for e in rows
    ]
