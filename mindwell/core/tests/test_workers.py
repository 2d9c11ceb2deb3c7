"""Background work survives a dead worker: orphaned tasks run again, one sweep chain."""

import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mindwell.core import tasks, workers


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.django_db(transaction=True)
def test_tasks_left_running_by_a_dead_worker_on_this_host_run_again():
    tasks.sweep.enqueue()
    result = DBTaskResult.objects.get()
    dead = f"{socket.gethostname()[:40]}-{_dead_pid()}"
    DBTaskResult.objects.filter(pk=result.pk).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=[dead]
    )
    alive = workers.worker_id(os.getpid())
    other = DBTaskResult.objects.create(
        **{
            f.name: getattr(result, f.name)
            for f in DBTaskResult._meta.concrete_fields
            if f.name not in ("id", "status", "worker_ids", "started_at")
        },
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now(),
        worker_ids=[alive],
    )
    assert workers.requeue_orphaned_tasks() == 1
    assert DBTaskResult.objects.get(pk=result.pk).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=other.pk).status == TaskResultStatus.RUNNING  # alive
    long_ago = timezone.now() - timedelta(hours=1)
    DBTaskResult.objects.filter(pk=other.pk).update(started_at=long_ago)
    assert workers.requeue_orphaned_tasks() == 1  # stale, wherever its worker was


@pytest.mark.django_db(transaction=True)
def test_the_sweep_keeps_one_chain(run_worker, settings):
    settings.SWEEP_EVERY_SECONDS = 3600
    assert workers.ensure_sweep_scheduled()
    assert not workers.ensure_sweep_scheduled()
    run_worker()  # the sweep runs and queues the next one, an hour on
    ready = DBTaskResult.objects.filter(
        task_path=tasks.sweep.module_path, status=TaskResultStatus.READY
    )
    assert ready.count() == 1
