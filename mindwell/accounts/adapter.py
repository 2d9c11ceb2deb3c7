"""Mindwell's allauth adapter: our hourly, database-backed limits on sign-ups and log-ins.

allauth's own limits (ACCOUNT_RATE_LIMITS) live in the cache, which is per process
without Redis; these are shared by every worker (see mindwell/core/ratelimit.py).
A refused request gets errors/429.html with status 429 and a Retry-After header,
raised as allauth's ImmediateHttpResponse, which its views and middleware return.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django.http import HttpRequest

from mindwell.core import ratelimit, runtime
from mindwell.core.errors import RateLimited
from mindwell.core.middleware import error_response


def limit_visitor(request: HttpRequest, action: str, *, count: bool = True) -> None:
    """Count one sign-up or log-in `action` from the request's IP (or only check it).

    Raises ImmediateHttpResponse with the 429 page when the hourly limit is reached.
    Moderators who are logged in (re-entering a password, say) are not limited.
    """
    try:
        ratelimit.hit_from_request(request, action, count=count)
    except RateLimited as error:
        raise ImmediateHttpResponse(error_response(request, error)) from error


class AccountAdapter(DefaultAccountAdapter):
    """Mindwell's allauth adapter (ACCOUNT_ADAPTER)."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Refuse a sign-up form submission at once when the IP has used its sign-ups.

        Only checks: SignupForm.try_save counts each sign-up that passes validation,
        so a mistyped password does not use one up.
        """
        if request.method == "POST":
            limit_visitor(request, "signup", count=False)
        return bool(super().is_open_for_signup(request))

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Count a log-in attempt (right or wrong) before the password is checked."""
        limit_visitor(request, "login")
        super().pre_authenticate(request, **credentials)

    def format_email_subject(self, subject: str) -> str:
        """ "[Site name] subject", with the name an admin set at run time."""
        return f"[{runtime.get('general.site_name')}] {subject}"
