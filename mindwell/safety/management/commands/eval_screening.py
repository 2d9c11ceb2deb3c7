from collections import Counter
from functools import partial
from typing import Any
from unittest.mock import patch

from django.core.management.base import BaseCommand, CommandParser

from mindwell.safety.screening import detector, evaluation, labelled, model


class Command(BaseCommand):
    help = (
        "Score crisis screening on the labelled sets and print the tables: precision, recall "
        "and F1 (flagged and urgent, overall and per language), by kind, and speed. "
        "Only aggregates are printed; the held-out set's posts are never shown."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--set",
            action="append",
            choices=("heldout", "dev", "train"),
            help="Which set(s) to score (default: dev, then heldout).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        names = options["set"] or ["dev", "heldout"]
        loaded = model.load()
        self.stdout.write(
            "Model: "
            + (
                f"{len(loaded.weights):,} weights, trained on {loaded.trained_on} posts, "
                f"flag threshold {loaded.flag_threshold}, urgent {loaded.urgent_threshold}"
                if loaded
                else "not built (rules only): run make model"
            )
            + "\n"
        )
        for name in names:
            examples = list(labelled.sets(name))
            if not examples:
                self.stdout.write(f"### {name}: no examples\n")
                continue
            if name == "dev":
                # The shipped model has seen the dev split; score it with one fitted on the
                # train split alone (same settings), so dev figures are not training figures.
                from mindwell.safety.screening.training import build

                dev_model = build(final=False).model
                with patch.object(model, "load", return_value=dev_model):
                    report = evaluation.evaluate(examples, detector.screen)
            else:
                report = evaluation.evaluate(examples, detector.screen)
            title = {
                "heldout": "Held-out set (written blind; never tuned on)",
                "dev": "Development split, model fitted on train only (tuned here: not a result)",
                "train": "Training split (fitted here: not a result)",
            }[name]
            self.stdout.write(evaluation.table(report, f"{title}: {len(examples)} posts"))
        everyday = evaluation.community_texts()
        tiers = Counter(detector.screen(text).tier.label for text in everyday)
        flagged = tiers["review"] + tiers["urgent"]
        self.stdout.write(
            f"### Everyday content: the demo community's {len(everyday)} questions, answers and "
            f"comments (never trained on)\n\nFlagged {flagged} ({flagged / len(everyday):.1%}): "
            f"review {tiers['review']}, urgent {tiers['urgent']}; support {tiers['support']}, "
            f"none {tiers['none']}.\n"
        )
        pool = list(labelled.sets("train"))
        # A long post is written in one language: join consecutive training posts of one
        # language. Everyday posts are most of a site's traffic; crisis-dense texts (40 % of
        # the joined posts are crisis posts) are the worst case, where every rule runs.
        for mix, keep in (("everyday posts", False), ("crisis-dense texts", True)):
            texts = [
                text
                for lang in evaluation.LANGUAGES
                for text in evaluation.posts_of_length(
                    [e for e in pool if e.lang == lang and (keep or not e.label)], 2000, 50
                )
            ]
            for label, support in (("posting path", False), ("draft check", True)):
                p50, p95 = evaluation.latency(texts, partial(detector.screen, support=support))
                self.stdout.write(
                    f"Speed, 2,000 characters in one language, {mix}, {label}: "
                    f"p50 {p50:.2f} ms, p95 {p95:.2f} ms (target p95 <= 5 ms)\n"
                )
        mixed = evaluation.posts_of_length(pool, 2000, 100)
        p50, p95 = evaluation.latency(mixed, detector.screen)
        self.stdout.write(
            f"Speed, 2,000-character texts mixing languages (every pack reads them): "
            f"p50 {p50:.2f} ms, p95 {p95:.2f} ms\n"
        )
