"""A member's own data: download everything stored about them, or delete their account.

`export_member_data` gathers what the member wrote and what is stored about them
into one JSON-serialisable dict. It never includes other people's email addresses,
who flagged the member, safety risk records, IP address digests or the password hash.

`delete_account` removes the person and keeps the conversation readable for others:

- posts="anonymise": their posts stay, detached from the account. Named posts show
  "Former member"; anonymous posts keep the name they were posted under (changing
  it at the moment the named posts change would tie the two together), unless that
  name contains the username or display name.
- posts="delete": their questions, answers and comments are moved to "deleted"
  through `posting.lifecycle.set_status`, so every counter and the search index stay
  right, and then their titles, bodies and revisions are overwritten with
  "[deleted]": no text of theirs remains. Answers others wrote to a deleted
  question are no longer shown either (as when a moderator deletes a question).

In both cases their votes are withdrawn through `posting.services.cast_vote(value=0)`,
so scores and other members' points stay exact; their email addresses, follows,
inbox, email settings and queued emails, reading settings, points ledger,
restrictions, flags and close votes are deleted; their name is replaced by "Former
member" wherever it was copied (editors' names, last-activity names, other members'
notifications and email log, the moderation log's labels and reasons); their sessions
end; then the user row is deleted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from importlib import import_module
from typing import Any

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import escape

from mindwell.accounts.models import User
from mindwell.core.errors import DomainError
from mindwell.moderation import services as moderation
from mindwell.moderation.models import (
    AuditEntry,
    CloseVote,
    Flag,
    IPBlock,
    ReviewItem,
    Suspension,
)
from mindwell.notifications.models import (
    EmailPreference,
    Follow,
    Notification,
    OutboundEmail,
)
from mindwell.posting import services as qa
from mindwell.qa.models import Answer, Comment, Question, Revision, Status, Vote
from mindwell.reputation import services as reputation
from mindwell.reputation.models import PointEvent
from mindwell.safety.models import ReaderPreference
from mindwell.search import services as search

FORMER_MEMBER = "Former member"
DELETED_TEXT = "[deleted]"
ANONYMISE, DELETE = "anonymise", "delete"
POST_CHOICES = (ANONYMISE, DELETE)
EXPORT_FORMAT_VERSION = 1
PROFESSIONALS_APP = "mindwell.professionals"
# Never exported or copied from a model we do not know field by field.
NEVER_EXPORTED_FIELDS = {"password", "ip_digest", "ip", "ip_address"}
OWNER_FIELDS = ("user", "applicant", "member", "professional")

PostModel = type[Question] | type[Answer] | type[Comment]
POST_MODELS: tuple[PostModel, ...] = (Question, Answer, Comment)


# Export ---------------------------------------------------------------------------


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of one field value of a model we do not know in advance."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or None
    return str(value)


def _post_fields(post: Question | Answer | Comment) -> dict[str, Any]:
    return {
        "id": post.pk,
        "url": _url(post.get_absolute_url()),
        "status": post.status,
        "anonymous": post.is_anonymous,
        "shown_as": post.author_name if post.is_anonymous else post.byline_name,
        "notify_email": post.notify_email,
        "content_warning": getattr(post, "content_warning", ""),
        "body": post.body,
        "created_at": _when(post.created_at),
        "edited_at": _when(post.edited_at),
    }


def _questions(user: User) -> list[dict[str, Any]]:
    rows = (
        Question.objects.filter(author=user)
        .select_related("category", "author")
        .prefetch_related("tags")
        .order_by("created_at", "pk")
    )
    return [
        {
            **_post_fields(q),
            "title": q.title,
            "category": q.category.name,
            "tags": sorted(t.name for t in q.tags.all()),
            "score": q.score,
            "upvotes": q.upvotes,
            "downvotes": q.downvotes,
            "answer_count": q.answer_count,
            "view_count": q.view_count,
            "closed_at": _when(q.closed_at),
            "close_reason": q.close_reason,
            "accepted_answer_id": q.accepted_answer_id,
        }
        for q in rows
    ]


def _answers(user: User) -> list[dict[str, Any]]:
    rows = Answer.objects.filter(author=user).select_related("author").order_by("created_at", "pk")
    return [
        {
            **_post_fields(a),
            "question_id": a.question_id,
            "score": a.score,
            "upvotes": a.upvotes,
            "downvotes": a.downvotes,
        }
        for a in rows
    ]


def _comments(user: User) -> list[dict[str, Any]]:
    rows = (
        Comment.objects.filter(author=user)
        .select_related("author", "question")
        .order_by("created_at", "pk")
    )
    return [
        {**_post_fields(c), "question_id": c.question_id, "answer_id": c.answer_id} for c in rows
    ]


def _target(row: Any, names: Iterable[str] = ("question", "answer", "comment")) -> dict[str, Any]:
    """{"type": "answer", "id": 12} for a row pointing at one question, answer or comment."""
    for name in names:
        if (pk := getattr(row, f"{name}_id", None)) is not None:
            return {"type": name, "id": pk}
    return {"type": "", "id": None}


def _revisions(user: User) -> list[dict[str, Any]]:
    rows = Revision.objects.filter(editor=user).order_by("created_at", "pk")
    return [
        {
            "post": _target(r),
            "number": r.number,
            "title": r.title,
            "body": r.body,
            "tags": r.tags,
            "category": r.category_name,
            "summary": r.summary,
            "anonymous": r.editor_anonymous,
            "created_at": _when(r.created_at),
        }
        for r in rows
    ]


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
        result.append({**what, "since": _when(f.created_at)})
    return result


def _notifications(user: User) -> list[dict[str, Any]]:
    rows = Notification.objects.filter(recipient=user).select_related("question")
    return [
        {
            "kind": n.kind,
            "text": n.text,
            "from": n.actor_name,
            "url": _url(n.target_url),
            "created_at": _when(n.created_at),
            "read_at": _when(n.read_at),
        }
        for n in rows.order_by("created_at", "pk")
    ]


def _addresses(user: User) -> set[str]:
    found = {
        e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    if user.email:
        found.add(user.email.lower())
    return found


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
            "created_at": _when(e.created_at),
            "sent_at": _when(e.sent_at),
        }
        for e in rows
    ]


def _flags_raised(user: User) -> list[dict[str, Any]]:
    rows = Flag.objects.filter(flagger=user).order_by("created_at", "pk")
    return [
        {
            "post": _target(f),
            "reason": f.reason,
            "text": f.text,
            "outcome": f.outcome,
            "created_at": _when(f.created_at),
            "resolved_at": _when(f.resolved_at),
        }
        for f in rows
    ]


def _restrictions(user: User) -> dict[str, Any]:
    # Who applied a restriction is left out: moderators are not named to members.
    history = Suspension.objects.filter(user=user).order_by("starts_at", "pk")
    return {
        "current": {
            "kind": user.restriction,
            "until": _when(user.restricted_until),
            "reason": user.restriction_reason,
        },
        "history": [
            {
                "kind": s.kind,
                "reason": s.reason,
                "starts_at": _when(s.starts_at),
                "ends_at": _when(s.ends_at),
                "lifted_at": _when(s.lifted_at),
            }
            for s in history
        ],
    }


def _reader_preferences(user: User) -> dict[str, Any] | None:
    prefs = ReaderPreference.objects.filter(user=user).first()
    if prefs is None:
        return None
    return {
        "country": prefs.country,
        "muted_words": prefs.muted_word_list(),
        "muted_topics": list(prefs.muted_topics),
    }


def _professional_rows(user: User) -> list[tuple[type[models.Model], models.QuerySet[Any]]]:
    """Rows of the professionals app (when installed) that belong to this member: those
    whose link to a user is named user, applicant, member or professional, or whose
    only link to a user is to them."""
    if not apps.is_installed(PROFESSIONALS_APP):
        return []
    config = next(c for c in apps.get_app_configs() if c.name == PROFESSIONALS_APP)
    found = []
    for model in config.get_models():
        links = [
            f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is User
        ]
        owner = next((n for n in OWNER_FIELDS if n in links), None)
        if owner is None and len(links) == 1:
            owner = links[0]
        if owner is not None:
            found.append((model, model._default_manager.filter(**{owner: user})))
    return found


def _professional(user: User) -> list[dict[str, Any]]:
    """What a professional application holds, field by field, minus who reviewed it
    (links to other members are left out; links to posts are given as ids)."""
    result = []
    for model, rows in _professional_rows(user):
        fields = [
            f
            for f in model._meta.concrete_fields
            if f.name not in NEVER_EXPORTED_FIELDS
            and not (f.is_relation and f.related_model is User)
        ]
        for row in rows:
            values = {f.attname: _plain(getattr(row, f.attname)) for f in fields}
            result.append({"kind": str(model._meta.verbose_name), **values})
    return result


def export_member_data(*, user: User) -> dict[str, Any]:
    """Everything the member wrote and everything stored about them, as plain data.

    Includes their anonymous posts (their own data). Leaves out other people's email
    addresses, who flagged them, safety risk records, IP digests and the password
    hash. Reads only; several queries per section, fine for a download.
    """
    user = User.objects.get(pk=user.pk)  # points and restrictions change by F() updates
    addresses = _addresses(user)
    data: dict[str, Any] = {
        "format": {"name": "mindwell-export", "version": EXPORT_FORMAT_VERSION},
        "site": settings.SITE_NAME,
        "exported_at": _when(timezone.now()),
        "profile": {
            "username": user.username,
            "display_name": user.display_name,
            "about": user.about,
            "email": user.email,
            "email_addresses": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "level": user.get_level_display(),
            "points": user.points,
            "flag_weight": user.flag_weight,
            "url": _url(user.get_absolute_url()),
        },
        "questions": _questions(user),
        "answers": _answers(user),
        "comments": _comments(user),
        "revisions": _revisions(user),
        "votes": [
            {
                **_target(v, ("question", "answer")),
                "value": v.value,
                "created_at": _when(v.created_at),
            }
            for v in Vote.objects.filter(voter=user).order_by("created_at", "pk")
        ],
        "close_votes": [
            {"question_id": c.question_id, "reason": c.reason, "created_at": _when(c.created_at)}
            for c in CloseVote.objects.filter(voter=user).order_by("created_at", "pk")
        ],
        "points": [
            {
                "kind": p.kind,
                "description": p.get_kind_display(),
                "amount": p.amount,
                "question_id": p.question_id,
                "answer_id": p.answer_id,
                "created_at": _when(p.created_at),
            }
            for p in PointEvent.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "follows": _follows(user),
        "notifications": _notifications(user),
        "email_preferences": [
            {"kind": p.kind, "mode": p.mode}
            for p in EmailPreference.objects.filter(user=user).order_by("kind")
        ],
        "emails": _emails(user, addresses),
        "flags_raised": _flags_raised(user),
        "restrictions": _restrictions(user),
        "reader_preferences": _reader_preferences(user),
    }
    if apps.is_installed(PROFESSIONALS_APP):
        data["professional"] = _professional(user)
    return data


# Deletion -------------------------------------------------------------------------


def _pattern(needles: Iterable[str], *, whole_words: bool) -> re.Pattern[str] | None:
    variants = {v for n in needles if n for v in (n, str(escape(n)))}
    if not variants:
        return None
    alternation = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    if whole_words:
        return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
    return re.compile(alternation)


class _Scrubber:
    """Replaces the member's names and addresses (and, when deleting, their titles)."""

    def __init__(self, *, names: set[str], titles: set[str]) -> None:
        self.needles = {n for n in names if n}
        self.titles = {t for t in titles if t}
        self._names = _pattern(self.needles, whole_words=True)
        self._titles = _pattern(self.titles, whole_words=False)

    def __call__(self, text: str) -> str:
        if self._titles is not None:
            text = self._titles.sub(DELETED_TEXT, text)
        if self._names is not None:
            text = self._names.sub(FORMER_MEMBER, text)
        return text

    def mentions(self, text: str) -> bool:
        return self(text) != text

    def candidates(self, fields: Iterable[str]) -> Q:
        """Rows whose fields may mention the member (checked exactly by `__call__`)."""
        found = Q(pk__in=[])
        for field in fields:
            for needle in self.needles | self.titles:
                for variant in {needle, str(escape(needle))}:
                    found |= Q(**{f"{field}__icontains": variant})
        return found


def _rewrite(
    queryset: models.QuerySet[Any], fields: list[str], replace: Callable[[str], str]
) -> None:
    """Rewrite text fields row by row (QuerySet.update: no save(), so the append-only
    audit log can be rewritten too)."""
    model = queryset.model
    for row in queryset.values("pk", *fields):
        changes = {f: replace(row[f]) for f in fields if row[f]}
        changes = {f: v for f, v in changes.items() if v != row[f]}
        if changes:
            model._default_manager.filter(pk=row["pk"]).update(**changes)


def _remove_vote(vote: Vote) -> None:
    """Take a vote back when cast_vote refuses to (a locked thread, a post no longer
    published, a restricted voter), with the same effect on counts and points."""
    model: type[Question] | type[Answer] = Question if vote.question_id else Answer
    post = model.objects.select_for_update().get(pk=vote.question_id or vote.answer_id)
    Vote.objects.filter(pk=vote.pk).delete()
    d_up, d_down = -int(vote.value == 1), -int(vote.value == -1)
    model.objects.filter(pk=post.pk).update(
        upvotes=F("upvotes") + d_up,
        downvotes=F("downvotes") + d_down,
        score=F("score") - vote.value,
    )
    if not post.is_anonymous and post.author_id is not None:
        reputation.record_votes_received(
            author_id=post.author_id,
            on_question=model is Question,
            before=(post.upvotes, post.downvotes),
            after=(post.upvotes + d_up, post.downvotes + d_down),
            **{"question" if model is Question else "answer": post},
        )
    question_id = post.thread_id
    qa.refresh_hotness(question_id)
    search.refresh_ranking(question_id)


def _withdraw_votes(user: User) -> None:
    for vote in Vote.objects.filter(voter=user).select_related("question", "answer"):
        post = vote.question or vote.answer
        assert post is not None  # noqa: S101 - the vote_one_target constraint
        try:
            qa.cast_vote(voter=user, post=post, value=0)
        except DomainError:
            _remove_vote(vote)


def _own_posts(user: User) -> dict[str, list[int]]:
    return {
        model.__name__.lower(): list(model.objects.filter(author=user).values_list("pk", flat=True))
        for model in POST_MODELS
    }


def _detach_posts(user: User, scrub: _Scrubber) -> None:
    """Anonymise: the posts stay, without the account or anything that identifies it."""
    for model in POST_MODELS:
        mine = model.objects.filter(author=user)
        mine.filter(is_anonymous=False).update(author_name=FORMER_MEMBER)
        # An anonymous post keeps its chosen name unless that name gives the person away.
        for row in mine.filter(is_anonymous=True).values("pk", "author_name"):
            if scrub.mentions(row["author_name"]):
                model.objects.filter(pk=row["pk"]).update(author_name="", edited_by_name="")
        mine.update(notify_email="", ip_digest="")


def _delete_posts(user: User, own: dict[str, list[int]]) -> None:
    """Delete: each post leaves public view through set_status, then loses its text."""
    for model in (Comment, Answer, Question):
        for post in model.objects.filter(author=user).order_by("pk"):
            qa.set_status(post, Status.DELETED)
        blank: dict[str, Any] = {
            "body": DELETED_TEXT,
            "body_html": "",
            "author_name": FORMER_MEMBER,
            "edited_by_name": "",
            "notify_email": "",
            "ip_digest": "",
        }
        if model is Question:
            blank |= {"title": DELETED_TEXT, "slug": "deleted"}
        model.objects.filter(author=user).update(**blank)
    revisions = (
        Q(question_id__in=own["question"])
        | Q(answer_id__in=own["answer"])
        | Q(comment_id__in=own["comment"])
    )
    Revision.objects.filter(revisions).update(body=DELETED_TEXT, summary="")
    Revision.objects.filter(revisions).exclude(title="").update(title=DELETED_TEXT)


def _replace_copied_names(user: User, own: dict[str, list[int]], scrub: _Scrubber) -> None:
    """Where the member's name (or, when deleting, a title) was copied beside a link."""
    for model in POST_MODELS:
        # (On their own anonymous posts the editor's name is the post's chosen name.)
        edited = model.objects.filter(edited_by=user).exclude(author=user, is_anonymous=True)
        edited.update(edited_by_name=FORMER_MEMBER)
    Question.objects.filter(last_activity_user=user).update(last_activity_name=FORMER_MEMBER)
    Revision.objects.filter(editor=user, editor_anonymous=False).update(editor_name=FORMER_MEMBER)
    _rewrite(Revision.objects.filter(editor=user, editor_anonymous=True), ["editor_name"], scrub)

    about_their_posts = (
        Q(question_id__in=own["question"])
        | Q(answer_id__in=own["answer"])
        | Q(comment_id__in=own["comment"])
    )
    others = Notification.objects.exclude(recipient=user)
    _rewrite(others.filter(about_their_posts), ["text", "actor_name"], scrub)

    since = user.date_joined
    email_fields = ["subject", "text_body", "html_body"]
    sent = OutboundEmail.objects.filter(created_at__gte=since).exclude(recipient=user)
    _rewrite(sent.filter(scrub.candidates(email_fields)), email_fields, scrub)

    audit_fields = ["actor_name", "target_label", "reason"]
    audit = (
        Q(actor=user)
        | Q(target_type="user", target_id=user.pk)
        | Q(created_at__gte=since) & scrub.candidates(["target_label", "reason"])
    )
    _rewrite(AuditEntry.objects.filter(audit), audit_fields, scrub)
    AuditEntry.objects.filter(actor=user).update(actor_name=FORMER_MEMBER)
    AuditEntry.objects.filter(target_type="user", target_id=user.pk).update(
        target_label=FORMER_MEMBER
    )
    # Moderators' notes that may name the member (their own restrictions go below).
    notes: list[tuple[models.QuerySet[Any], list[str]]] = [
        (Flag.objects.filter(created_at__gte=since), ["text"]),
        (ReviewItem.objects.filter(created_at__gte=since), ["reason"]),
        (IPBlock.objects.filter(created_at__gte=since), ["reason"]),
        (Suspension.objects.filter(starts_at__gte=since).exclude(user=user), ["reason"]),
    ]
    for rows, fields in notes:
        _rewrite(rows.filter(scrub.candidates(fields)), fields, scrub)

    user_type = ContentType.objects.get_for_model(User)
    log = Q(content_type=user_type, object_id=str(user.pk)) | Q(
        action_time__gte=since
    ) & scrub.candidates(["object_repr", "change_message"])
    _rewrite(LogEntry.objects.filter(log), ["object_repr", "change_message"], scrub)
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        object_repr=FORMER_MEMBER
    )


def _end_sessions(user: User) -> None:
    """Delete the member's sessions where the session store can list them (the
    database stores). Elsewhere a session outlives the account harmlessly: its user
    id no longer loads anyone, so it is anonymous."""
    engine = import_module(settings.SESSION_ENGINE)
    store_class = engine.SessionStore
    if not hasattr(store_class, "get_model_class"):
        return
    store = store_class()
    rows = store_class.get_model_class().objects.filter(expire_date__gt=timezone.now())
    for key, data in rows.values_list("session_key", "session_data").iterator():
        if str(store.decode(data).get(SESSION_KEY)) == str(user.pk):
            store_class(session_key=key).delete()


@transaction.atomic
def delete_account(*, user: User, posts: str) -> None:
    """Delete the member's account, keeping (anonymised) or deleting their posts.

    See the module docstring for what each choice keeps. Locks the user row; takes
    each post's question lock in turn (votes, deleted posts). Reads every unexpired
    session once to end theirs. The caller re-authenticates the member first and logs
    the request out afterwards.
    """
    if posts not in POST_CHOICES:
        raise DomainError("Choose whether to anonymise or delete your posts.")
    user = User.objects.select_for_update().get(pk=user.pk)
    addresses = _addresses(user)
    own = _own_posts(user)
    notify_addresses = {
        e.lower()
        for model in POST_MODELS
        for e in model.objects.filter(author=user)
        .exclude(notify_email="")
        .values_list("notify_email", flat=True)
    }
    titles = (
        set(Question.objects.filter(author=user).values_list("title", flat=True))
        if posts == DELETE
        else set()
    )
    names = {user.username, user.display_name, *addresses, *notify_addresses}
    scrub = _Scrubber(names=names, titles=titles)

    _withdraw_votes(user)
    _replace_copied_names(user, own, scrub)
    if posts == DELETE:
        _delete_posts(user, own)
    else:
        _detach_posts(user, scrub)

    to_them = Q(recipient=user)
    for address in addresses | notify_addresses:
        to_them |= Q(to__iexact=address)
    OutboundEmail.objects.filter(to_them).delete()
    Notification.objects.filter(recipient=user).delete()
    Follow.objects.filter(Q(user=user) | Q(member=user)).delete()
    EmailPreference.objects.filter(user=user).delete()
    ReaderPreference.objects.filter(user=user).delete()
    PointEvent.objects.filter(user=user).delete()
    Flag.objects.filter(flagger=user).delete()
    CloseVote.objects.filter(voter=user).delete()
    Suspension.objects.filter(user=user).delete()
    for _, rows in _professional_rows(user):
        rows.delete()
    EmailAddress.objects.filter(user=user).delete()
    _end_sessions(user)

    kept = "their posts deleted" if posts == DELETE else "their posts anonymised"
    moderation.audit(
        actor=None, action="account_deleted", reason=f"A member deleted their account, {kept}."
    )
    user.delete()
