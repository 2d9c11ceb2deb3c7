from __future__ import annotations

import time
from contextlib import nullcontext
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from mindwell.core.errors import DomainError
from mindwell.importers import redirects
from mindwell.importers.common import Report
from mindwell.importers.models import ImportRun
from mindwell.importers.q2a.importer import Q2AImport
from mindwell.importers.q2a.source import Location, Source


class DryRunDone(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Import a Question2Answer (1.6-1.8) site from its MySQL/MariaDB database: members "
        "and their logins, categories, tags, posts, votes, flags, favourites and points. "
        "Safe to run again: what is done is skipped, an interrupted import continues."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from",
            dest="location",
            required=True,
            help="mysql://user:password@host[:port]/database",
        )
        parser.add_argument("--prefix", default="qa_", help="Q2A's table prefix (qa_).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Import in a transaction, print the report, then undo everything.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            location = Location.parse(options["location"])
            source = Source(location, options["prefix"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if not source.has_table("posts"):
            raise CommandError(
                f"No {options['prefix']}posts table in {location}: is the prefix right?"
            )
        self.stdout.write(f"Importing Question2Answer from {location}")
        started = time.perf_counter()
        report: Report | None = None
        importer: Q2AImport | None = None
        saved = False
        try:
            # A real run commits batch by batch (each with its mapping rows), so an interrupted
            # import keeps what it wrote and the next run continues; a dry run is one
            # transaction, undone at the end.
            with transaction.atomic() if options["dry_run"] else nullcontext():
                importer = Q2AImport(source, out=self.stdout)
                report = importer.run()
                ImportRun.objects.create(
                    source="q2a",
                    location=str(location),
                    dry_run=options["dry_run"],
                    finished_at=timezone.now(),
                    report=report.as_dict(),
                )
                if options["dry_run"]:
                    raise DryRunDone
            saved = True
        except DryRunDone:
            pass
        finally:
            source.close()
            if importer is not None and options["dry_run"] and not saved:
                importer.discard_new_files()  # pictures stored by a run that was undone
        redirects.forget_cache()
        if report is None:  # pragma: no cover - run() either returns or raises
            raise CommandError("The import did not finish.")
        report.write(
            self.stdout.write,
            source="Q2A",
            seconds=time.perf_counter() - started,
            dry_run=options["dry_run"],
        )
