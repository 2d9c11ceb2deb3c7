import os
from contextlib import nullcontext
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from mindwell.core import workers
from mindwell.core.heartbeat import Heartbeat


class Command(BaseCommand):
    help = (
        "Run the background worker (db_worker) under a host-and-pid name, after putting back "
        "the tasks a dead worker on this host left running and scheduling the recurring sweep. "
        "Extra options are passed to db_worker. It beats (core.heartbeat) while it runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Exit when no task is ready.")
        parser.add_argument("--interval", default="1", help="Seconds between polls.")

    def handle(self, *args: Any, **options: Any) -> None:
        requeued = workers.requeue_orphaned_tasks()
        emails = workers.sweep_apps()  # e.g. pending emails whose task died with a worker
        if not options["batch"]:
            workers.ensure_sweep_scheduled()
        if requeued or emails:
            self.stderr.write(
                f"Queued again after a dead worker: {requeued} task(s), {emails} other item(s)."
            )
        worker = workers.worker_id()
        arguments = ["--queue-name", "default", "--worker-id", worker]
        arguments += ["--interval", str(options["interval"]), "--no-startup-delay"]
        if options["batch"]:
            arguments.append("--batch")
        # Under DEBUG, db_worker reloads on code changes: this process only watches files and
        # restarts a child that runs this command again, and the child is the one that beats.
        watcher = (
            settings.DEBUG
            and not options["batch"]
            and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        )
        with nullcontext() if watcher else Heartbeat(worker):
            call_command("db_worker", *arguments, verbosity=options["verbosity"])
