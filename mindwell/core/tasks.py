"""Recurring background work of the site itself."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task


@task()
def sweep() -> int:
    """Queue again what dead workers left behind, every minute (the next run is queued first,
    so a failing sweep does not end the chain)."""
    from mindwell.core import workers

    every = timedelta(seconds=settings.SWEEP_EVERY_SECONDS)
    workers.ensure_sweep_scheduled(run_after=timezone.now() + every)  # one chain, never two
    return workers.sweep()
