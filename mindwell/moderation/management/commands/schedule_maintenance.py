from typing import Any

from django.core.management.base import BaseCommand
from django_tasks_db.models import DBTaskResult

from mindwell.core.maintenance import optimize_database
from mindwell.moderation.tasks import purge_ip_digests


class Command(BaseCommand):
    help = "Queue the daily maintenance task (IP digest purge) unless it is already queued."

    def handle(self, *args: Any, **options: Any) -> None:
        optimize_database()
        name = purge_ip_digests.module_path
        if DBTaskResult.objects.filter(task_path=name, status="READY").exists():
            self.stdout.write("Daily maintenance is already scheduled.")
            return
        purge_ip_digests.enqueue()
        self.stdout.write("Daily maintenance scheduled.")
