"""Reader controls: content warnings collapse a post; members mute words and topics."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet

from mindwell.core.cache import forget_around_commit
from mindwell.core.prepared import prepared
from mindwell.qa.models import CONTENT_WARNINGS
from mindwell.safety.models import ReaderPreference

LABELS = dict(CONTENT_WARNINGS)


def preferences_for(user: Any) -> ReaderPreference | None:
    if not user.is_authenticated:
        return None
    return ReaderPreference.objects.filter(user=user).first()


@prepared
def _muted(user_id: int) -> QuerySet[Any]:
    return ReaderPreference.objects.filter(user_id=user_id).values_list(
        "muted_topics", "muted_words"
    )[:1]


def _muted_key(user_id: int) -> str:
    return f"reader-muted:{user_id}"


def muted_signature(user: Any) -> str:
    """A string two readers share when they muted the same topics and words ("" for none),
    as the database holds them. Every member's question page asks: kept in the cache until
    the member's preferences change (`forget_muted`)."""
    if not user.is_authenticated:
        return ""

    def read() -> str:
        found = _muted.rows(user_id=user.pk)
        return repr(found[0]) if found else ""

    return str(cache.get_or_set(_muted_key(user.pk), read, MUTED_SECONDS))


MUTED_SECONDS = 3600


def forget_muted(sender: Any, instance: ReaderPreference, **kwargs: Any) -> None:
    """Signal receiver: a member's preferences were saved or deleted (at once, and again
    when the transaction commits, so a page read in between cannot keep the old ones)."""
    forget_around_commit(_muted_key(instance.user_id))


def collapse_reason(post: Any, prefs: ReaderPreference | None) -> str:
    """Why a post starts collapsed for this reader ("" when it doesn't)."""
    topic = post.content_warning
    if prefs is not None:
        if topic and topic in prefs.muted_topics:
            return f"You muted this topic: {LABELS.get(topic, topic)}"
        text = f"{getattr(post, 'title', '')} {post.body}".lower()
        for word in prefs.muted_word_list():
            if word in text:
                return "This post contains a word you muted"
    if topic:
        return f"Content warning: {LABELS.get(topic, topic)}"
    return ""


@transaction.atomic
def save_preferences(
    *, user: Any, country: str, muted_words: str, muted_topics: list[str]
) -> ReaderPreference:
    prefs, _ = ReaderPreference.objects.get_or_create(user=user)
    prefs.country = country.upper()[:2]
    prefs.muted_words = "\n".join(w.strip()[:60] for w in muted_words.splitlines() if w.strip())[
        :3000
    ]
    prefs.muted_topics = [t for t in muted_topics if t in LABELS]
    prefs.save()
    return prefs
