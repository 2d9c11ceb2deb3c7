"""Question2Answer's password hashes, kept until the member's first login here.

`import_q2a` stores a member's Q2A hash as `q2a_bcrypt$<$2y$… hash>` (Q2A 1.6+ `passhash`)
or `q2a_sha1$<salt hex>$<sha1 hex>` (the older `passsalt`/`passcheck`:
sha1(salt[0:8] + password + salt[8:])). Both hashers only verify: `must_update` is always
true, so Django rehashes the password with the preferred hasher (Argon2) on the first
successful login. List them in PASSWORD_HASHERS after the preferred one.
"""

from __future__ import annotations

import hashlib
from typing import Any

import bcrypt
from django.contrib.auth.hashers import BasePasswordHasher, mask_hash
from django.utils.crypto import constant_time_compare


class _ImportedHasher(BasePasswordHasher):
    """What both imported hashes share: a masked summary, and an upgrade to the site's own
    hasher at the first successful log-in."""

    def safe_summary(self, encoded: str) -> dict[Any, Any]:
        decoded = self.decode(encoded)
        return {"algorithm": decoded["algorithm"], "hash": mask_hash(decoded["hash"])}

    def must_update(self, encoded: str) -> bool:
        return True

    def harden_runtime(self, password: str, encoded: str) -> None:
        pass


class Q2ABcryptPasswordHasher(_ImportedHasher):
    algorithm = "q2a_bcrypt"
    # A bcrypt check takes as long as the stored cost; a dummy check of cost 10
    # makes a failed login for an unknown name take as long (harden_runtime).
    _dummy = b"$2b$10$" + b"." * 53

    def salt(self) -> str:  # pragma: no cover - never encodes new passwords
        return ""

    def encode(self, password: str, salt: str) -> str:
        # Only used by Django's "dummy" timing check for unknown users; real hashes
        # come from the importer (wrap()).
        hashed = bcrypt.hashpw(password.encode()[:72], bcrypt.gensalt(rounds=10))
        return f"{self.algorithm}${hashed.decode()}"

    @classmethod
    def wrap(cls, passhash: str) -> str:
        return f"{cls.algorithm}${passhash}"

    def decode(self, encoded: str) -> dict[str, Any]:
        algorithm, hashed = encoded.split("$", 1)
        if algorithm != self.algorithm:
            raise ValueError("Not a Question2Answer bcrypt hash.")
        return {"algorithm": algorithm, "hash": hashed, "salt": hashed[7:29]}

    def verify(self, password: str, encoded: str) -> bool:
        hashed = self.decode(encoded)["hash"].encode()
        # PHP's password_verify reads at most 72 bytes of the password, as bcrypt does.
        try:
            return bcrypt.checkpw(password.encode()[:72], hashed)
        except ValueError:  # a malformed stored hash never matches
            return False


class Q2ALegacySHA1PasswordHasher(_ImportedHasher):
    algorithm = "q2a_sha1"

    def salt(self) -> str:  # pragma: no cover - never encodes new passwords
        return ""

    @staticmethod
    def digest(password: str, salt: bytes) -> str:
        return hashlib.sha1(salt[:8] + password.encode() + salt[8:]).hexdigest()  # noqa: S324

    def encode(self, password: str, salt: str) -> str:
        raw = salt.encode()
        return f"{self.algorithm}${raw.hex()}${self.digest(password, raw)}"

    @classmethod
    def wrap(cls, passsalt: bytes, passcheck: bytes) -> str:
        return f"{cls.algorithm}${passsalt.hex()}${passcheck.hex()}"

    def decode(self, encoded: str) -> dict[str, Any]:
        algorithm, salt, check = encoded.split("$", 2)
        if algorithm != self.algorithm:
            raise ValueError("Not a Question2Answer SHA-1 hash.")
        return {"algorithm": algorithm, "salt": salt, "hash": check}

    def verify(self, password: str, encoded: str) -> bool:
        decoded = self.decode(encoded)
        try:
            salt = bytes.fromhex(decoded["salt"])
        except ValueError:
            return False
        return constant_time_compare(self.digest(password, salt), decoded["hash"].lower())


__all__ = ["Q2ABcryptPasswordHasher", "Q2ALegacySHA1PasswordHasher"]
