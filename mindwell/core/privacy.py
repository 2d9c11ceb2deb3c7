"""Privacy helpers: no raw IP addresses are ever stored, only keyed digests."""

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    if settings.SECURE_PROXY_SSL_HEADER:  # behind a trusted proxy
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def ip_digest(request: HttpRequest) -> str:
    """A keyed digest of the client's IP address; the address itself is not kept."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, client_ip(request).encode(), hashlib.sha256).hexdigest()[:32]


def visitor_key(request: HttpRequest) -> str:
    """A stable, non-reversible key for one visitor: member id, else IP + user agent digest."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    key = settings.SECRET_KEY.encode()
    raw = f"{client_ip(request)}|{agent}".encode()
    return "v" + hmac.new(key, raw, hashlib.sha256).hexdigest()[:24]
