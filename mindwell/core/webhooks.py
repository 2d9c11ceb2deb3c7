"""Outgoing webhooks, what both senders share (safety's crisis alerts, notifications'
community events): the HMAC signature, one HTTP attempt, and the wait before the next.

The header is `X-Mindwell-Signature: sha256=<hex HMAC-SHA256>` keyed with the webhook's
secret, over the raw body, or over `"<timestamp>.<raw body>"` when the request carries
`X-Mindwell-Timestamp` (so a receiver can refuse an old request replayed later).
"""

from __future__ import annotations

import hashlib
import hmac
import urllib.error
import urllib.request
from datetime import timedelta

SIGNATURE_HEADER = "X-Mindwell-Signature"
FIRST_RETRY_SECONDS = 30  # then 60, 120, ... until the sender's attempts run out


def sign(secret: str, body: bytes, *, timestamp: str | None = None) -> str:
    """The signature header's value for `body` (and `timestamp`, when sent)."""
    message = body if timestamp is None else timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def is_http(url: str) -> bool:
    return url.lower().startswith(("https://", "http://"))


def post(
    url: str, body: bytes, headers: dict[str, str], *, timeout: float
) -> tuple[int | None, str]:
    """POST a JSON body once: (the HTTP status or None when nothing answered, the error or
    "" for a 2xx answer). The caller checks `is_http(url)` first."""
    request = urllib.request.Request(  # noqa: S310  (http(s) only, checked by the caller)
        url, data=body, method="POST", headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return (
                response.status,
                "" if 200 <= response.status < 300 else f"HTTP {response.status}",
            )
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return None, str(getattr(exc, "reason", exc))[:300]


def retry_wait(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt (doubling)."""
    return timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** (attempts - 1))
