"""The page around a member's content (header, navigation, footer), drawn once per member
and header state and reused while neither changes.

Drawing base.html's header and footer cost a member's question page about a third of its
time once the content came drawn already (qa.views). The shell is a function of the
member (their name, points, profile link), of what the context processors give the
header (the unread count, the review link: any str, int or bool one gives is part of the
key, so a new one is covered), of the content versions and five-minute bucket the page
itself is keyed by (the site's settings, the maintenance banner, names), and of the
request's details the header shows: a page whose address holds a search (`q`, which the
search box shows) or with a message waiting is drawn in full.

A page whose template extends `base_template` (default base.html) is drawn into the shell
by `render_page`: its blocks are drawn alone (core/page_blocks.html) and put in place.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import engines
from django.template.loader import render_to_string
from django.utils.html import escape

from mindwell.core.conditional import content_versions, keyed, shared_rendering

SHELL_TEMPLATE = "core/member_shell.html"
SHELL_SECONDS = 300
# Where the page's own parts go (core/member_shell.html); never in what a template draws
# from a member's text, which is escaped (<!-- becomes &lt;!--).
MARKS = ("<!--mw-shell:title-->", "<!--mw-shell:meta-->", "<!--mw-shell:content-->")


def _state(request: HttpRequest) -> str:
    """What the shell shows of this member and request, as a string."""
    user: Any = request.user
    parts = [str(user.pk), user.get_username(), str(user.public_name), str(user.points)]
    engine: Any = engines["django"]
    for processor in engine.engine.template_context_processors:
        for name, value in sorted(processor(request).items()):
            if type(value) in (str, int, bool):  # not lazy objects: those are not read here
                parts.append(f"{name}={value}")
    return "\n".join(parts)


def _pieces(request: HttpRequest, versions: str) -> list[str] | None:
    if "q" in request.GET or len(messages.get_messages(request)):
        return None
    key = "member-shell:1:" + keyed(f"{_state(request)}\n{versions}")
    pieces = cache.get(key)
    if pieces is None:
        with shared_rendering(request):  # the CSRF placeholder: each response gets its token
            html: str = render_to_string(SHELL_TEMPLATE, {}, request)
        pieces = []
        for mark in MARKS:
            before, found, html = html.partition(mark)
            if not found:
                return None
            pieces.append(before)
        pieces.append(html)
        cache.set(key, pieces, SHELL_SECONDS)
    return list(pieces)


def _fill(pieces: list[str], title: str, meta: str, content: str) -> str:
    head, to_meta, to_content, tail = pieces
    return "".join([head, title, to_meta, meta, to_content, content, tail])


def in_member_shell(
    request: HttpRequest, *, title: str, meta: str, content: str, versions: str
) -> str | None:
    """A signed-in member's page: the shell with the page's title (text), meta and content
    (HTML already drawn) in place; None when the shell cannot be reused (then render the
    page's template)."""
    pieces = _pieces(request, versions)
    return None if pieces is None else _fill(pieces, escape(title), meta, content)


BLOCKS_TEMPLATE = "core/page_blocks.html"
SPLIT = "<!--mw-shell:split-->"


def render_page(
    request: HttpRequest,
    template_name: str,
    context: dict[str, Any],
    *,
    shared: str | None = None,
) -> HttpResponse:
    """`render`, but a signed-in member's page is its template's blocks in their shell
    (the template extends `base_template`; a page that fills other blocks than the title,
    meta and content is rendered in full).

    `shared`: what the page's blocks show of the viewer beyond its address and content
    versions (e.g. whether they follow the tag), when that is all: then the blocks are
    drawn once for every member who shares it (forms with the CSRF placeholder) and kept
    with the shell's lifetime."""
    user: Any = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        versions = content_versions(request.path)
        pieces = _pieces(request, versions)
        if pieces is not None:
            blocks = _blocks(request, template_name, context, versions, shared)
            if blocks is not None:
                return HttpResponse(_fill(pieces, *blocks))
    return render(request, template_name, context)


def _blocks(
    request: HttpRequest,
    template_name: str,
    context: dict[str, Any],
    versions: str,
    shared: str | None,
) -> tuple[str, str, str] | None:
    """The page's title, meta and content as drawn alone, or None when it fills other
    blocks (then it is rendered in full)."""
    key = ""
    if shared is not None:
        key = "member-blocks:1:" + keyed(
            f"{template_name}\n{request.get_full_path()}\n{versions}\n{shared}"
        )
        found = cache.get(key)
        if found is not None:
            return tuple(found) if found else None
    blocks = {**context, "base_template": BLOCKS_TEMPLATE}
    with shared_rendering(request) if key else nullcontext():
        html = render_to_string(template_name, blocks, request)
    title, meta, content, *others = html.split(SPLIT)
    drawn = None if any(other.strip() for other in others) else (title, meta, content)
    if key:
        cache.set(key, list(drawn or ()), SHELL_SECONDS)
    return drawn
