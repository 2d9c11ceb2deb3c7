from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mindwell.core.artifacts import write_or_check
from mindwell.professionals.boundary_model import MODEL_PATH


class Command(BaseCommand):
    help = (
        "Train the professional-boundary model on the development splits of "
        "professionals/boundary_eval (never heldout) and write "
        "professionals/model/boundary-model.json.gz. Needs scikit-learn (requirements-dev)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if the artifact differs.")

    def handle(self, *args: Any, **options: Any) -> None:
        from mindwell.professionals.boundary_model import build

        built = build()
        model = built.model
        kept = sum(1 for w in model.weights if w)
        self.stdout.write(
            f"Trained on {model.trained_on} texts; vocabulary {built.vocabulary:,}, kept "
            f"{kept:,} weights. Each writer's set scored by a model fitted on the others "
            f"(the model alone): held at {model.hold_threshold}, precision "
            f"{built.hold_precision:.3f}, recall {built.hold_recall:.3f}, ordinary posts "
            f"held {built.ordinary_held:.1%}; held or looked at from {model.look_threshold}, "
            f"precision {built.look_precision:.3f}, recall {built.look_recall:.3f}, ordinary "
            f"posts {built.ordinary_looked:.1%}."
        )
        self.stdout.write(write_or_check(model.save, MODEL_PATH, check=options["check"]))
