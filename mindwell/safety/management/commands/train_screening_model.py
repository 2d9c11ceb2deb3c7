from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mindwell.core.artifacts import write_or_check
from mindwell.safety.screening.model import MODEL_PATH


class Command(BaseCommand):
    help = (
        "Train the crisis-screening model on safety/corpus/train (dev split for thresholds) "
        "and write safety/model/crisis-model.json.gz. Needs scikit-learn (requirements-dev)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if the artifact differs.")

    def handle(self, *args: Any, **options: Any) -> None:
        from mindwell.safety.screening.training import build

        built = build()
        self.stdout.write(
            f"Trained on {built.model.trained_on} posts; vocabulary {built.vocabulary:,}, "
            f"kept {len(built.model.weights):,} weights.\n"
            f"Dev split (model alone): flag recall {built.dev_flag_recall:.3f}, precision "
            f"{built.dev_flag_precision:.3f} at threshold {built.model.flag_threshold}; "
            f"urgent recall {built.dev_urgent_recall:.3f} at {built.model.urgent_threshold}."
        )
        self.stdout.write(write_or_check(built.model.save, MODEL_PATH, check=options["check"]))
