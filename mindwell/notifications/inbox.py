"""The inbox (unread counts, reading), email preferences and one-click unsubscribing."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from mindwell.accounts import roles
from mindwell.accounts.models import User
from mindwell.core import runtime
from mindwell.core.errors import DomainError
from mindwell.notifications.models import (
    EmailPreference,
    Kind,
    Notification,
    OutboundEmail,
)
from mindwell.qa.models import Answer, Comment, Question

UNSUBSCRIBE_SALT = "mindwell.unsubscribe"


# Inbox ----------------------------------------------------------------------------


def _unread_key(user_id: int) -> str:
    return f"unread:{user_id}"


def unread_count(user: Any) -> int:
    """The member's unread notifications (cached until it changes)."""
    if not user.is_authenticated:
        return 0
    count = cache.get(_unread_key(user.pk))
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(_unread_key(user.pk), count, 3600)
    return int(count)


def mark_read(*, user: User, notification_id: int) -> Notification:
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        from mindwell.core.errors import NotFound

        raise NotFound("Notification not found.")
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
        cache.delete(_unread_key(user.pk))
    return notification


def mark_all_read(*, user: User) -> int:
    changed = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    cache.delete(_unread_key(user.pk))
    return changed


# Preferences and unsubscribing ----------------------------------------------------


def default_email_mode(kind: str) -> str:
    """The mode of a kind a member has not chosen: the admin's default (Emails), except
    crisis alerts, which reach moderators at once."""
    if kind == Kind.CRISIS_ALERT:
        return EmailPreference.Mode.EACH
    return str(runtime.get("emails.default_mode"))


def email_mode(user: User, kind: str) -> str:
    pref = EmailPreference.objects.filter(user=user, kind=kind).first()
    return pref.mode if pref else default_email_mode(kind)


CRISIS_ALERTS_STAY = (
    "Crisis alerts can't be turned off while you are a moderator: they are how a person "
    "at risk reaches someone. Go off duty instead, or ask an admin to change your role."
)


def set_email_preference(*, user: User, kind: str, mode: str) -> None:
    if kind not in Kind.values or mode not in EmailPreference.Mode.values:
        raise DomainError("Unknown notification setting.")
    if kind == Kind.CRISIS_ALERT and mode != EmailPreference.Mode.EACH and roles.is_moderator(user):
        raise DomainError(CRISIS_ALERTS_STAY, code="crisis_alerts_stay")
    EmailPreference.objects.update_or_create(user=user, kind=kind, defaults={"mode": mode})


def unsubscribe_token(*, user_id: int | None = None, kind: str = "", post: str = "") -> str:
    payload = {"u": user_id, "k": kind} if user_id else {"p": post}
    return signing.dumps(payload, salt=UNSUBSCRIBE_SALT, compress=True)


def describe_unsubscribe(token: str) -> dict[str, Any]:
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise DomainError("This unsubscribe link is not valid.", code="bad_token") from exc
    if "p" in payload:
        return {"post": payload["p"]}
    label = Kind(payload["k"]).label if payload.get("k") in Kind.values else "all notifications"
    return {"user_id": payload["u"], "kind": payload.get("k", ""), "label": label}


@transaction.atomic
def unsubscribe(token: str) -> str:
    """Carry out an unsubscribe link; returns what was done, in words."""
    info = describe_unsubscribe(token)
    if "post" in info:
        model_name, _, pk = str(info["post"]).partition(":")
        model = {"question": Question, "answer": Answer, "comment": Comment}.get(model_name)
        if model is None or not pk.isdigit():
            raise DomainError("This unsubscribe link is not valid.", code="bad_token")
        model.objects.filter(pk=int(pk)).update(notify_email="")
        OutboundEmail.objects.filter(
            dedupe_key__endswith=f":anon:{info['post']}", status=OutboundEmail.Status.PENDING
        ).update(status=OutboundEmail.Status.CANCELLED)
        return "Your email address has been removed from this post. No more emails about it."
    user = User.objects.filter(pk=info["user_id"]).first()
    if user is None:
        return "You are unsubscribed."
    kinds = [info["kind"]] if info["kind"] else list(Kind.values)
    kept = ""
    if roles.is_moderator(user) and Kind.CRISIS_ALERT in kinds:
        kinds.remove(Kind.CRISIS_ALERT)  # never silenced by one click (see CRISIS_ALERTS_STAY)
        kept = " " + CRISIS_ALERTS_STAY
    for kind in kinds:
        set_email_preference(user=user, kind=kind, mode=EmailPreference.Mode.OFF)
    pending = OutboundEmail.objects.filter(recipient=user, status=OutboundEmail.Status.PENDING)
    if info["kind"]:
        pending = pending.filter(dedupe_key__startswith=f"{info['kind']}:")
    else:
        pending = pending.exclude(dedupe_key__startswith=f"{Kind.CRISIS_ALERT}:")
    if kinds:
        pending.update(status=OutboundEmail.Status.CANCELLED)
        return f"You will no longer get emails for: {info['label']}.{kept}"
    return kept.strip()
