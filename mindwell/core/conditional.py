"""Visitors' pages from a shared cache, and conditional GET: a page that has not changed is
served (or answered 304) before any session, authentication, CSRF or view work runs.

A visitor's page is a function of its URL, the content versions (bumped by the posting
lifecycle on every post, edit, vote and moderation action, by the crisis directory, and by
changes to members' names and professional badges),
the few request details that change a visitor's page (the browser's language, the
country chosen for crisis lines, htmx) and time: the key hashes them with a five-minute
bucket, so what is not versioned (view counts, a display name, an admin's edit of a help
page) is at most five minutes old. Members (a session cookie) and visitors with a pending
message (the messages cookie) always get a fresh page.

The first visitor's render fills the shared cache (the machine's cache: every process
serves it). Its forms carry a placeholder instead of a CSRF token (`csrf_placeholder`, a
context processor), and each visitor served from the cache gets their own token and CSRF
cookie. A page that sets any cookie, or is not a 200 HTML page, is not cached. What a view
must still do on a cached hit (count a question's view) it asks for with `on_cached_hit`;
the app that owns the work registers a handler (`register_hit_handler`).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CsrfViewMiddleware
from django.utils.cache import patch_vary_headers

from mindwell.core.cache import get_version

BUCKET_SECONDS = 300
# Content; the crisis directory; names and badges; the site's settings (maintenance banner).
VERSIONS = ("questions", "crisis-lines", "people", "site")
# Alphanumeric and 64 characters long, like a real token, so templates and escaping keep it.
CSRF_PLACEHOLDER = "MwCsrfPlaceholder" + "0" * 47
_PLACEHOLDER = CSRF_PLACEHOLDER.encode()
_FILLING = "_page_cache_filling"
_HITS = "_page_cache_hits"
_SKIPPED_HEADERS = frozenset({"set-cookie", "etag", "content-length"})
_HIT_HANDLERS: dict[str, Callable[[HttpRequest, Any], None]] = {}


def register_hit_handler(name: str, handler: Callable[[HttpRequest, Any], None]) -> None:
    """What to run for `on_cached_hit(response, name, argument)` when a visitor's page comes
    from the cache (called with the request and the argument)."""
    _HIT_HANDLERS[name] = handler


def on_cached_hit(response: HttpResponse, name: str, argument: Any) -> None:
    """Ask for `name`'s handler to run each time this page is served from the cache."""
    hits = getattr(response, _HITS, [])
    hits.append((name, argument))
    setattr(response, _HITS, hits)


def csrf_placeholder(request: HttpRequest) -> dict[str, str]:
    """Context processor: a page being rendered for the shared cache gets a placeholder in
    place of the CSRF token (each visitor's own is put in when the page is served)."""
    if getattr(request, _FILLING, False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def _personal(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


_PAGE_VERSIONS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = []


def register_page_version(pattern: str, name: Callable[[re.Match[str]], str]) -> None:
    """Pages whose path matches `pattern` also show the content version `name(match)`: a
    question's page shows "question:<id>", which a vote on it bumps (a vote changes that
    page at once; the lists that show its score follow within the five-minute bucket)."""
    _PAGE_VERSIONS.append((re.compile(pattern), name))


def time_bucket(path: str) -> int:
    """The five-minute bucket a page's drawings are keyed by. Each address turns at its own
    second of the five minutes (a stable hash of it): when every page turned at the same
    second, the next request for each of them drew it again, all at once."""
    offset = zlib.crc32(path.encode()) % BUCKET_SECONDS
    return (int(time.time()) + offset) // BUCKET_SECONDS


def content_versions(path: str = "") -> str:
    """The content versions a page shows, and its five-minute bucket, as one string."""
    names = [*VERSIONS, *(name(m) for p, name in _PAGE_VERSIONS if (m := p.match(path)))]
    found = cache.get_many([f"version:{name}" for name in names])
    versions = (str(found.get(f"version:{name}") or get_version(name)) for name in names)
    return ".".join([*versions, str(time_bucket(path))])


def visitor_variants(request: HttpRequest) -> list[str]:
    """The request details that change a page for the same viewer: language, the country
    chosen for crisis lines, htmx."""
    return [
        request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:64],
        request.COOKIES.get("country", "")[:8],
        "htmx" if request.headers.get("HX-Request") else "",
    ]


def keyed(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


@contextmanager
def shared_rendering(request: HttpRequest) -> Iterator[None]:
    """Render for more than one viewer: forms get the CSRF placeholder, which each
    response's own token replaces on its way out (this middleware)."""
    before = getattr(request, _FILLING, False)  # a visitor's page being drawn for the cache
    setattr(request, _FILLING, True)
    try:
        yield
    finally:
        setattr(request, _FILLING, before)


def visitor_etag(request: HttpRequest) -> str:
    parts = [request.get_full_path(), content_versions(request.path), *visitor_variants(request)]
    return '"v-' + keyed("\n".join(parts)) + '"'


class VisitorConditionalGetMiddleware:
    """Serves a visitor's page from the shared cache when nothing it shows changed, answers
    their revalidation with 304, and fills the cache on the first render."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)
        self.enabled = getattr(settings, "VISITOR_PAGE_CACHE", True)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or _personal(request):
            # A member's page may hold parts drawn for many (see shared_rendering).
            return self._finish(request, self.get_response(request))
        etag = visitor_etag(request)
        sent = request.META.get("HTTP_IF_NONE_MATCH", "")
        if sent and etag in {t.strip() for t in sent.split(",")}:
            return _tagged(HttpResponseNotModified(), etag)
        key = "page:" + etag
        if self.enabled and request.method == "GET":
            entry = cache.get(key)
            if entry is not None:
                return self._serve(request, entry, etag)
            setattr(request, _FILLING, True)
        response = self.get_response(request)
        if not self._taggable(request, response):
            return self._finish(request, response)
        if self.enabled and getattr(request, _FILLING, False) and not response.cookies:
            headers = [(k, v) for k, v in response.items() if k.lower() not in _SKIPPED_HEADERS]
            entry = (response.content, headers, getattr(response, _HITS, []))
            cache.set(key, entry, BUCKET_SECONDS)
        return _tagged(self._finish(request, response), etag)

    def _serve(self, request: HttpRequest, entry: Any, etag: str) -> HttpResponse:
        content, headers, hits = entry
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        for name, argument in hits:
            handler = _HIT_HANDLERS.get(name)
            if handler is not None:
                handler(request, argument)
        self.csrf.process_request(request)  # the visitor's CSRF cookie, if they have one
        return _tagged(self._finish(request, response), etag)

    def _finish(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """Put this visitor's CSRF token where the placeholder is (and set their cookie)."""
        if getattr(response, "streaming", False) or _PLACEHOLDER not in response.content:
            return response
        token = visitor_token(request).encode()
        response.content = response.content.replace(_PLACEHOLDER, token)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        self.csrf.process_response(request, response)  # sets the cookie on `response`
        return response

    @staticmethod
    def _taggable(request: HttpRequest, response: HttpResponse) -> bool:
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and "ETag" not in response
            and "no-store" not in response.get("Cache-Control", "")
            and "private" not in response.get("Cache-Control", "")
            and _only_csrf_cookie(response)
            and not (user is not None and user.is_authenticated)
        )


def _random_chars(length: int) -> str:
    """`length` characters drawn uniformly from CSRF_ALLOWED_CHARS with one read of the
    system's random source: bytes from 248 up are dropped, the rest taken modulo 62.
    (Django's get_random_string reads it once per character: 82 µs for a secret.)"""
    chars: list[str] = []
    size = len(CSRF_ALLOWED_CHARS)
    limit = 256 - 256 % size
    while len(chars) < length:
        chars += [CSRF_ALLOWED_CHARS[b % size] for b in os.urandom(2 * length) if b < limit]
    return "".join(chars[:length])


def visitor_token(request: HttpRequest) -> str:
    """What django.middleware.csrf.get_token gives, made with two reads of the random source
    instead of 64: the visitor's secret (their cookie's, or a new one that the middleware
    then sets as their cookie), masked with a new mask. Served from the cache, a page's
    token was 0.16 ms of the 1 ms it cost; most visitors (search engines) bring no cookie.
    """
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = request.META["CSRF_COOKIE"] = _random_chars(CSRF_SECRET_LENGTH)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # as get_token: set or renew the cookie
    mask = _random_chars(CSRF_SECRET_LENGTH)
    index, size = CSRF_ALLOWED_CHARS.index, len(CSRF_ALLOWED_CHARS)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(index(s) + index(m)) % size] for s, m in zip(secret, mask, strict=False)
    )
    return mask + cipher


def _tagged(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    response.setdefault("Cache-Control", "no-cache")
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response


def _only_csrf_cookie(response: HttpResponse) -> bool:
    """A visitor's first page sets the CSRF cookie; that alone does not make it personal."""
    return set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
