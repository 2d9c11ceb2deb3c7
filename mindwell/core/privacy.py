"""Privacy helpers: no raw IP addresses are ever stored, only keyed digests."""

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind PROXY_HOPS trusted proxies the address
    the outermost of them appended to X-Forwarded-For (the client writes whatever it likes
    to the left of it)."""
    hops = int(getattr(settings, "PROXY_HOPS", 0))
    if hops > 0:
        addresses = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        addresses = [a for a in addresses if a]
        if len(addresses) >= hops:
            return addresses[-hops][:64]
    return str(request.META.get("REMOTE_ADDR", ""))


def keyed_digest(value: str, length: int = 32) -> str:
    """A keyed (SECRET_KEY) SHA-256 digest of `value`: counts and matches it, never reveals it."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:length]


def ip_digest(request: HttpRequest) -> str:
    """A keyed digest of the client's IP address; the address itself is not kept."""
    return keyed_digest(client_ip(request))


def visitor_key(request: HttpRequest) -> str:
    """A stable, non-reversible key for one visitor: member id, else IP + user agent digest."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    return "v" + keyed_digest(f"{client_ip(request)}|{agent}", 24)
