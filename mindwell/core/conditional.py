"""Conditional GET for visitors: a page that has not changed is answered 304 before any
session, authentication, CSRF or view work runs.

A visitor's page is a function of its URL, the content version (bumped by the posting
lifecycle on every post, edit, vote and moderation action, and by the crisis directory),
the few request details that change a visitor's page (the browser's language, the
country chosen for crisis lines) and time: the ETag hashes them with a five-minute bucket,
so what is not versioned (view counts, an admin's edit of a help page) is at most five
minutes old in a browser that revalidates. Members (a session cookie) and visitors with a
pending message (the messages cookie) always get a fresh page.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

from mindwell.core.cache import get_version

BUCKET_SECONDS = 300
VERSIONS = ("questions", "crisis-lines")


def _personal(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def visitor_etag(request: HttpRequest) -> str:
    parts = [
        request.get_full_path(),
        *(str(get_version(name)) for name in VERSIONS),
        request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:64],
        request.COOKIES.get("country", "")[:8],
        "htmx" if request.headers.get("HX-Request") else "",
        str(int(time.time()) // BUCKET_SECONDS),
    ]
    return '"v-' + hashlib.blake2b("\n".join(parts).encode(), digest_size=12).hexdigest() + '"'


class VisitorConditionalGetMiddleware:
    """Answers a visitor's revalidation with 304 when nothing the page shows changed;
    tags a visitor's fresh HTML page with the ETag the next revalidation will send."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or _personal(request):
            return self.get_response(request)
        etag = visitor_etag(request)
        sent = request.META.get("HTTP_IF_NONE_MATCH", "")
        if sent and etag in {t.strip() for t in sent.split(",")}:
            response: HttpResponse = HttpResponseNotModified()
            response["ETag"] = etag
            response["Cache-Control"] = "no-cache"
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
            return response
        response = self.get_response(request)
        if self._taggable(request, response):
            response["ETag"] = etag
            response.setdefault("Cache-Control", "no-cache")
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response

    @staticmethod
    def _taggable(request: HttpRequest, response: HttpResponse) -> bool:
        user = getattr(request, "user", None)
        return (
            response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and "ETag" not in response
            and "no-store" not in response.get("Cache-Control", "")
            and _only_csrf_cookie(response)
            and not (user is not None and user.is_authenticated)
        )


def _only_csrf_cookie(response: HttpResponse) -> bool:
    """A visitor's first page sets the CSRF cookie; that alone does not make it personal."""
    return set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
