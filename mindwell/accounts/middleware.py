"""Maintenance mode: the site reads as usual, but only admins may write."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mindwell.accounts import roles, tokens
from mindwell.core.api import is_api, problem_response
from mindwell.core.models import SiteConfiguration

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Logging in and out stays possible (an admin must be able to log in to end maintenance).
ALWAYS_OPEN = ("/accounts/login/", "/accounts/logout/", "/admin/")
RETRY_AFTER_SECONDS = 600


class MaintenanceMiddleware:
    """While SiteConfiguration.maintenance is on, a write by anyone but an admin (a post,
    vote, flag, edit, sign-up, API call) is answered 503 with the banner's message; reading
    works, and admins keep full access."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS or request.path.startswith(ALWAYS_OPEN):
            return self.get_response(request)
        config = SiteConfiguration.load()
        if not config.maintenance or roles.is_admin(_writer(request)):
            return self.get_response(request)
        message = "The site is in maintenance: you can read, but not post or change anything"
        message += f" ({config.maintenance_message})." if config.maintenance_message else "."
        if is_api(request):
            return problem_response(503, message, "maintenance", retry_after=RETRY_AFTER_SECONDS)
        response = render(request, "errors/503.html", {"message": message}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


def _writer(request: HttpRequest) -> object:
    """Who is writing: for an API call with a Bearer token, the token's member (the API
    acts as them, not as any session); else the session's user. An admin's token writes
    in maintenance as the admin's session does."""
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if is_api(request) and scheme.lower() == "bearer":
        token = tokens.token_for_secret(secret.strip())
        return token.user if token is not None else None
    return getattr(request, "user", None)
