from django.conf import settings
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` address a form sent, if it stays on this site (no "//evil.example",
    no other scheme or host); else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def site_url(path: str) -> str:
    """An absolute link to a path of this site (emails, downloads): SITE_URL + path."""
    return settings.SITE_URL + path
