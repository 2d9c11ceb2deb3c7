"""Parts that other apps add to a page, without the page's app knowing them.

Content's pages (a question, a category, a tag) are drawn by content's apps, but the
apps that react to content put things on them: the follow button (notifications),
related questions (search), professional badges (professionals), collapsed posts
(safety), the answer forms (posting), the description and structured data (discovery).
Each registers a part in its AppConfig.ready(); the page calls `add_parts` and never
imports them, so content stays below the apps that react to it (CONTRIBUTING.md).

A part takes the request, the page's subject (a QuestionPage, a Category, a Tag) and the
context built so far; it may set attributes on the objects it is given and returns the
keys it adds. Parts run in registration order (INSTALLED_APPS order).

A page drawn once for many members (the question page's content, cached per viewer
signature) asks each app how its part changes with the viewer (`varies`): a short string
that two viewers share exactly when the part looks the same to both, or None when the part
is this viewer's own (a professional's recusal controls): then the page is drawn for them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

Part = Callable[[HttpRequest, Any, dict[str, Any]], dict[str, Any] | None]

Vary = Callable[[HttpRequest, Any], str | None]

_parts: defaultdict[str, dict[str, Part]] = defaultdict(dict)
_varies: defaultdict[str, dict[str, Vary]] = defaultdict(dict)


def part(*pages: str, name: str) -> Callable[[Part], Part]:
    """Register a part of one or more pages ("question", "category", "tag") under a
    name; registering the same name again replaces it. "question.forms" are the parts a
    question page drawn for many fills in for each viewer (given the question)."""

    def register(fn: Part) -> Part:
        for page in pages:
            _parts[page][name] = fn
        return fn

    return register


def add_parts(
    page: str, request: HttpRequest, subject: Any, context: dict[str, Any]
) -> dict[str, Any]:
    """Add every registered part of the page to its context; returns what they added."""
    added: dict[str, Any] = {}
    for fn in _parts[page].values():
        if extra := fn(request, subject, context):
            context.update(extra)
            added.update(extra)
    return added


def added_signature(added: dict[str, Any]) -> str | None:
    """What the parts added, as a string two viewers share exactly when they were given the
    same; None when a part gave more than plain values (then draw the page for the viewer)."""
    if not all(type(value) in (str, int, bool) or value is None for value in added.values()):
        return None
    return "|".join(f"{name}={value!r}" for name, value in sorted(added.items()))


def varies(*pages: str, name: str) -> Callable[[Vary], Vary]:
    """Register how a part of these pages changes with the viewer (see the module's doc)."""

    def register(fn: Vary) -> Vary:
        for page in pages:
            _varies[page][name] = fn
        return fn

    return register


def viewer_signature(page: str, request: HttpRequest, subject: Any) -> str | None:
    """What the viewer changes on the page, from every registered `varies`, or None when the
    page must be drawn for this viewer alone."""
    parts = []
    for name, fn in _varies[page].items():
        found = fn(request, subject)
        if found is None:
            return None
        parts.append(f"{name}={found}")
    return "|".join(parts)
