"""Who is calling the JSON API: a personal access token (`Authorization: Bearer`) or the
site's own session cookie (with CSRF on writes, as ninja's SessionAuth checks).

A token's member becomes `request.user`, so everything downstream (rate limits by
member, `Origin`, permissions) treats token use exactly like web use. Scopes narrow
what a token may do: `read` for /me, `write` for a member's writes, `moderate` for a
moderator's actions; every use of the `moderate` scope is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from mindwell.accounts import tokens
from mindwell.accounts.models import ApiToken, User
from mindwell.accounts.roles import is_moderator
from mindwell.audit.services import audit
from mindwell.core.errors import DomainError, NotAllowed

SCOPE_NAMES = {"read": "read", "write": "write", "moderate": "moderate"}


class NotAuthenticated(DomainError):
    status = 401

    def __init__(self, message: str = "Log in, or send a personal access token.") -> None:
        super().__init__(message, code="not_authenticated")


def _use(request: HttpRequest, token: ApiToken) -> User:
    """Act as the token's member. A suspended member's token is refused, as their session
    is (moderation's SuspensionMiddleware), with the same words."""
    user = token.user
    if user.active_restriction() == "suspend":
        until = (
            f" until {user.restricted_until:%d %B %Y, %H:%M} UTC" if user.restricted_until else ""
        )
        reason = f" Reason: {user.restriction_reason}" if user.restriction_reason else ""
        raise NotAllowed(f"Your account is suspended{until}.{reason}", code="suspended")
    request.user = token.user
    request.api_token = token  # type: ignore[attr-defined]
    return token.user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer mw_…`: a usable personal access token."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = tokens.token_for_secret(token)
        if found is None:
            raise NotAuthenticated("The token is unknown, revoked or expired.")
        return _use(request, found)


bearer = TokenAuth()
session = SessionAuth()
# Operations that need a member: a token first, else the session (CSRF checked on writes).
MEMBER = [bearer, session]


def viewer(request: HttpRequest) -> User | AnonymousUser:
    """The caller of a public read: the token's member, the session's, or a visitor.
    A token that does not work is refused (401) rather than read as a visitor."""
    if token_of(request) is not None:
        return request.user  # the token was read already (by the read limit)
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, secret = header.partition(" ")
        found = tokens.token_for_secret(secret.strip()) if scheme.lower() == "bearer" else None
        if found is None:
            raise NotAuthenticated("The token is unknown, revoked or expired.")
        return _use(request, found)
    user: Any = request.user
    return user


def token_of(request: HttpRequest) -> ApiToken | None:
    return getattr(request, "api_token", None)


def member(request: HttpRequest, scope: str = "write") -> User:
    """The member behind an operation with `auth=MEMBER`, if their token has `scope`."""
    user = request.user
    if not user.is_authenticated:
        raise NotAuthenticated()
    token = token_of(request)
    if token is not None and not token.allows(scope):
        raise NotAllowed(
            f"This token does not have the “{SCOPE_NAMES.get(scope, scope)}” scope.",
            code="insufficient_scope",
        )
    return user


def require_moderator(request: HttpRequest) -> User:
    """A moderator behind a moderator operation (a token needs the `moderate` scope),
    with the services' words for anyone else. Nothing is audited yet: call
    `audit_token_use` once the target is known, before the action."""
    user = member(request, "moderate")
    if not is_moderator(user):
        raise NotAllowed("Only moderators can do this.")
    return user


def audit_token_use(request: HttpRequest, user: User, *, action: str, target: Any = None) -> None:
    """Write a moderator's use of a token (the `moderate` scope) to the audit log: which
    token, which operation. Session use is not written here (the action's own entry is)."""
    token = token_of(request)
    if token is not None:
        audit(
            actor=user,
            action="api_moderate",
            target=target,
            reason=f"{action} with API token “{token.name}” ({token.prefix}…)",
        )


def moderator(request: HttpRequest, *, action: str, target: Any = None) -> User:
    """A moderator behind a moderator operation. Token use (the `moderate` scope) is
    written to the audit log before the action: which token, which operation."""
    user = require_moderator(request)
    audit_token_use(request, user, action=action, target=target)
    return user
