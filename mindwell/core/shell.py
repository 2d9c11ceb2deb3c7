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


def render_page(request: HttpRequest, template_name: str, context: dict[str, Any]) -> HttpResponse:
    """`render`, but a signed-in member's page is its template's blocks in their shell
    (the template extends `base_template`; a page that fills other blocks than the title,
    meta and content is rendered in full)."""
    user: Any = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        pieces = _pieces(request, content_versions(request.path))
        if pieces is not None:
            blocks = {**context, "base_template": BLOCKS_TEMPLATE}
            html = render_to_string(template_name, blocks, request)
            title, meta, content, *others = html.split(SPLIT)
            if not any(other.strip() for other in others):
                return HttpResponse(_fill(pieces, title, meta, content))
    return render(request, template_name, context)
