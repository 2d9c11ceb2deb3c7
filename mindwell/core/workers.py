"""Keeping background work alive when a worker dies.

`make run` starts the worker through `manage.py worker`, which names itself
"<host>-<pid>" and, before taking tasks, puts back every task that a dead worker on this host
left marked running. A recurring `sweep` task does the same for tasks running far longer than
any task should (a dead worker on another host) and queues again the emails a dead worker
left in the outbox. Tasks are written to be safe to run twice (they claim rows, check state,
or de-duplicate by key), so running one again is the cure, never a double effect that a member
would notice (an email may arrive twice, with the same Message-ID).
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

log = logging.getLogger(__name__)


def worker_id(pid: int | None = None) -> str:
    """This process's worker id: host name and process id (under db_worker's 64 characters)."""
    return f"{socket.gethostname()[:40]}-{pid or os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _dead_here(worker: str) -> bool:
    """Whether `worker` ran on this host and its process is gone."""
    host, _, pid = worker.rpartition("-")
    return host == socket.gethostname()[:40] and pid.isdigit() and not _alive(int(pid))


def requeue_orphaned_tasks(*, stale_after_seconds: int | None = None) -> int:
    """Put tasks a dead worker left running back in the queue; returns how many."""
    stale = timezone.now() - timedelta(
        seconds=stale_after_seconds or settings.TASK_STALE_AFTER_SECONDS
    )
    count = 0
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING)
        for result in running:
            last = result.worker_ids[-1] if result.worker_ids else ""
            if _dead_here(last) or (result.started_at and result.started_at <= stale):
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                count += 1
    if count:
        log.warning("Put %d task(s) left running by a dead worker back in the queue", count)
    return count


# Apps with work of their own that a dead worker can strand (notifications: the outbox) connect
# a receiver that queues it again and returns how many; core knows none of them.
sweep_requested = Signal()


def sweep_apps() -> int:
    """Ask every app to queue again what a dead worker left behind; returns how many."""
    return sum(int(result or 0) for _, result in sweep_requested.send(sender=None))


def sweep() -> int:
    """Everything a dead worker may have left behind, queued again."""
    return requeue_orphaned_tasks() + sweep_apps()


def ensure_sweep_scheduled(run_after: datetime | None = None) -> bool:
    """Queue the recurring sweep unless one is already waiting; True if queued now."""
    from mindwell.core.tasks import sweep as sweep_task

    waiting = DBTaskResult.objects.filter(
        task_path=sweep_task.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return False
    (sweep_task.using(run_after=run_after) if run_after else sweep_task).enqueue()
    return True
