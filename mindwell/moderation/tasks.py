from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task


@task()
def purge_ip_digests() -> int:
    """Forget old IP digests and rate counters, then run again in a day."""
    from mindwell.moderation import services

    purged = services.purge_ip_digests(older_than_days=settings.IP_DIGEST_RETENTION_DAYS)
    from mindwell.core.ratelimit import purge_old_counters

    purge_old_counters()
    from mindwell.safety.services import purge_expired

    purge_expired()
    from mindwell.core.maintenance import optimize_database

    optimize_database()
    purge_ip_digests.using(run_after=timezone.now() + timedelta(days=1)).enqueue()
    return purged


@task()
def run_maintenance(run_id: int) -> str:
    """A maintenance command an admin queued from the site (moderation/maintenance.py)."""
    from mindwell.moderation import maintenance

    return maintenance.perform(run_id)
