from __future__ import annotations

import time
from contextlib import nullcontext
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from mindwell.core.errors import DomainError
from mindwell.importers.common import Report
from mindwell.importers.models import ImportRun
from mindwell.importers.stackexchange import redirects
from mindwell.importers.stackexchange.dump import Dump
from mindwell.importers.stackexchange.importer import SOURCE, StackExchangeImport


class DryRunDone(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Import a Stack Exchange data dump (a directory, .zip or .7z holding Posts.xml, "
        "Users.xml, Comments.xml, Votes.xml, PostHistory.xml, PostLinks.xml, Tags.xml): "
        "members, questions, answers, comments, best answers, duplicates, vote tallies, "
        "favourites and edit history. Safe to run again: what is done is skipped, an "
        "interrupted import continues."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The dump: a directory, a .zip or a .7z.")
        parser.add_argument(
            "--site-url",
            default="",
            help="The old site's address for the CC BY-SA source links "
            "(default: from the archive's name, e.g. cooking.stackexchange.com.7z).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Import in a transaction, print the report, then undo everything.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            dump = Dump(options["path"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Importing the Stack Exchange dump {dump.path}")
        started = time.perf_counter()
        report: Report | None = None
        # Each batch commits on its own, so a stopped import keeps what it did and the
        # next run continues; a dry run is one transaction that is rolled back.
        try:
            with transaction.atomic() if options["dry_run"] else nullcontext():
                importer = StackExchangeImport(dump, site_url=options["site_url"], out=self.stdout)
                report = importer.run()
                ImportRun.objects.create(
                    source=SOURCE,
                    location=str(dump.path)[:300],
                    dry_run=options["dry_run"],
                    finished_at=timezone.now(),
                    report=report.as_dict(),
                )
                if options["dry_run"]:
                    raise DryRunDone
        except DryRunDone:
            pass
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        finally:
            dump.close()
        redirects.forget_cache()
        if report is None:  # pragma: no cover - run() either returns or raises
            raise CommandError("The import did not finish.")
        report.write(
            self.stdout.write,
            source="Dump",
            seconds=time.perf_counter() - started,
            dry_run=options["dry_run"],
        )
