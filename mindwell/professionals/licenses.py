"""License numbers after a decision: a keyed hash (to recognise the same number when its
member applies again) and the last 4 characters (for moderators to tell applications apart).

A moderator needs the full number only while an application is pending, to check it with
the licensing body; once it is verified or rejected the number itself is not kept.
Numbers are compared as the board writes them, minus case, spaces and punctuation:
"LPC-40417", "lpc 40417" and "LPC40417" are the same license.
"""

from __future__ import annotations

from mindwell.core.privacy import keyed_digest

HASH_LENGTH = 64
MASK = "…"


def normalise(number: str) -> str:
    """The number's letters and digits, upper-cased."""
    return "".join(ch for ch in number.upper() if ch.isalnum())


def license_hash(number: str) -> str:
    """A keyed (SECRET_KEY) digest of the normalised number; "" for no number."""
    plain = normalise(number)
    return keyed_digest(f"professional-license:{plain}", HASH_LENGTH) if plain else ""


def last4(number: str) -> str:
    """The last 4 letters or digits of the number, for display ("…0417")."""
    return normalise(number)[-4:]


def masked(last_four: str) -> str:
    return f"{MASK}{last_four}" if last_four else ""
