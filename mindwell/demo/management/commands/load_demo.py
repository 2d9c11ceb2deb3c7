from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from mindwell.demo.loader import load_demo
from mindwell.qa.models import Question


class Command(BaseCommand):
    help = "Load the demo community (members, categories, questions, answers, votes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if any question exists."
        )
        parser.add_argument("--password", help="Password for every demo member.")

    def handle(self, *args: Any, **options: Any) -> None:
        if Question.objects.exists():
            if options["if_empty"]:
                self.stdout.write("The database already has questions; demo not loaded.")
                return
            self.stderr.write("The database already has questions; refusing to add the demo.")
            raise SystemExit(1)
        result = load_demo(password=options.get("password"))
        password_file = settings.VAR_DIR / "demo-password.txt"
        password_file.write_text(result["password"] + "\n")
        password_file.chmod(0o600)
        self.stdout.write(
            f"Loaded the demo community: {result['members']} members, "
            f"{result['questions']} questions, {result['answers']} answers, "
            f"{result['comments']} comments, {result['votes']} votes, "
            f"{result['professionals']} verified professionals, "
            f"{result['held']} post(s) held for the moderators.\n"
            f"Every demo member (e.g. 'admin') has the password in {password_file}."
        )
