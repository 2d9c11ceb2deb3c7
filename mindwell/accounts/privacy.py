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

Each app does its own part (its `privacy.py`, answering the signals of `accounts/signals.py`):
this module knows the member's identity (profile, email addresses, sessions, the admin log),
the order of the phases, and the shared tools (`Scrubber`, `rewrite`, `when`, `plain`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from importlib import import_module
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape

from mindwell.accounts import avatars
from mindwell.accounts.models import ApiToken, User
from mindwell.accounts.signals import ERASE_PHASES, member_erase, member_export
from mindwell.core import runtime
from mindwell.core.errors import DomainError
from mindwell.core.http import site_url

FORMER_MEMBER = "Former member"
DELETED_TEXT = "[deleted]"
ANONYMISE, DELETE = "anonymise", "delete"
POST_CHOICES = (ANONYMISE, DELETE)
EXPORT_FORMAT_VERSION = 1
# Never exported or copied from a model we do not know field by field.
NEVER_EXPORTED_FIELDS = {"password", "ip_digest", "ip", "ip_address"}
# The download's sections in this order; a section an app adds that is not listed comes last.
SECTION_ORDER = (
    "questions", "answers", "comments", "revisions", "votes", "close_votes", "points",
    "follows", "notifications", "email_preferences", "emails", "flags_raised", "restrictions",
    "reader_preferences", "professional",
)  # fmt: skip
# EmailAddress (allauth), sessions and the admin log: below. API tokens (never their
# secrets, which are not kept) are listed in the download and go with the user row.
HANDLES = {"accounts.User", "accounts.ApiToken"}


# Shared tools for every app's privacy.py ----------------------------------------------


def when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def plain(value: Any) -> Any:
    """A JSON-friendly copy of one field value of a model we do not know in advance."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or None
    return str(value)


def target_of(row: Any, names: Iterable[str] = ("question", "answer", "comment")) -> dict[str, Any]:
    """{"type": "answer", "id": 12} for a row pointing at one question, answer or comment."""
    for name in names:
        if (pk := getattr(row, f"{name}_id", None)) is not None:
            return {"type": name, "id": pk}
    return {"type": "", "id": None}


def _pattern(needles: Iterable[str], *, whole_words: bool) -> re.Pattern[str] | None:
    variants = {v for n in needles if n for v in (n, str(escape(n)))}
    if not variants:
        return None
    alternation = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    if whole_words:
        return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
    return re.compile(alternation)


class Scrubber:
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
        for name in fields:
            for needle in self.needles | self.titles:
                for variant in {needle, str(escape(needle))}:
                    found |= Q(**{f"{name}__icontains": variant})
        return found


def rewrite(
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


@dataclass
class Erasure:
    """What the phases of an account deletion share (see accounts/signals.py)."""

    user: User
    posts: str  # ANONYMISE or DELETE
    addresses: set[str]  # the member's email addresses, lower case
    notify_addresses: set[str] = field(default_factory=set)  # left on anonymous posts
    own: dict[str, list[int]] = field(default_factory=dict)  # "question": [ids], ...
    titles: set[str] = field(default_factory=set)  # their questions' titles, when deleting
    scrub: Scrubber = field(default_factory=lambda: Scrubber(names=set(), titles=set()))

    @property
    def deleting(self) -> bool:
        return self.posts == DELETE


# Export ---------------------------------------------------------------------------


def _addresses(user: User) -> set[str]:
    found = {
        e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    if user.email:
        found.add(user.email.lower())
    return found


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
        "site": runtime.get("general.site_name"),
        "exported_at": when(timezone.now()),
        "profile": {
            "username": user.username,
            "display_name": user.display_name,
            "about": user.about,
            "email": user.email,
            "email_addresses": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
            "date_joined": when(user.date_joined),
            "last_login": when(user.last_login),
            "level": user.get_level_display(),
            "points": user.points,
            "flag_weight": user.flag_weight,
            "url": site_url(user.get_absolute_url()),
            # The uploaded picture (its largest size, re-encoded: no metadata), or None.
            "avatar": _avatar_url(user),
        },
        "api_tokens": [
            {
                "name": t.name,
                "starts_with": t.prefix,
                "scopes": t.scopes,
                "created_at": when(t.created_at),
                "expires_at": when(t.expires_at),
                "last_used_at": when(t.last_used_at),
                "revoked_at": when(t.revoked_at),
            }
            for t in ApiToken.objects.filter(user=user).order_by("pk")
        ],
    }
    sections: dict[str, Any] = {}
    for _, answer in member_export.send(sender=User, user=user, addresses=addresses):
        if isinstance(answer, dict):
            sections.update(answer)
    order = {name: n for n, name in enumerate(SECTION_ORDER)}
    for name in sorted(sections, key=lambda s: order.get(s, len(order))):
        data[name] = sections[name]
    return data


def _avatar_url(user: User) -> str | None:
    if not user.avatar:
        return None
    url = default_storage.url(avatars.file_name(user.avatar, max(settings.AVATAR_SIZES)))
    return url if "://" in url else site_url(url)


# Deletion -------------------------------------------------------------------------


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


def _rename_in_admin_log(erasure: Erasure) -> None:
    """Django's admin log (LogEntry) may name the member: labels and change messages."""
    user, scrub = erasure.user, erasure.scrub
    user_type = ContentType.objects.get_for_model(User)
    log = Q(content_type=user_type, object_id=str(user.pk)) | Q(
        action_time__gte=user.date_joined
    ) & scrub.candidates(["object_repr", "change_message"])
    rewrite(LogEntry.objects.filter(log), ["object_repr", "change_message"], scrub)
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        object_repr=FORMER_MEMBER
    )


@transaction.atomic
def delete_account(*, user: User, posts: str) -> None:
    """Delete the member's account, keeping (anonymised) or deleting their posts.

    See the module docstring for what each choice keeps. Locks the user row; each app
    does its part in the phases of accounts/signals.py (votes take each post's question
    lock in turn). Reads every unexpired session once to end theirs. The caller
    re-authenticates the member first and logs the request out afterwards.
    """
    if posts not in POST_CHOICES:
        raise DomainError("Choose whether to anonymise or delete your posts.")
    user = User.objects.select_for_update().get(pk=user.pk)
    erasure = Erasure(user=user, posts=posts, addresses=_addresses(user))
    for phase in ERASE_PHASES:
        if phase == "votes":  # everything is collected: now the names can be found anywhere
            names = {user.username, user.display_name, *erasure.addresses}
            erasure.scrub = Scrubber(names=names | erasure.notify_addresses, titles=erasure.titles)
        member_erase.send(sender=User, erasure=erasure, phase=phase)
        if phase == "names":
            _rename_in_admin_log(erasure)
    EmailAddress.objects.filter(user=user).delete()
    _end_sessions(user)
    if stored := user.avatar:  # the picture's files go once the deletion is committed
        transaction.on_commit(lambda: avatars.delete_files(stored))
    user.delete()
