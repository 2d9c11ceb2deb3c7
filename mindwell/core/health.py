"""Is the site healthy: the database, the cache, the background worker and its queue.

`worker_status()` is what a page can show ("the worker is silent": crisis alerts and emails
are not going out); `check()` is what /healthz answers. Nothing here names a member, an
address or a host: only ages and counts.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, Count, F, Max, Min, When
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from mindwell.core.models import WorkerHeartbeat

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class WorkerStatus:
    """The background worker as seen from the database.

    last_beat_seconds: seconds since any worker last beat (None: no heartbeat on record).
    silent: no beat for more than settings.WORKER_SILENT_AFTER_SECONDS (or none ever, or the
        heartbeats could not be read).
    pending: tasks due to run now and waiting for a worker (None: the queue could not be read).
    oldest_pending_seconds: how long the longest-waiting of them has been due (None: none).
    """

    last_beat_seconds: int | None
    silent: bool
    pending: int | None
    oldest_pending_seconds: int | None


def _read(query: Callable[[], T], default: T) -> T:
    """`query()`, or `default` when the database refuses (down, or a table not migrated)."""
    try:
        if connection.in_atomic_block:
            with transaction.atomic():  # a savepoint: the caller's transaction stays usable
                return query()
        return query()  # no transaction of our own: on SQLite that would take the write lock
    except DatabaseError:
        log.warning("Health check: the database refused a query", exc_info=True)
        return default


def _seconds_since(moment: datetime | None, now: datetime) -> int | None:
    return None if moment is None else max(0, int((now - moment).total_seconds()))


def worker_status() -> WorkerStatus:
    """The newest heartbeat's age and the queue of tasks due; never raises for the database."""
    now = timezone.now()
    last_beat = _read(lambda: WorkerHeartbeat.objects.aggregate(last=Max("beat_at"))["last"], None)
    age = _seconds_since(last_beat, now)
    # A task is due from when it was enqueued, or from its run_after when it was scheduled
    # (django-tasks-db stores "no run_after" as its maximum date); tasks scheduled for later
    # are not waiting yet.
    due_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    queue: dict[str, Any] = _read(
        lambda: DBTaskResult.objects.ready().aggregate(pending=Count("pk"), since=Min(due_since)),
        {"pending": None, "since": None},
    )
    return WorkerStatus(
        last_beat_seconds=age,
        silent=age is None or age > settings.WORKER_SILENT_AFTER_SECONDS,
        pending=queue["pending"],
        oldest_pending_seconds=_seconds_since(queue["since"], now),
    )


def database_ok() -> bool:
    def query() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)

    return _read(query, False)


def cache_ok() -> bool:
    """Set a key and read it back (a key of its own, so probes in parallel cannot mix)."""
    value = secrets.token_hex(8)
    key = f"healthz:{value}"
    try:
        cache.set(key, value, timeout=30)
        found = cache.get(key)
        cache.delete(key)
        return bool(found == value)
    except Exception:  # each cache backend raises its own errors (redis: ConnectionError …)
        log.warning("Health check: the cache failed", exc_info=True)
        return False


def check() -> tuple[bool, dict[str, Any]]:
    """(healthy, the report /healthz shows): unhealthy when the database or the cache fails
    or the worker is silent."""
    database, cache_works = database_ok(), cache_ok()
    # Without a database nothing about the worker can be known (and each query would wait).
    worker = worker_status() if database else WorkerStatus(None, True, None, None)
    healthy = database and cache_works and not worker.silent
    return healthy, {
        "status": "ok" if healthy else "fail",
        "database": "ok" if database else "fail",
        "cache": "ok" if cache_works else "fail",
        "worker": {"last_beat_seconds": worker.last_beat_seconds, "silent": worker.silent},
        "tasks": {
            "pending": worker.pending,
            "oldest_pending_seconds": worker.oldest_pending_seconds,
        },
    }
