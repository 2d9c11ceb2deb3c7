"""Recurring background work of the site itself."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task


@task()
def sweep() -> int:
    """Queue again what dead workers left behind; then run again in a minute."""
    from mindwell.core import workers

    found = workers.sweep()
    sweep.using(
        run_after=timezone.now() + timedelta(seconds=settings.SWEEP_EVERY_SECONDS)
    ).enqueue()
    return found
