from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mindwell.professionals import evaluation
from mindwell.professionals.boundaries import boundary_rule_ids


class Command(BaseCommand):
    help = (
        "Precision and recall of the professional-boundary check on the labelled sets "
        "(dev*: tuned on; heldout, heldout2: written blind, figures only)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--split", choices=[*evaluation.SPLITS, "both"], default="both")
        parser.add_argument(
            "--misses", action="store_true", help="List a dev split's mistakes (never heldout)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        splits = evaluation.SPLITS if options["split"] == "both" else (options["split"],)
        if options["misses"] and set(splits) & set(evaluation.BLIND_SPLITS):
            raise CommandError("--misses is for the dev splits only: never tune on a blind set.")
        self.stdout.write(
            "Professional boundaries: held = what the check would hold for a verified "
            f"professional (targets: recall >= {evaluation.TARGET_RECALL}, precision >= "
            f"{evaluation.TARGET_PRECISION} on the blind sets)"
        )
        self.stdout.write(
            f"{'split':8} {'lang':4} {'texts':>5} {'held: precision':>15} {'recall':>6}"
            f" {'held or looked at: precision':>28} {'recall':>6}"
        )
        pooled, pooled_looked = evaluation.Score(), evaluation.Score()
        for split in splits:
            scores = evaluation.evaluate(split, keep_misses=options["misses"])
            looked = evaluation.evaluate(split, looked=True)
            for lang in [*sorted(k for k in scores if k != "all"), "all"]:
                self._row(split, lang, scores[lang], looked[lang])
            if split in evaluation.BLIND_SPLITS:
                pooled.add(scores["all"])
                pooled_looked.add(looked["all"])
            if options["misses"]:
                for row in scores["all"].misses:
                    rules = ",".join(boundary_rule_ids(row["text"])) or "-"
                    self.stdout.write(
                        f"[{row['lang']} {row['label']} {row['category']} {rules}] {row['text']}"
                    )
        if options["split"] == "both":
            self._row("blind", "all", pooled, pooled_looked)  # every blind set together
            self.stdout.write(
                "Ordinary posts (all fine to publish; ordinary1-5 trained on, ordinary-check "
                "never): what a verified professional writing them would meet"
            )
            for name in evaluation.ORDINARY_SPLITS:
                total, held, seen = evaluation.ordinary_holds(name)
                self.stdout.write(
                    f"{name:15} {total:5d} texts: held {held} ({held / total:.1%}), "
                    f"held or looked at {seen} ({seen / total:.1%})"
                )

    def _row(self, split: str, lang: str, s: evaluation.Score, w: evaluation.Score) -> None:
        self.stdout.write(
            f"{split:8} {lang:4} {s.total:5d} {s.precision:15.3f} {s.recall:6.3f}"
            f" {w.precision:28.3f} {w.recall:6.3f}"
        )
