"""List or change the run-time settings (the admin's site configuration) from a shell."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mindwell.core import runtime


class Command(BaseCommand):
    help = (
        "Show the run-time settings and their current values; --set key=value changes one "
        "(validated and audited like the admin page); --markdown prints the README's table."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
        parser.add_argument("--markdown", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["markdown"]:
            self.stdout.write(runtime.markdown_table())
            return
        if options["set"]:
            values = {}
            for item in options["set"]:
                key, sep, text = item.partition("=")
                if not sep:
                    raise CommandError(f"Write KEY=VALUE, not {item!r}.")
                try:
                    values[key] = runtime.parse(key, text)
                except ImproperlyConfigured as error:
                    raise CommandError(str(error)) from None
                except ValueError:
                    raise CommandError(f"{key}: {text!r} is not a number.") from None
            try:
                found = runtime.save(values=values, actor=None)
            except ValidationError as error:
                problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
                raise CommandError(problems) from None
            for key, _, old, new in found:
                self.stdout.write(f"{key}: {runtime.shown(old)} -> {runtime.shown(new)}")
            return
        values = runtime.current()
        for declared in runtime.registered():
            self.stdout.write(f"{declared.key} = {runtime.shown(values[declared.key])}")
