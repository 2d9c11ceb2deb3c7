"""Signing outgoing webhooks: the one HMAC both senders use (safety's crisis alerts,
notifications' community events).

The header is `X-Mindwell-Signature: sha256=<hex HMAC-SHA256>` keyed with the webhook's
secret, over the raw body, or over `"<timestamp>.<raw body>"` when the request carries
`X-Mindwell-Timestamp` (so a receiver can refuse an old request replayed later).
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Mindwell-Signature"


def sign(secret: str, body: bytes, *, timestamp: str | None = None) -> str:
    """The signature header's value for `body` (and `timestamp`, when sent)."""
    message = body if timestamp is None else timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
