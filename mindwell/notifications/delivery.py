"""Who hears about what: posting code calls the entry points inside its own transaction; they
enqueue a durable task, so a rolled-back post sends nothing and a committed one is always
delivered by the worker (`deliver`). Also one-off notices (crisis alerts) and digests."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mindwell.accounts.models import User
from mindwell.core import runtime
from mindwell.core.http import site_url
from mindwell.notifications import tasks
from mindwell.notifications.inbox import _unread_key, email_mode, unsubscribe_token
from mindwell.notifications.models import (
    DigestItem,
    EmailPreference,
    Follow,
    Kind,
    Notification,
)
from mindwell.notifications.sending import _queue_email
from mindwell.qa.models import Answer, Comment, Post, Question, Status

MENTION = re.compile(r"(?<![\w@/])@([A-Za-z0-9_.-]{3,30})")
MAX_MENTIONS = 10


# Entry points for posting code (call inside the post's transaction) -------------


def question_posted(question: Question) -> None:
    tasks.deliver_event.enqueue("question", question.pk)


def answer_posted(answer: Answer) -> None:
    tasks.deliver_event.enqueue("answer", answer.pk)


def comment_posted(comment: Comment) -> None:
    tasks.deliver_event.enqueue("comment", comment.pk)


def answer_selected(answer: Answer) -> None:
    tasks.deliver_event.enqueue("selected", answer.pk)


def moderation_action(post: Post, *, action: str, message: str = "") -> None:
    """A moderator hid, restored or closed a post (`action` is shown to the author, with
    the moderator's `message` when they wrote one)."""
    key = {Question: "mod_question", Answer: "mod_answer", Comment: "mod_comment"}[type(post)]
    note = (message.strip(),) if message.strip() else ()
    tasks.deliver_event.enqueue(f"{key}:{action}", post.pk, *note)


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


def deliver(*, kind: str, object_id: int, message: str = "") -> None:
    """Work out who hears about an event and notify them, and tell the admin's event
    webhooks (notifications.webhooks). Safe to run twice."""
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
        _deliver_moderation(target, object_id, action, message)
    from mindwell.notifications import webhooks  # after the members: they come first

    webhooks.emit(kind=kind, object_id=object_id, action=kind.partition(":")[2])


def email_member(
    user: User, kind: str, event_key: str, subject: str, lines: list[str], *, path: str
) -> None:
    """One email to a member, outside the inbox (e.g. "your shift has ended"), by the
    durable outbox; sent once per event key."""
    if not user.email:
        return
    with transaction.atomic():
        _queue_email(
            to=user.email,
            recipient=user,
            dedupe_key=f"{kind}:{event_key}:{user.pk}",
            subject=subject,
            lines=lines,
            url=site_url(path),
            unsubscribe=unsubscribe_token(user_id=user.pk, kind=kind),
        )


def email_anonymous(
    post: Post,
    kind: str,
    event_key: str,
    text: str,
    *,
    path: str,
    lines: list[str] | None = None,
) -> None:
    """Email the address an anonymous poster left on this post (and nothing else):
    `text` is the subject, and the body when no `lines` are given."""
    _email_anonymous(post, kind, event_key, text, url=site_url(path), lines=lines)


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
        notify_member(
            user, Kind.FOLLOWED_ACTIVITY, f"question:{q.pk}", text, q, actor_name=q.byline_name
        )
    for user in _mentioned(q.body, actor):
        notify_member(
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
        notify_member(
            user, Kind.NEW_ANSWER, f"answer:{a.pk}", text, q, answer=a, actor_name=a.byline_name
        )
    if q.author_id is None and q.notify_email:
        _email_anonymous(
            q, Kind.NEW_ANSWER, f"answer:{a.pk}", text, url=site_url(a.get_absolute_url())
        )
    for user in _mentioned(a.body, actor | ids):
        notify_member(
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
        notify_member(
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
            parent, Kind.NEW_COMMENT, f"comment:{c.pk}", own, url=site_url(c.get_absolute_url())
        )
    for user in _mentioned(c.body, actor | ids):
        notify_member(
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
        notify_member(user, Kind.ANSWER_SELECTED, f"selected:{a.pk}", text, a.question, answer=a)
    if a.author_id is None and a.notify_email:
        _email_anonymous(
            a, Kind.ANSWER_SELECTED, f"selected:{a.pk}", text, url=site_url(a.get_absolute_url())
        )


def _deliver_moderation(target: str, post_id: int, action: str, message: str = "") -> None:
    model = {"mod_question": Question, "mod_answer": Answer, "mod_comment": Comment}.get(target)
    if model is None:
        return
    post = model.objects.filter(pk=post_id).first()
    if post is None:
        return
    question = post.thread
    text = f"A moderator {action} your post on: {question.title}"
    if message:  # the inbox keeps 300 characters; the email carries the whole message
        text = f"{text}. Their message: “{message}”"
    key = f"{target}:{post_id}:{action}:{timezone.now():%Y%m%d%H%M}"
    extra: dict[str, Any] = {}
    if isinstance(post, Answer):
        extra["answer"] = post
    elif isinstance(post, Comment):
        extra["comment"] = post
    for user in _members({post.author_id} if post.author_id else set(), set()):
        notify_member(user, Kind.MODERATION, key, text, question, **extra)
    if post.author_id is None and post.notify_email:
        _email_anonymous(
            post, Kind.MODERATION, key, text, url=site_url(question.get_absolute_url())
        )


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
    link: str = "",
    email: bool = True,
) -> None:
    """One inbox entry and, by the member's choice, an email now or in the digest
    (unless `email` is False, e.g. a batched crisis alert); `link` sends the entry
    somewhere other than the post (a crisis alert to the crisis queue)."""
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
                "link": link,
            },
        )
        if not created:
            return
        cache.delete(_unread_key(user.pk))
        if not email:
            return
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
            url=site_url(notification.target_url),
            unsubscribe=unsubscribe_token(user_id=user.pk, kind=kind),
        )


def _email_anonymous(
    post: Post, kind: str, event_key: str, text: str, *, url: str, lines: list[str] | None = None
) -> None:
    """Email an anonymous poster who left an address for this post (nothing else)."""
    post_key = f"{post.post_kind}:{post.pk}"
    with transaction.atomic():
        _queue_email(
            to=post.notify_email,
            recipient=None,
            dedupe_key=f"{kind}:{event_key}:anon:{post_key}",
            subject=text,
            lines=lines or [text],
            url=url,
            unsubscribe=unsubscribe_token(post=post_key),
        )


def next_digest_time(now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    hour = int(runtime.get("emails.digest_hour"))
    at = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    return at if at > now else at + timedelta(days=1)


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
        lines = [f"{i.notification.text} — {site_url(i.notification.target_url)}" for i in items]
        _queue_email(
            to=user.email,
            recipient=user,
            dedupe_key=f"digest:{user_id}:{items[0].pk}",
            subject=f"Your daily digest: {len(items)} update{'s' if len(items) != 1 else ''}",
            lines=lines,
            url=site_url(reverse("notifications:inbox")),
            unsubscribe=unsubscribe_token(user_id=user_id, kind=""),
        )
        DigestItem.objects.filter(pk__in=[i.pk for i in items]).delete()
