import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mindwell.safety import emergency
from mindwell.safety.models import CrisisLine
from mindwell.safety.models.crisis import VERIFY_EVERY_DAYS
from mindwell.safety.resources import lines_needing_verification


def what_to_check(line: CrisisLine) -> list[str]:
    """The facts about `line` that someone must confirm with the service, as shown to
    readers: each way to reach it, its hours and languages, and its name."""
    checks = []
    if line.phone:
        checks.append(f"the phone number {line.phone}")
    if line.text_number:
        checks.append(f'the text instructions "{line.text_number}"')
    if line.chat_url:
        checks.append(f"that the chat link {line.chat_url} still works")
    if line.kind != CrisisLine.Kind.EMERGENCY:
        checks.append(f'the hours "{line.hours}"' if line.hours else "the hours (none listed)")
    if line.languages:
        checks.append(f'the languages "{line.languages}"')
    checks.append(f'the name "{line.service_name}"')
    return checks


class Command(BaseCommand):
    help = (
        "List active crisis lines not verified for six months (or --days N), with what "
        "to re-check and where. Exits with status 1 if there are any, so cron can alert."
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
        table_stale = today - datetime.timedelta(days=days) > emergency.CHECKED_ON
        if not stale and not table_stale:
            self.stdout.write(f"All active crisis lines were verified in the last {days} days.")
            return
        if stale:
            self._write_table(stale, today)
            self._write_instructions(stale)
        if table_stale:
            self._write_table_note(today)
        problems = []
        if stale:
            problems.append(
                f"{len(stale)} active crisis line(s) not verified in the last {days} days."
            )
        if table_stale:
            problems.append(
                f"The built-in emergency numbers were not checked in the last {days} days."
            )
        raise CommandError(" ".join(problems), returncode=1)

    def _write_table(self, stale: list[CrisisLine], today: datetime.date) -> None:
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

    def _write_instructions(self, stale: list[CrisisLine]) -> None:
        self.stdout.write("")
        self.stdout.write(
            "To re-verify each line, check with the service's own source (its website, "
            "or by calling) that what readers see is still right; correct the entry in "
            'the admin, then use "Mark as verified today":'
        )
        for line in stale:
            self.stdout.write("")
            self.stdout.write(
                f"{line.country or 'intl'} {line.kind}: {line.service_name} (id {line.pk})"
            )
            self.stdout.write(f"  Check: {'; '.join(what_to_check(line))}.")
            if line.source_url:
                self.stdout.write(f"  Source: {line.source_url}")
            else:
                self.stdout.write(
                    "  Source: none recorded. Find the service's official website, check "
                    "against it and add it as the entry's source URL."
                )

    def _write_table_note(self, today: datetime.date) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"Built-in emergency numbers (mindwell/safety/emergency.py), last checked "
            f"{emergency.CHECKED_ON.isoformat()}, {(today - emergency.CHECKED_ON).days} "
            "days ago. They are shown where a country has no emergency row. Check each "
            "number and the other services named with it against the country's official "
            f"sources (for the 112 countries: {emergency.EU_112_SOURCE}), then update "
            "CHECKED_ON in a code change."
        )
