"""Where an old Stack Exchange URL lives now, from the importer's LegacyLink table.

Stack Exchange's own forms: /questions/<id>/<slug>, /questions/<qid>/<slug>/<answer id>
(an answer's link), /q/<id>, /a/<id>, /users/<id>/<slug>, /questions/tagged/<tag>.
They are written without a trailing slash, which no Mindwell URL is, so the middleware
can answer them before Mindwell's own /questions/<id>/<slug>/ and /users/<name>/<tab>/
patterns would take them for a Mindwell question or member.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from django.core.cache import cache

from mindwell.accounts.models import User
from mindwell.importers.models import LegacyLink
from mindwell.importers.redirects import imported_from
from mindwell.qa.models import Answer, Question
from mindwell.taxonomy.models import Tag

SOURCE = "se"
ANY_KEY = "importers:any-stackexchange-links"
Kind = LegacyLink.Kind

_QUESTION = re.compile(r"^/(?:questions|q)/(\d+)(?:/[^/]*)?(?:/(\d+))?$")
_ANSWER = re.compile(r"^/a/(\d+)(?:/\d+)?$")
_USER = re.compile(r"^/(?:users|u)/(-?\d+)(?:/[^/]*)?$")
_TAGGED = re.compile(r"^/questions/tagged/([^/]+)$")


def looks_old(path: str) -> bool:
    """Whether the path has one of Stack Exchange's forms (a regex, no query)."""
    path = unquote(path)
    return not path.endswith("/") and any(
        pattern.match(path) for pattern in (_TAGGED, _QUESTION, _ANSWER, _USER)
    )


def any_imported() -> bool:
    """Whether a Stack Exchange import ever ran."""
    return imported_from(SOURCE, ANY_KEY)


def forget_cache() -> None:
    cache.delete(ANY_KEY)


def _new_id(kind: str, key: str) -> int | None:
    value = (
        LegacyLink.objects.filter(source=SOURCE, kind=kind, old_key=key)
        .exclude(new_id=None)
        .values_list("new_id", flat=True)
        .first()
    )
    return int(value) if value else None


def _answer_url(old: str) -> str | None:
    pk = _new_id(Kind.ANSWER, old)
    answer = Answer.objects.filter(pk=pk).first() if pk else None
    return answer.page_url if answer else None


def target_for(path: str) -> str | None:
    """The Mindwell URL for an old Stack Exchange path, or None."""
    path = unquote(path)
    if len(path) > 1 and path.endswith("/"):
        return None  # Mindwell's own URLs end with a slash; old ones never do
    if match := _TAGGED.match(path):
        pk = _new_id(Kind.TAG, match.group(1).lower())
        tag = Tag.objects.filter(pk=pk).first() if pk else None
        return tag.get_absolute_url() if tag else None
    if match := _QUESTION.match(path):
        if match.group(2) and (url := _answer_url(match.group(2))):
            return url
        pk = _new_id(Kind.QUESTION, match.group(1))
        if pk is None:  # /q/<id> also serves answers on Stack Exchange
            return _answer_url(match.group(1))
        question = Question.objects.filter(pk=pk).first()
        return question.page_url if question else None
    if match := _ANSWER.match(path):
        return _answer_url(match.group(1))
    if match := _USER.match(path):
        pk = _new_id(Kind.USER, match.group(1))
        user = User.objects.filter(pk=pk, is_active=True).first() if pk else None
        return user.get_absolute_url() if user else None
    return None
