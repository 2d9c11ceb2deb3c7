from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from mindwell.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request behind @login_required: `user` is a member, not AnonymousUser."""

    user: User


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` address a form sent, if it stays on this site (no "//evil.example",
    no other scheme or host); else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
