"""Hourly limits on what members and visitors do, as Question2Answer's.

Each action in ``settings.RATE_LIMITS`` (the defaults; admins change them in the site
configuration's "Spam and limits", see core/runtime_settings.py) has a limit per
member and a limit per IP address digest (``core.privacy.ip_digest``), counted in
fixed clock hours. The counts are ``RateCounter`` rows in the database, not the
local-memory cache, so every worker process shares them. Callers (views, the API,
the allauth adapter) call ``hit`` before doing the work; services never see the
request.

``hit`` is exact under concurrency: it counts and locks the counter rows in one statement
(an upsert; on SQLite the IMMEDIATE transaction serialises writers as well), so with a
limit of 20, twenty attempts succeed and no more.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.http import HttpRequest
from django.utils import timezone

from mindwell.core import runtime
from mindwell.core.errors import RateLimited
from mindwell.core.models import RateCounter
from mindwell.core.privacy import ip_digest as request_ip_digest

WINDOW = timedelta(hours=1)
RATE_COLUMNS = ("key", "window", "count")

# What the messages call each action: (one, many).
NOUNS: dict[str, tuple[str, str]] = {
    "question": ("question", "questions"),
    "answer": ("answer", "answers"),
    "comment": ("comment", "comments"),
    "vote": ("vote", "votes"),
    "flag": ("flag", "flags"),
    "signup": ("sign-up", "sign-ups"),
    "login": ("log-in attempt", "log-in attempts"),
    "preview": ("preview", "previews"),
    "avatar": ("avatar upload", "avatar uploads"),
    "api_read": ("API read", "API reads"),
}


@dataclass(frozen=True)
class _Limit:
    key: str
    limit: int
    by_member: bool


def window_start(now: datetime) -> datetime:
    """The start of the clock hour (UTC) that `now` falls in."""
    if timezone.is_naive(now):
        raise ValueError("Rate limits need an aware datetime.")
    return now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _current_limits(action: str) -> tuple[int | None, int | None]:
    """(per member, per IP digest) for `action`: the admin's run-time settings, whose
    defaults are ``settings.RATE_LIMITS``; an action not there is not limited."""
    default = settings.RATE_LIMITS.get(action, (None, None))
    keys = [f"spam.{action}_per_member", f"spam.{action}_per_ip"]
    known = [key for key in keys if runtime.is_registered(key)]
    if not known:
        return default
    found = runtime.get_many(known)
    per_member = found.get(keys[0], default[0])
    per_ip = found.get(keys[1], default[1])
    return per_member, per_ip


def _limits(action: str, user_id: int | None, ip_digest: str | None) -> list[_Limit]:
    """The limits that apply, sorted by key so concurrent callers lock rows in one order."""
    per_member, per_ip = _current_limits(action)
    limits = []
    if user_id is not None and per_member is not None:
        limits.append(_Limit(f"{action}:member:{user_id}", per_member, by_member=True))
    if ip_digest and per_ip is not None:
        limits.append(_Limit(f"{action}:ip:{ip_digest}", per_ip, by_member=False))
    return sorted(limits, key=lambda limit: limit.key)


def _applicable(
    action: str, user_id: int | None, ip_digest: str | None, now: datetime | None, exempt: bool
) -> tuple[list[_Limit], datetime, datetime] | None:
    """(limits, now, the hour's start) when an attempt at `action` is limited, else None."""
    if exempt:
        return None
    limits = _limits(action, user_id, ip_digest)
    if not limits:
        return None
    now = now or timezone.now()
    return limits, now, window_start(now)


def _refusal(action: str, limit: _Limit, now: datetime, window: datetime) -> RateLimited:
    retry_after = max(1, math.ceil((window + WINDOW - now).total_seconds()))
    one, many = NOUNS.get(action, (action, action))
    noun = one if limit.limit == 1 else many
    who = "You've" if limit.by_member else "This network has"
    minutes = math.ceil(retry_after / 60)
    wait = "1 minute" if minutes == 1 else f"{minutes} minutes"
    return RateLimited(
        f"{who} reached the limit of {limit.limit} {noun} an hour. Please try again in {wait}.",
        retry_after=retry_after,
    )


def _count(limits: list[_Limit], window: datetime, *, by: int) -> dict[str, int]:
    """Add `by` to each limit's counter of this hour (made at 0 when it is the hour's first
    attempt) and return the counts as the statement left them, by key: one statement, an
    INSERT … ON CONFLICT DO UPDATE … RETURNING (SQLite >= 3.35, PostgreSQL), which locks
    the rows until the transaction ends, so a concurrent attempt sees this one's count.
    Through the ORM this was three statements (insert, select for update, update): 1.2 ms
    of a vote's 8 in process."""
    connection = connections[RateCounter.objects.db]
    quote = connection.ops.quote_name
    table = quote(RateCounter._meta.db_table)
    columns = {field.name: field.column for field in RateCounter._meta.concrete_fields}
    key, hour, count = (quote(columns[name]) for name in RATE_COLUMNS)
    rows = ", ".join(["(%s, %s, %s)"] * len(limits))
    params: list[Any] = []
    stamp = connection.ops.adapt_datetimefield_value(window)
    for limit in limits:  # sorted by key: concurrent callers lock the rows in one order
        params += [limit.key, stamp, max(by, 0)]
    sql = (
        f"INSERT INTO {table} ({key}, {hour}, {count}) VALUES {rows} "  # noqa: S608
        f"ON CONFLICT ({key}, {hour}) DO UPDATE SET {count} = {table}.{count} + %s "
        f"RETURNING {key}, {count}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, by])
        return dict(cursor.fetchall())


def hit(
    action: str,
    *,
    user_id: int | None = None,
    ip_digest: str | None = None,
    now: datetime | None = None,
    exempt: bool = False,
) -> None:
    """Count one attempt at `action` by a member and/or an IP digest, or refuse it.

    Raises RateLimited (with `retry_after`, the seconds until the hour ends) when
    the attempt would go over ``settings.RATE_LIMITS[action]`` for the member or
    for the IP digest; a refused attempt is not counted against either. An action
    missing from the settings, or a limit of None, is not limited. `exempt` (for
    moderators; the caller decides) skips counting altogether.

    Locks the counter rows until the surrounding transaction ends: call it before
    the work, and outside long transactions. If the caller's transaction rolls
    back, so does the count.
    """
    if not (applicable := _applicable(action, user_id, ip_digest, now, exempt)):
        return
    limits, now, window = applicable
    refusal: RateLimited | None = None
    # No savepoint of its own inside the caller's transaction (two statements less per
    # post); the refusal is raised after the block, so it never breaks that transaction.
    with transaction.atomic(savepoint=False):
        counts = _count(limits, window, by=1)
        over = next((limit for limit in limits if counts[limit.key] > limit.limit), None)
        if over is not None:
            refusal = _refusal(action, over, now, window)
            _count(limits, window, by=-1)  # a refused attempt is not counted
    if refusal is not None:
        raise refusal


def check(
    action: str,
    *,
    user_id: int | None = None,
    ip_digest: str | None = None,
    now: datetime | None = None,
    exempt: bool = False,
) -> None:
    """Raise RateLimited as `hit` would, without counting anything.

    For refusing early (before a form is processed); not a substitute for `hit`,
    as two requests may both pass a check.
    """
    if not (applicable := _applicable(action, user_id, ip_digest, now, exempt)):
        return
    limits, now, window = applicable
    counts = dict(
        RateCounter.objects.filter(
            key__in=[limit.key for limit in limits], window=window
        ).values_list("key", "count")
    )
    for limit in limits:
        if counts.get(limit.key, 0) >= limit.limit:
            raise _refusal(action, limit, now, window)


def hit_cached(
    action: str,
    *,
    user_id: int | None = None,
    ip_digest: str | None = None,
    now: datetime | None = None,
    exempt: bool = False,
) -> None:
    """`hit` counted in the machine's shared cache instead of the database, for actions
    too frequent to write a row for (API reads): no transaction, no lock, nothing written to
    the database. Close to exact (the file cache's increment is not atomic across processes,
    Redis's is), which is what a limit of thousands an hour needs."""
    if not (applicable := _applicable(action, user_id, ip_digest, now, exempt)):
        return
    limits, now, window = applicable
    stamp = int(window.timestamp())
    counted: list[str] = []
    for limit in limits:
        key = f"ratelimit:{limit.key}:{stamp}"
        cache.add(key, 0, timeout=int(WINDOW.total_seconds()) + 60)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: a new hour
            cache.set(key, 1, timeout=int(WINDOW.total_seconds()) + 60)
            count = 1
        counted.append(key)
        if count > limit.limit:
            for done in counted:  # a refused attempt is not counted
                with contextlib.suppress(ValueError):
                    cache.decr(done)
            raise _refusal(action, limit, now, window)


def hit_from_request(
    request: HttpRequest, action: str, *, count: bool = True, cached: bool = False
) -> None:
    """`hit` for the request's member (when logged in) and its IP digest.

    For views and API endpoints, before they call the service. Moderators are
    exempt. With `count=False` it only checks, as `check` does; with `cached` it counts in
    the shared cache (`hit_cached`).
    """
    user = getattr(request, "user", None)
    member = user if user is not None and user.is_authenticated else None
    limit = (hit_cached if cached else hit) if count else check
    limit(
        action,
        user_id=member.pk if member is not None else None,
        ip_digest=request_ip_digest(request),
        exempt=bool(getattr(member, "is_moderator", False)),
    )


def purge_old_counters(*, older_than_hours: int = 48) -> int:
    """Delete counters for hours that ended more than `older_than_hours` ago.

    Counter keys hold IP digests, so this should run at least daily (keeping well
    inside IP_DIGEST_RETENTION_DAYS). Returns how many rows were deleted.
    """
    cutoff = timezone.now() - timedelta(hours=older_than_hours) - WINDOW
    deleted, _ = RateCounter.objects.filter(window__lt=cutoff).delete()
    return deleted
