"""The worker's heartbeat: how /healthz knows a background worker is alive.

`manage.py worker` beats once when it starts, then a daemon thread beats every
HEARTBEAT_SECONDS while db_worker runs (db_worker's loop offers no hook of its own), and the
row is marked stopped when the worker shuts down cleanly. A worker that dies without a clean
shutdown simply stops beating; core.health.worker_status() calls it silent after
settings.WORKER_SILENT_AFTER_SECONDS.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta
from types import TracebackType

from django.db import close_old_connections, connections
from django.utils import timezone

from mindwell.core import workers
from mindwell.core.models import WorkerHeartbeat

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15
# Rows of workers on other hosts that have not beaten for this long are forgotten.
FORGET_AFTER = timedelta(days=7)


def beat(worker: str | None = None, *, starting: bool = False) -> WorkerHeartbeat:
    """Record that this worker process is alive now (and, when `starting`, that it started)."""
    now = timezone.now()
    fields = {"host": socket.gethostname(), "pid": os.getpid(), "beat_at": now, "stopped_at": None}
    if starting:
        fields["started_at"] = now
    heartbeat, _ = WorkerHeartbeat.objects.update_or_create(
        worker_id=worker or workers.worker_id(),
        defaults=fields,
        create_defaults={**fields, "started_at": now},
    )
    return heartbeat


def mark_stopped(worker: str | None = None) -> None:
    """A clean shutdown: the row keeps its last beat and says it stopped."""
    now = timezone.now()
    WorkerHeartbeat.objects.filter(worker_id=worker or workers.worker_id()).update(
        beat_at=now, stopped_at=now
    )


def forget_gone_workers() -> int:
    """Drop the rows of workers that are gone: on this host, stopped or whose process no longer
    exists; anywhere, silent for FORGET_AFTER. Returns how many."""
    host = socket.gethostname()
    gone = [
        row.pk
        for row in WorkerHeartbeat.objects.filter(host=host).only("pk", "pid", "stopped_at")
        if row.stopped_at is not None or not workers._alive(row.pid)
    ]
    deleted, _ = WorkerHeartbeat.objects.filter(pk__in=gone).delete()
    old, _ = WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - FORGET_AFTER).delete()
    return deleted + old


class Heartbeat:
    """Beats for one worker while the `with` block runs: once on entry, then every `every`
    seconds from a daemon thread with its own database connection; on exit the thread stops,
    its connection is closed and the row is marked stopped."""

    def __init__(self, worker: str | None = None, *, every: float = HEARTBEAT_SECONDS) -> None:
        self.worker = worker or workers.worker_id()
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)

    def __enter__(self) -> Heartbeat:
        try:
            forget_gone_workers()
            beat(self.worker, starting=True)
        except Exception:
            log.exception("The worker's first heartbeat failed; it will try again")
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=self.every + 5)
        try:
            mark_stopped(self.worker)
        except Exception:
            log.exception("Could not mark worker %s stopped", self.worker)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.every):
                close_old_connections()
                try:
                    beat(self.worker)
                except Exception:  # a locked or unreachable database: try again next time
                    log.exception("The worker's heartbeat failed")
                close_old_connections()
        finally:
            connections.close_all()  # this thread's connections only
