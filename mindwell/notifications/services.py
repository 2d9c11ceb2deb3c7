"""Follows, the inbox and emails that never get lost.

Posting code calls the `*_posted`/`*_selected`/`moderation_action` functions inside
its own transaction: they enqueue a durable task (a database row), so a rolled-back
post sends nothing and a committed one is always delivered by the worker.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from mindwell.accounts.models import User
from mindwell.core.errors import DomainError
from mindwell.notifications import outbox, tasks
from mindwell.notifications.models import (
    DigestItem,
    EmailPreference,
    Follow,
    Kind,
    Notification,
    OutboundEmail,
)
from mindwell.qa.models import Answer, Comment, Post, Question, Status
from mindwell.taxonomy.models import Category, Tag

log = logging.getLogger(__name__)
MENTION = re.compile(r"(?<![\w@/])@([A-Za-z0-9_.-]{3,30})")
MAX_MENTIONS = 10
UNSUBSCRIBE_SALT = "mindwell.unsubscribe"


# Entry points for posting code (call inside the post's transaction) -------------


def question_posted(question: Question) -> None:
    tasks.deliver_event.enqueue("question", question.pk)


def answer_posted(answer: Answer) -> None:
    tasks.deliver_event.enqueue("answer", answer.pk)


def comment_posted(comment: Comment) -> None:
    tasks.deliver_event.enqueue("comment", comment.pk)


def answer_selected(answer: Answer) -> None:
    tasks.deliver_event.enqueue("selected", answer.pk)


def moderation_action(post: Post, *, action: str) -> None:
    """A moderator hid, restored or closed a post (`action` is shown to the author)."""
    key = {Question: "mod_question", Answer: "mod_answer", Comment: "mod_comment"}[type(post)]
    tasks.deliver_event.enqueue(f"{key}:{action}", post.pk)


# Follows ------------------------------------------------------------------------


def _target_field(target: Any) -> str:
    for model, name in (
        (Question, "question"),
        (Tag, "tag"),
        (Category, "category"),
        (User, "member"),
    ):
        if isinstance(target, model):
            return name
    raise DomainError("That cannot be followed.")


def follow(*, user: User, target: Any) -> None:
    field = _target_field(target)
    if field == "member" and target.pk == user.pk:
        raise DomainError("You cannot follow yourself.")
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(user=user, **{field: target})
    except IntegrityError:
        pass  # followed at the same moment elsewhere: the same result


def unfollow(*, user: User, target: Any) -> None:
    Follow.objects.filter(user=user, **{_target_field(target): target}).delete()


def is_following(user: Any, target: Any) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, **{_target_field(target): target}).exists()


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


def email_mode(user: User, kind: str) -> str:
    pref = EmailPreference.objects.filter(user=user, kind=kind).first()
    return pref.mode if pref else EmailPreference.Mode.EACH


def set_email_preference(*, user: User, kind: str, mode: str) -> None:
    if kind not in Kind.values or mode not in EmailPreference.Mode.values:
        raise DomainError("Unknown notification setting.")
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
    for kind in kinds:
        set_email_preference(user=user, kind=kind, mode=EmailPreference.Mode.OFF)
    pending = OutboundEmail.objects.filter(recipient=user, status=OutboundEmail.Status.PENDING)
    if info["kind"]:
        pending = pending.filter(dedupe_key__startswith=f"{info['kind']}:")
    pending.update(status=OutboundEmail.Status.CANCELLED)
    return f"You will no longer get emails for: {info['label']}."


# Delivery (run by the worker) -------------------------------------------------------


def _mentioned(body: str, exclude: set[int]) -> list[User]:
    names = list(dict.fromkeys(MENTION.findall(body)))[:MAX_MENTIONS]
    if not names:
        return []
    return [
        u for u in User.objects.filter(username__in=names, is_active=True) if u.pk not in exclude
    ]


def _members(ids: set[int], exclude: set[int]) -> list[User]:
    ids = {i for i in ids if i and i not in exclude}
    return list(User.objects.filter(pk__in=ids, is_active=True)) if ids else []


def deliver(*, kind: str, object_id: int) -> None:
    """Work out who hears about an event and notify them. Safe to run twice."""
    if kind == "question":
        _deliver_question(object_id)
    elif kind == "answer":
        _deliver_answer(object_id)
    elif kind == "comment":
        _deliver_comment(object_id)
    elif kind == "selected":
        _deliver_selected(object_id)
    elif kind.startswith("mod_"):
        target, _, action = kind.partition(":")
        _deliver_moderation(target, object_id, action)


def notify_member(
    user: User,
    kind: str,
    event_key: str,
    text: str,
    question: Question,
    *,
    answer: Answer | None = None,
    comment: Comment | None = None,
    actor_name: str = "",
) -> None:
    """Notify one member now (inbox, and email by their choice), e.g. a crisis alert."""
    _notify(
        user, kind, event_key, text, question, answer=answer, comment=comment, actor_name=actor_name
    )


def email_anonymous(post: Post, kind: str, event_key: str, text: str, *, path: str) -> None:
    """Email the address an anonymous poster left on this post (and nothing else)."""
    _email_anonymous(post, kind, event_key, text, url=_url(path))


def _visible(post: Post | None) -> bool:
    return post is not None and post.status == Status.PUBLISHED


def _deliver_question(question_id: int) -> None:
    q = Question.objects.select_related("category").filter(pk=question_id).first()
    if q is None or not _visible(q):
        return
    actor = {q.author_id} if q.author_id else set()
    follows = Q(tag__in=q.tags.all())
    ancestors = [int(i) for i in q.category.path.strip("/").split("/") if i]
    follows |= Q(category_id__in=ancestors)
    if q.author_id and not q.is_anonymous:
        follows |= Q(member_id=q.author_id)
    followers = set(Follow.objects.filter(follows).values_list("user_id", flat=True))
    text = f"New question: {q.title}"
    for user in _members(followers, actor):
        _notify(user, Kind.FOLLOWED_ACTIVITY, f"question:{q.pk}", text, q, actor_name=q.byline_name)
    for user in _mentioned(q.body, actor):
        _notify(
            user,
            Kind.MENTION,
            f"question:{q.pk}",
            f"{q.byline_name} mentioned you in: {q.title}",
            q,
            actor_name=q.byline_name,
        )


def _deliver_answer(answer_id: int) -> None:
    a = Answer.objects.select_related("question").filter(pk=answer_id).first()
    if a is None or not _visible(a) or not _visible(a.question):
        return
    q = a.question
    actor = {a.author_id} if a.author_id else set()
    follows = Q(question_id=q.pk)
    if a.author_id and not a.is_anonymous:
        follows |= Q(member_id=a.author_id)
    ids = set(Follow.objects.filter(follows).values_list("user_id", flat=True))
    if q.author_id:
        ids.add(q.author_id)
    text = f"{a.byline_name} answered: {q.title}"
    for user in _members(ids, actor):
        _notify(
            user, Kind.NEW_ANSWER, f"answer:{a.pk}", text, q, answer=a, actor_name=a.byline_name
        )
    if q.author_id is None and q.notify_email:
        _email_anonymous(q, Kind.NEW_ANSWER, f"answer:{a.pk}", text, url=_url(a.get_absolute_url()))
    for user in _mentioned(a.body, actor | ids):
        _notify(
            user,
            Kind.MENTION,
            f"answer:{a.pk}",
            f"{a.byline_name} mentioned you in: {q.title}",
            q,
            answer=a,
            actor_name=a.byline_name,
        )


def _deliver_comment(comment_id: int) -> None:
    c = Comment.objects.select_related("question", "answer").filter(pk=comment_id).first()
    if c is None or not _visible(c) or not _visible(c.question):
        return
    parent: Post = c.answer if c.answer_id else c.question
    if not _visible(parent):
        return
    actor = {c.author_id} if c.author_id else set()
    earlier = Comment.objects.filter(
        question_id=c.question_id, answer_id=c.answer_id, status=Status.PUBLISHED
    ).exclude(pk=c.pk)
    ids = set(earlier.exclude(author=None).values_list("author_id", flat=True))
    if parent.author_id:
        ids.add(parent.author_id)
    # Worded for each recipient: only the parent's author reads "your", so the text never
    # tells others whether an anonymous parent was written by a member or a visitor.
    thing = "answer on" if c.answer_id else "question"
    own = f"{c.byline_name} commented on your {thing}: {c.question.title}"
    other = f"{c.byline_name} commented on {'an answer on' if c.answer_id else ''}"
    other = f"{other.rstrip()}: {c.question.title}"
    for user in _members(ids, actor):
        _notify(
            user,
            Kind.NEW_COMMENT,
            f"comment:{c.pk}",
            own if user.pk == parent.author_id else other,
            c.question,
            answer=c.answer,
            comment=c,
            actor_name=c.byline_name,
        )
    if parent.author_id is None and parent.notify_email:
        _email_anonymous(
            parent, Kind.NEW_COMMENT, f"comment:{c.pk}", own, url=_url(c.get_absolute_url())
        )
    for user in _mentioned(c.body, actor | ids):
        _notify(
            user,
            Kind.MENTION,
            f"comment:{c.pk}",
            f"{c.byline_name} mentioned you in: {c.question.title}",
            c.question,
            comment=c,
            actor_name=c.byline_name,
        )


def _deliver_selected(answer_id: int) -> None:
    a = Answer.objects.select_related("question").filter(pk=answer_id).first()
    if a is None or not _visible(a) or a.question.accepted_answer_id != a.pk:
        return
    text = f"Your answer was selected as the best answer: {a.question.title}"
    actor = {a.question.author_id} if a.question.author_id else set()
    for user in _members({a.author_id} if a.author_id else set(), actor):
        _notify(user, Kind.ANSWER_SELECTED, f"selected:{a.pk}", text, a.question, answer=a)
    if a.author_id is None and a.notify_email:
        _email_anonymous(
            a, Kind.ANSWER_SELECTED, f"selected:{a.pk}", text, url=_url(a.get_absolute_url())
        )


def _deliver_moderation(target: str, post_id: int, action: str) -> None:
    model = {"mod_question": Question, "mod_answer": Answer, "mod_comment": Comment}.get(target)
    if model is None:
        return
    post = model.objects.filter(pk=post_id).first()
    if post is None:
        return
    question = post.thread
    text = f"A moderator {action} your post on: {question.title}"
    key = f"{target}:{post_id}:{action}:{timezone.now():%Y%m%d%H%M}"
    extra: dict[str, Any] = {}
    if isinstance(post, Answer):
        extra["answer"] = post
    elif isinstance(post, Comment):
        extra["comment"] = post
    for user in _members({post.author_id} if post.author_id else set(), set()):
        _notify(user, Kind.MODERATION, key, text, question, **extra)
    if post.author_id is None and post.notify_email:
        _email_anonymous(post, Kind.MODERATION, key, text, url=_url(question.get_absolute_url()))


def _url(path: str) -> str:
    return settings.SITE_URL + path


def _notify(
    user: User,
    kind: str,
    event_key: str,
    text: str,
    question: Question,
    *,
    answer: Answer | None = None,
    comment: Comment | None = None,
    actor_name: str = "",
) -> None:
    """One inbox entry and, by the member's choice, an email now or in the digest."""
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            recipient=user,
            kind=kind,
            event_key=event_key,
            defaults={
                "question": question,
                "answer": answer,
                "comment": comment,
                "actor_name": actor_name,
                "text": text[:300],
            },
        )
        if not created:
            return
        cache.delete(_unread_key(user.pk))
        mode = email_mode(user, kind)
        if mode == EmailPreference.Mode.OFF or not user.email:
            return
        if mode == EmailPreference.Mode.DIGEST:
            first = not DigestItem.objects.filter(user=user).exists()
            DigestItem.objects.create(user=user, notification=notification)
            if first:
                tasks.send_digest.using(run_after=next_digest_time()).enqueue(user.pk)
            return
        _queue_email(
            to=user.email,
            recipient=user,
            dedupe_key=f"{kind}:{event_key}:{user.pk}",
            subject=text,
            lines=[text],
            url=_url(notification.target_url),
            unsubscribe=unsubscribe_token(user_id=user.pk, kind=kind),
        )


def _email_anonymous(post: Post, kind: str, event_key: str, text: str, *, url: str) -> None:
    """Email an anonymous poster who left an address for this post (nothing else)."""
    post_key = f"{post.post_kind}:{post.pk}"
    with transaction.atomic():
        _queue_email(
            to=post.notify_email,
            recipient=None,
            dedupe_key=f"{kind}:{event_key}:anon:{post_key}",
            subject=text,
            lines=[text],
            url=url,
            unsubscribe=unsubscribe_token(post=post_key),
        )


def next_digest_time(now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    at = now.replace(hour=settings.DIGEST_HOUR_UTC, minute=0, second=0, microsecond=0)
    return at if at > now else at + timedelta(days=1)


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
    """Store the email and enqueue its sending (both in the caller's transaction)."""
    unsubscribe_url = _url(reverse("notifications:unsubscribe", kwargs={"token": unsubscribe}))
    context = {
        "site_name": settings.SITE_NAME,
        "lines": lines,
        "url": url,
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": _url(reverse("notifications:preferences")),
        "anonymous": recipient is None,
    }
    email, created = OutboundEmail.objects.get_or_create(
        dedupe_key=dedupe_key[:120],
        defaults={
            "to": to,
            "recipient": recipient,
            "subject": f"[{settings.SITE_NAME}] {subject}"[:250],
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
        outbox.connection().send_messages([_message(email)])
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


def send_digest(*, user_id: int) -> None:
    """Gather the member's waiting digest items into one email."""
    with transaction.atomic():
        items = list(
            DigestItem.objects.select_for_update()
            .filter(user_id=user_id)
            .select_related("notification__question")
            .order_by("created_at")
        )
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if not items or user is None or not user.email:
            DigestItem.objects.filter(pk__in=[i.pk for i in items]).delete()
            return
        lines = [f"{i.notification.text} — {_url(i.notification.target_url)}" for i in items]
        _queue_email(
            to=user.email,
            recipient=user,
            dedupe_key=f"digest:{user_id}:{items[0].pk}",
            subject=f"Your daily digest: {len(items)} update{'s' if len(items) != 1 else ''}",
            lines=lines,
            url=_url(reverse("notifications:inbox")),
            unsubscribe=unsubscribe_token(user_id=user_id, kind=""),
        )
        DigestItem.objects.filter(pk__in=[i.pk for i in items]).delete()
