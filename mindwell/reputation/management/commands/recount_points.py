from typing import Any

from django.core.management.base import BaseCommand

from mindwell.reputation import services


class Command(BaseCommand):
    help = "Recompute every member's points from the points ledger."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = services.recount_points()
        self.stdout.write(f"Recounted points; {changed} member total(s) corrected.")
