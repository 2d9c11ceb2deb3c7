"""Who is posting, and from where: built once from a request, for pages and the API alike.

Both doors used to build this themselves and drifted: the API passed no IP digest, so an
IP-blocked network could still answer through it, and its posts had no digest to block by.
Every write a member makes takes an Origin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from mindwell.core.privacy import ip_digest


@dataclass(frozen=True)
class Origin:
    author: Any  # the member, or None for a visitor
    anonymous: bool = False
    display_name: str = ""  # a visitor's (or anonymous member's) chosen name
    notify_email: str = ""  # where a visitor asked to be told about answers
    ip_digest: str = ""  # keyed digest of the client's address (never the address)

    @classmethod
    def from_request(
        cls,
        request: HttpRequest,
        *,
        anonymous: bool = False,
        display_name: str = "",
        notify_email: str = "",
    ) -> Origin:
        user = getattr(request, "user", None)
        member = user if user is not None and user.is_authenticated else None
        anonymous = anonymous or member is None
        return cls(
            author=member,
            anonymous=anonymous,
            display_name=display_name.strip() if anonymous else "",
            notify_email=notify_email.strip() if member is None else "",
            ip_digest=ip_digest(request),
        )

    @classmethod
    def from_form(cls, request: HttpRequest, data: dict[str, Any]) -> Origin:
        """From a posting form's cleaned data (anonymous, anon_name, notify_email)."""
        return cls.from_request(
            request,
            anonymous=bool(data.get("anonymous")),
            display_name=str(data.get("anon_name") or ""),
            notify_email=str(data.get("notify_email") or ""),
        )

    def author_kwargs(self) -> dict[str, Any]:
        """The author fields the posting services take."""
        return {
            "author": self.author,
            "anonymous": self.anonymous,
            "anon_name": self.display_name,
            "notify_email": self.notify_email,
            "ip_digest": self.ip_digest,
        }
