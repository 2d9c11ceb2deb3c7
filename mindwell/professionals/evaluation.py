"""How well the boundary check holds what it should, on labelled texts.

`boundary_eval/dev/` (360 texts, six languages) and `dev2/` (300 texts, a second writer
with a different brief, read after the first round of tuning: it showed the overfitting,
then was tuned on too) and `dev3/` (300 texts, a third writer, the same way) are
development splits: their figures are not results. `dev4/`, `dev5/`, `dev6/`, `dev8/` (300
texts each, four more writers with other personas and briefs; a fifth, dev7, was not
delivered) were scored once fresh (the rules, tuned on dev-dev3, held 0.49-0.57 of their
violations) and then became training data for the learned model (boundary_model.py).
`dev9/`-`dev14/` (300 texts each, six more writers, one brief, six personas) were scored once
fresh the same way (rules alone: recall 0.35-0.69; with the second look of the model trained
on dev-dev8: 0.64-0.85) and then trained on too. `ordinary1/`-`ordinary5/` (300 ordinary
posts each, five writers) are trained on as negatives; `ordinary-check/` (300, a sixth writer)
is not (`ordinary3/` was the first check set, then joined the training data with two more
sets written to cover what it showed: short comments and talk about therapy's ethics).
`boundary_eval/heldout/` (360 texts) was written blind, by writers who never saw the
detector, and is read only here to print figures: never open it to tune. It has been scored
eleven times over the sessions, so `heldout2/` (360 texts, two more blind writers, delivered
2026-12-07: an ethics-board investigator and a forum moderator, 15 holds and 15 passes per
language each) was added: scored fresh after the hold band was built (held precision 0.889,
recall 0.978), then once more after the rules learned what is not an offer (tuned on dev* and
ordinary1-5 only: 0.926, 0.978). `heldout3/` (360 texts, two more blind writers: a family
therapist who trains clinicians in online conduct, a journalist who researched recruiting in
online communities) was scored once, after a rule decided beforehand (the issue's targets met
by all blind sets pooled): precision 0.908, recall 0.983; pooled over the three 0.942, 0.957.
A text is predicted "hold" when the check would hold it for a verified professional
(`boundary_rule_ids` is not empty: the rules, or since 2026-12-07 the learned model's hold
band, kind "learned"); "held or looked at" adds the posts the learned model sends to a
moderator after publication (`second_look_ids`, the band below). The model is trained on
every development split and on ordinary1-5, so its figures there are not results: the honest
ones, each writer scored by a model fitted on the others, are in boundary_model.py (rules or
model held: recall 0.897, precision 0.958, against 0.664 / 0.968 for the rules alone; the
model holds 1 % of ordinary1-5 and 5 of the 300 ordinary-check posts).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from mindwell.professionals.boundaries import boundary_rule_ids, second_look_ids

DATA = Path(__file__).parent / "boundary_eval"
# Every folder named dev* is a development split (one writer and brief each); the blind sets
# are only scored.
DEV_SPLITS = tuple(
    sorted(
        (p.name for p in DATA.iterdir() if p.is_dir() and p.name.startswith("dev")),
        key=lambda name: (len(name), name),
    )
)
BLIND_SPLITS = ("heldout", "heldout2", "heldout3")
SPLITS = (*DEV_SPLITS, *BLIND_SPLITS)
# Ordinary posts by professionals and peers (every one fine to publish): ordinary1/-
# ordinary5/ are trained on as negatives; ordinary-check/ (a sixth writer) never is.
ORDINARY_SPLITS = (*(f"ordinary{n}" for n in range(1, 6)), "ordinary-check")
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

    def add(self, other: Score) -> None:
        """Count another set's texts in this score (the blind sets pooled)."""
        self.tp, self.fp = self.tp + other.tp, self.fp + other.fp
        self.fn, self.tn = self.fn + other.fn, self.tn + other.tn


def load(split: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted((DATA / split).glob("*.jsonl")):
        rows.extend(json.loads(line) for line in path.read_text("utf-8").splitlines() if line)
    return rows


def evaluate(split: str, *, keep_misses: bool = False, looked: bool = False) -> dict[str, Score]:
    """Scores by language, and "all": held by the rules, or with `looked` held or sent to a
    moderator by the learned model's second look."""
    scores: dict[str, Score] = defaultdict(Score)
    for row in load(split):
        predicted = bool(boundary_rule_ids(row["text"])) or (
            looked and bool(second_look_ids(row["text"]))
        )
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


def ordinary_holds(split: str) -> tuple[int, int, int]:
    """(texts, held, held or looked at) on a set of ordinary answers: every hold is a false
    one (what a verified professional writing these would meet)."""
    held = looked = 0
    rows = load(split)
    for row in rows:
        if boundary_rule_ids(row["text"]):
            held += 1
            looked += 1
        elif second_look_ids(row["text"]):
            looked += 1
    return len(rows), held, looked
