"""Personal access tokens for the JSON API: made and revoked by the member on their
settings page, sent as `Authorization: Bearer mw_…`.

The secret is shown once and only its SHA-256 digest is kept. A token carries scopes:
`read` (the member's own data under /me), `write` (everything a member writes on the
site) and `moderate` (a moderator's actions, offered to moderators only). Use is
recorded as `last_used_at`, at most once a minute per token to spare the database.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mindwell.accounts.models import ApiToken, User
from mindwell.accounts.roles import is_moderator
from mindwell.core.errors import DomainError, NotFound

PREFIX = "mw_"
MAX_TOKENS = 20
EXPIRY_DAYS = (30, 90, 365)  # or none
TOUCH_EVERY = timedelta(minutes=1)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def scopes_for(user: User) -> list[str]:
    """The scopes this member may give a token."""
    scopes = [ApiToken.Scope.READ.value, ApiToken.Scope.WRITE.value]
    if is_moderator(user):
        scopes.append(ApiToken.Scope.MODERATE.value)
    return scopes


@transaction.atomic
def create_api_token(
    *, user: User, name: str, scopes: list[str], expires_in_days: int | None
) -> tuple[ApiToken, str]:
    """Make a token; returns it and its secret (shown to the member once, never kept).
    Locks the member's row so two requests cannot pass the count together."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    name = " ".join(name.split())[:60]
    if not name:
        raise DomainError("Give the token a name, so you can tell it apart later.")
    allowed = scopes_for(user)
    chosen = [s for s in allowed if s in set(scopes)]
    if not chosen or set(scopes) - set(allowed):
        raise DomainError("Choose the token's scopes from read, write and (moderators) moderate.")
    if expires_in_days is not None and expires_in_days not in EXPIRY_DAYS:
        raise DomainError("A token expires after 30, 90 or 365 days, or never.")
    live = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if live.count() >= MAX_TOKENS:
        raise DomainError(
            f"You can have at most {MAX_TOKENS} tokens: revoke one you no longer use."
        )
    now = timezone.now()
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[: len(PREFIX) + 6],
        digest=digest(secret),
        scopes=chosen,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    return token, secret


@transaction.atomic
def revoke_api_token(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the member's own tokens (someone else's is not found)."""
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
    if token is None:
        raise NotFound("Token not found.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_for_secret(secret: str) -> ApiToken | None:
    """The usable token with this secret (and its active member), recording its use; None
    for an unknown, revoked or expired token or a deactivated member."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest(secret)).first()
    now = timezone.now()
    if token is None or not token.is_usable(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def member_tokens(user: User) -> list[ApiToken]:
    """The member's tokens, newest first (revoked ones too, for the record)."""
    return list(ApiToken.objects.filter(user=user))
