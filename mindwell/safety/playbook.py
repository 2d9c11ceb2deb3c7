"""The moderator's playbook inside the crisis queue: private outreach to the poster and a
structured assessment on the risk record. (Holding back method details is an edit of the
post: `posting.services.hold_back_passage`.)

Outreach starts from a warm template (CrisisTemplate) with the poster's crisis lines
inserted, and must be changed before it is sent: a person, not a form letter. Members
read it in their inbox (anonymous posts too: the entry is in the author's own inbox and
names nobody); a visitor who left a notification email gets it by email. The thread is
visible to the poster and moderators only; every message is audited.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from mindwell.accounts import roles
from mindwell.accounts.models import User
from mindwell.audit.services import audit
from mindwell.core import markdown
from mindwell.core.errors import DomainError, NotAllowed, NotFound
from mindwell.moderation.review import target_of
from mindwell.notifications import services as notifications
from mindwell.notifications.models import Kind
from mindwell.qa.models import Post
from mindwell.safety import resources
from mindwell.safety.models import CrisisTemplate, OutreachMessage, ReaderPreference, RiskRecord

MESSAGE_MAX = 4000
_SPACE = re.compile(r"\s+")


def _require_moderator(user: Any) -> None:
    if not roles.is_moderator(user):
        raise NotAllowed("Only moderators can do this.")


# Outreach --------------------------------------------------------------------------


def crisis_lines_text(poster: User | None) -> str:
    """The poster's crisis lines as plain lines (their saved country, else the
    international fallback)."""
    country = ""
    if poster is not None:
        pref = ReaderPreference.objects.filter(user=poster).first()
        country = getattr(pref, "country", "") or ""
    options = resources.crisis_options(country)
    lines = []
    for line in (options.primary, options.text_or_chat, options.emergency, options.international):
        if line is None:
            continue
        contact = line.phone or line.text_number or line.chat_url
        lines.append(
            f"- {line.service_name}: {contact}" + (f" ({line.hours})" if line.hours else "")
        )
    return "\n".join(lines) or "- Your local emergency number"


def templates_for(post: Post) -> list[dict[str, str]]:
    """Each template with the poster's crisis lines filled in."""
    lines = crisis_lines_text(post.author)
    return [
        {"id": str(t.pk), "title": t.title, "body": t.body.replace("{crisis_lines}", lines)}
        for t in CrisisTemplate.objects.all()
    ]


def _same(a: str, b: str) -> bool:
    return _SPACE.sub(" ", a).strip().lower() == _SPACE.sub(" ", b).strip().lower()


def thread(post: Post) -> QuerySet[OutreachMessage]:
    return OutreachMessage.objects.filter(**target_of(post)).select_related("moderator")


@transaction.atomic
def send_outreach(
    *, moderator: User, post: Post, body: str, template_id: str = ""
) -> OutreachMessage:
    """A private message from a moderator to the author of a post."""
    _require_moderator(moderator)
    body = markdown.clean_text(body).strip()
    if len(body) < 20:
        raise DomainError("Please write a few sentences to the person.")
    if len(body) > MESSAGE_MAX:
        raise DomainError(f"Please keep the message under {MESSAGE_MAX} characters.")
    for template in templates_for(post):
        if _same(body, template["body"]):
            raise DomainError(
                "Please make the template your own before sending: use their words, "
                "say what you noticed in their post. A person should write to a person.",
                code="template_unchanged",
            )
    if post.author_id is None and not post.notify_email:
        raise DomainError(
            "This visitor left no email address, so a private message cannot reach them. "
            "A public, kind comment with the crisis lines is the way to reach them.",
            code="unreachable",
        )
    message = OutreachMessage.objects.create(
        poster=post.author, moderator=moderator, body=body, **target_of(post)
    )
    path = reverse("safety:outreach_thread", args=[post.post_kind, post.pk])
    key = f"outreach:{message.pk}"
    if post.author is not None:
        notifications.notify_member(
            post.author,
            Kind.SUPPORT,
            key,
            "A private message from a moderator, who read your post",
            post.thread,
            link=path,
        )
    else:
        notifications.email_anonymous(
            post,
            Kind.SUPPORT,
            key,
            "A private message from a moderator",
            lines=[*body.splitlines(), "", "This message is only for you; nobody else can see it."],
            path=reverse("safety:help"),
        )
    RiskRecord.objects.filter(outcome=RiskRecord.Outcome.PENDING, **target_of(post)).update(
        outcome=RiskRecord.Outcome.REACHED_OUT, outcome_at=timezone.now(), handled_by=moderator
    )
    audit(actor=moderator, action="outreach", target=post, reason=f"message {message.pk}")
    return message


@transaction.atomic
def reply(*, poster: User, post: Post, body: str) -> OutreachMessage:
    """The poster answers the moderators in the private thread."""
    if post.author_id != poster.pk:
        raise NotFound("Message not found.")
    if not thread(post).exists():
        raise NotFound("Message not found.")
    body = markdown.clean_text(body).strip()
    if not body:
        raise DomainError("Write a message first.")
    if len(body) > MESSAGE_MAX:
        raise DomainError(f"Please keep the message under {MESSAGE_MAX} characters.")
    message = OutreachMessage.objects.create(
        poster=poster, from_poster=True, body=body, **target_of(post)
    )
    last = thread(post).filter(from_poster=False).order_by("-created_at").first()
    if last is not None and last.moderator is not None:
        notifications.notify_member(
            last.moderator,
            Kind.CRISIS_ALERT,
            f"outreach-reply:{message.pk}",
            "The person you wrote to has replied",
            post.thread,
            link=reverse("safety:outreach", args=[post.post_kind, post.pk]),
        )
    audit(actor=poster, action="outreach_reply", target=post, reason=f"message {message.pk}")
    return message


def threads_for(user: User) -> list[Post]:
    """The posts of this member that have an outreach thread, newest first."""
    rows = (
        OutreachMessage.objects.filter(poster=user)
        .order_by("-created_at")
        .select_related("question", "answer__question", "comment__question")
    )
    seen: dict[str, Post] = {}
    for row in rows:
        post = row.post
        seen.setdefault(f"{post.post_kind}:{post.pk}", post)
    return list(seen.values())


# Assessment ------------------------------------------------------------------------


@transaction.atomic
def assess(
    *, moderator: User, record: RiskRecord, answers: dict[str, bool], note: str
) -> RiskRecord:
    """Thoughts / plan / means / timeframe / protective factors and a note, kept with
    the risk record (and expiring with it)."""
    _require_moderator(moderator)
    for name in RiskRecord.ASSESSMENT_FIELDS:
        setattr(record, name, bool(answers.get(name)))
    record.assessment_note = note.strip()[:2000]
    record.assessed_at, record.assessed_by = timezone.now(), moderator
    record.save()
    flags = ", ".join(n for n in RiskRecord.ASSESSMENT_FIELDS if answers.get(n)) or "none"
    audit(actor=moderator, action="risk_assessed", target=record.post, reason=flags)
    return record


def records_for(post: Post) -> QuerySet[RiskRecord]:
    return RiskRecord.objects.filter(**target_of(post)).order_by("-created_at")
