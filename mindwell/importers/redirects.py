"""Where an old Question2Answer URL lives now, from the importer's LegacyLink table."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import unquote

from django.core.cache import cache
from django.urls import reverse

from mindwell.accounts.models import User
from mindwell.importers.models import LegacyLink
from mindwell.qa.models import Answer, Comment, Question
from mindwell.taxonomy.models import Category, Tag

SOURCE = "q2a"
ANY_KEY = "importers:any-legacy-links"
Kind = LegacyLink.Kind

_POST = re.compile(r"^(\d+)(?:/.*)?$")
_FEED = re.compile(r"^feed/(?:(tag|category)/(.+)|[a-z]+)\.rss$")
LISTS = {
    "users": "accounts:member_list",
    "tags": "taxonomy:tag_list",
    "categories": "taxonomy:category_list",
    "questions": "qa:question_list",
    "activity": "qa:question_list",
    "hot": "qa:question_list",
    "qa": "qa:question_list",
    "unanswered": "qa:unanswered",
    "answers": "qa:recent_answers",
    "comments": "qa:recent_comments",
}


def imported_from(source: str, key: str) -> bool:
    """Whether an import from `source` ever ran; kept five minutes under `key`, so a site
    that never imported pays one cache read per page."""
    found = cache.get(key)
    if found is None:
        found = LegacyLink.objects.filter(source=source).exists()
        cache.set(key, found, 300)
    return bool(found)


def any_imported() -> bool:
    """Whether a Question2Answer import ever ran."""
    return imported_from(SOURCE, ANY_KEY)


def forget_cache() -> None:
    cache.delete(ANY_KEY)


def _new_id(kinds: tuple[str, ...], key: str) -> tuple[str, int] | None:
    row = (
        LegacyLink.objects.filter(source=SOURCE, kind__in=kinds, old_key=key)
        .exclude(new_id=None)
        .values_list("kind", "new_id")
        .first()
    )
    return (row[0], int(row[1] or 0)) if row else None


def _post_url(post_id: str, show: str | None) -> str | None:
    found = _new_id((Kind.QUESTION, Kind.ANSWER, Kind.COMMENT), post_id)
    if show and show.isdigit() and show != post_id:
        found = _new_id((Kind.ANSWER, Kind.COMMENT), show) or found
    if found is None:
        return None
    kind, pk = found
    models: dict[str, type[Question | Answer | Comment]] = {
        Kind.QUESTION: Question,
        Kind.ANSWER: Answer,
        Kind.COMMENT: Comment,
    }
    model = models[kind]
    post = model.objects.filter(pk=pk).first()
    return post.page_url if post is not None else None


def _user_url(handle: str) -> str | None:
    found = _new_id((Kind.HANDLE,), handle)
    if found is None:  # Q2A matches handles without regard to case
        row = (
            LegacyLink.objects.filter(source=SOURCE, kind=Kind.HANDLE, old_key__iexact=handle)
            .exclude(new_id=None)
            .values_list("new_id", flat=True)
            .first()
        )
        found = (Kind.HANDLE, int(row)) if row else None
    user = User.objects.filter(pk=found[1], is_active=True).first() if found else None
    return user.get_absolute_url() if user else None


def _tag_url(word: str) -> str | None:
    found = _new_id((Kind.TAG,), word.lower())
    tag = Tag.objects.filter(pk=found[1]).first() if found else None
    return tag.get_absolute_url() if tag else None


def _category_url(path: str) -> str | None:
    found = _new_id((Kind.CATEGORY_PATH,), path.strip("/"))
    category = Category.objects.filter(pk=found[1]).first() if found else None
    return category.get_absolute_url() if category else None


def target_for(path: str, query: Mapping[str, str]) -> str | None:
    """The Mindwell URL for an old Q2A path and query, or None."""
    path = unquote(path).strip("/")
    if path in ("", "index.php") or path.startswith("index.php/"):
        rest = path.removeprefix("index.php").strip("/")
        if not rest and "qa" in query:
            # ?qa=123&qa_1=slug, ?qa=123/slug, ?qa=user&qa_1=handle, ...
            parts = [query["qa"]]
            n = 1
            while f"qa_{n}" in query:
                parts.append(query[f"qa_{n}"])
                n += 1
            rest = "/".join(parts).strip("/")
        path = rest
    if not path:
        return None
    show = query.get("show")
    if match := _POST.match(path):
        return _post_url(match.group(1), show)
    head, _, tail = path.partition("/")
    if head == "user" and tail:
        return _user_url(tail.split("/")[0])
    if head == "tag" and tail:
        return _tag_url(tail)
    if head == "questions" and tail:
        return _category_url(tail)
    if head in ("unanswered", "activity", "qa") and tail:
        return _category_url(tail) or reverse(LISTS[head])
    if match := _FEED.match(path):
        kind, rest = match.groups()
        if kind == "tag":
            return reverse("discovery:feed_tag", kwargs={"name": rest.lower()})
        if kind == "category":
            category = _category_url(rest)
            return category and _category_feed(rest)
        return reverse("discovery:feed_questions")
    if path in LISTS:
        return reverse(LISTS[path])
    return None


def _category_feed(path: str) -> str | None:
    found = _new_id((Kind.CATEGORY_PATH,), path.strip("/"))
    category = Category.objects.filter(pk=found[1]).first() if found else None
    return reverse("discovery:feed_category", kwargs={"slug": category.slug}) if category else None
