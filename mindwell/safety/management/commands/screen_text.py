import contextlib
import json
import sys
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandParser

from mindwell.professionals.boundaries import boundary_rule_ids, second_look_ids
from mindwell.safety.screening.detector import screen


class Command(BaseCommand):
    help = (
        "Crisis-screen text read from stdin, one item a line: a JSON object with a 'text' field "
        "(optional 'language', and 'id' echoed back) or plain text. Writes one JSON line per "
        'item: {"tier": "urgent", "rules": [...], "boundary": [...]} (boundary: the rule ids '
        "that would hold the text for a verified professional). Blank lines are skipped."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--language",
            default=None,
            help=(
                "A language hint for lines that do not name one (en, es, fr, de, pt, it). "
                "It adds that language's phrase file; the detected language and English are "
                "always read, and every language when the text's language is unsure."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stdin: TextIO = options.get("stdin") or sys.stdin
        for line in stdin:
            if not line.strip():
                continue
            self.stdout.write(
                json.dumps(screen_line(line, options["language"]), ensure_ascii=False)
            )


def screen_line(line: str, language: str | None) -> dict[str, Any]:
    """One input line -> one output object; a JSON object without usable text gets an error."""
    item: Any = line.rstrip("\r\n")
    with contextlib.suppress(ValueError):  # else plain text
        item = json.loads(item)
    result: dict[str, Any] = {}
    if isinstance(item, dict):
        if "id" in item:
            result["id"] = item["id"]
        text, language = item.get("text"), item.get("language") or language
        if not isinstance(text, str) or not isinstance(language, str | None):
            result["error"] = "Each JSON object needs a string 'text' (and 'language', if any)."
            return result
    else:
        text = line.rstrip("\r\n") if not isinstance(item, str) else item
    screening = screen(text, language=language)
    return result | {
        "tier": screening.tier.label,
        "rules": list(screening.rules),
        "score": None if screening.score is None else round(screening.score, 3),
        "languages": list(screening.languages),
        # What would hold this text for a verified professional ([] when it would pass).
        "boundary": boundary_rule_ids(text),
        # Published, but a moderator looks (the learned model; professionals only).
        "second_look": second_look_ids(text),
    }
