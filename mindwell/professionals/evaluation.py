"""How well the boundary check holds what it should, on labelled texts.

`boundary_eval/dev/` (360 texts, six languages) and `dev2/` (300 texts, a second writer
with a different brief, read after the first round of tuning: it showed the overfitting,
then was tuned on too) and `dev3/` (300 texts, a third writer, the same way) are
development splits: their figures are not results.
`boundary_eval/heldout/` (360 texts) was written blind, by writers who never saw the
detector, and is read only here to print figures: never open it to tune. A text is
predicted "hold" when the check would hold it for a verified professional
(`boundary_rule_ids` is not empty).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from mindwell.professionals.boundaries import boundary_rule_ids

DATA = Path(__file__).parent / "boundary_eval"
SPLITS = ("dev", "dev2", "dev3", "heldout")
TARGET_RECALL, TARGET_PRECISION = 0.95, 0.90


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[dict[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


def load(split: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted((DATA / split).glob("*.jsonl")):
        rows.extend(json.loads(line) for line in path.read_text("utf-8").splitlines() if line)
    return rows


def evaluate(split: str, *, keep_misses: bool = False) -> dict[str, Score]:
    """Scores by language, and "all"."""
    scores: dict[str, Score] = defaultdict(Score)
    for row in load(split):
        predicted = bool(boundary_rule_ids(row["text"]))
        wanted = row["label"] == "hold"
        for key in (row["lang"], "all"):
            score = scores[key]
            if predicted and wanted:
                score.tp += 1
            elif predicted:
                score.fp += 1
            elif wanted:
                score.fn += 1
            else:
                score.tn += 1
        if keep_misses and predicted != wanted:
            scores["all"].misses.append(row)
    return dict(scores)
