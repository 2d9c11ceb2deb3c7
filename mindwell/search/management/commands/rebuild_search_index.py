from typing import Any

from django.core.management.base import BaseCommand

from mindwell.search.services import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the full-text search index from the published questions."

    def handle(self, *args: Any, **options: Any) -> None:
        count, seconds = rebuild_index()
        rate = count / seconds if seconds else 0
        self.stdout.write(
            f"Indexed {count} questions in {seconds:.1f} s ({rate:,.0f} questions per second)."
        )
