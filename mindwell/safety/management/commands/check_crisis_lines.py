from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mindwell.safety.models.crisis import VERIFY_EVERY_DAYS
from mindwell.safety.resources import lines_needing_verification


class Command(BaseCommand):
    help = (
        "List active crisis lines not verified for six months (or --days N). "
        "Exits with status 1 if there are any, so cron can alert."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=VERIFY_EVERY_DAYS,
            help=f"How old a verification may be (default {VERIFY_EVERY_DAYS}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days: int = options["days"]
        if days < 0:
            raise CommandError("--days cannot be negative.")
        today = timezone.localdate()
        stale = lines_needing_verification(days=days, today=today)
        if not stale:
            self.stdout.write(f"All active crisis lines were verified in the last {days} days.")
            return
        header = ("Country", "Kind", "Service", "Contact", "Last verified", "Days ago")
        rows = [
            (
                line.country or "intl",
                line.kind,
                line.service_name,
                line.phone or line.text_number or line.chat_url,
                line.last_verified.isoformat(),
                str((today - line.last_verified).days),
            )
            for line in stale
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
        raise CommandError(
            f"{len(stale)} active crisis line(s) not verified in the last {days} days.",
            returncode=1,
        )
