"""Old Question2Answer (and Stack Exchange) links answered with a 301 to their Mindwell page.

Only requests Mindwell itself cannot answer are looked at: a 404 from Mindwell's own
URLs, or the home page asked with Q2A's `?qa=` parameter (Mindwell's home has no such
parameter). So the old scheme never shadows a Mindwell URL, and a site that never
imported pays one cached flag read per 404 and nothing on other requests.

Stack Exchange's URLs (/questions/123/slug, /q/123, /a/456, /users/7/name) have no
trailing slash, which every Mindwell URL has, so they are answered first: a regex on
the path, then the cached flag of a Stack Exchange import (stackexchange.redirects).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from mindwell.importers import redirects
from mindwell.importers.stackexchange import redirects as se_redirects


class LegacyRedirectMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _redirect(self, request: HttpRequest) -> HttpResponse | None:
        if request.method not in ("GET", "HEAD") or not redirects.any_imported():
            return None
        target = redirects.target_for(request.path, request.GET)
        return HttpResponsePermanentRedirect(target) if target else None

    @staticmethod
    def _stack_exchange(request: HttpRequest) -> HttpResponse | None:
        """Stack Exchange's URLs (no trailing slash, unlike every Mindwell URL)."""
        if request.method not in ("GET", "HEAD") or not se_redirects.looks_old(request.path):
            return None
        if not se_redirects.any_imported():
            return None
        target = se_redirects.target_for(request.path)
        return HttpResponsePermanentRedirect(target) if target else None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if found := self._stack_exchange(request):
            return found
        if request.path == "/" and "qa" in request.GET and (found := self._redirect(request)):
            return found
        response = self.get_response(request)
        if response.status_code == 404 and (found := self._redirect(request)):
            return found
        return response
