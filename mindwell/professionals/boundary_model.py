"""The learned half of the boundary check: a linear model that reads a professional's post as
a whole and says whether it solicits, invites private contact or offers to meet.

The rules (boundaries.py, soft.py) say *why* a post is held and quote what they found; the
model catches wordings the rules have never seen. It uses the crisis model's features (words,
word pairs, 5-character pieces across words; `safety.screening.model.features`) and is trained
the same way (`safety.screening.training`: TF-IDF, logistic regression, liblinear, seed 0) by
`manage.py train_boundary_model` (`make model`) on the development splits in `boundary_eval/`
(never `heldout/`). Stored as plain JSON weights in `model/boundary-model.json.gz`: scoring needs
no scikit-learn and no pickle.

The threshold is chosen honestly across writers: each development split (one writer, one brief)
is scored by a model fitted on the *other* splits, and the threshold is the lowest at which those
out-of-writer scores keep the precision `TARGET_PRECISION`.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from mindwell.safety.screening.model import features

MODEL_PATH = Path(__file__).resolve().parent / "model" / "boundary-model.json.gz"
FORMAT = 1
C = 32.0  # inverse regularisation (8 / 32 / 128 compared across writers: see the note in build)
TARGET_PRECISION = 0.90  # out-of-writer precision of the model alone at the threshold
DIGITS = 4
EVERYDAY_EVERY = 6  # one crisis-corpus post in six as an ordinary negative (~1,500)
SENTENCES_EVERY = 12  # and the sentences of one post in twelve (~3,200)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True, eq=False)
class BoundaryModel:
    weights: dict[str, float]  # weight times idf
    idf: dict[str, float]
    unknown_idf: float
    min_norm: float
    intercept: float
    threshold: float
    trained_on: int

    @cached_property
    def _squares(self) -> dict[str, float]:
        return {k: v * v for k, v in self.idf.items()}

    def score(self, text: str) -> float:
        """P(a moderator should hold this for a verified professional)."""
        found = features(text)
        squares = self._squares
        known = squares.keys() & found
        weight = math.fsum(self.weights.get(f, 0.0) for f in known)
        total = math.fsum(squares[f] for f in known) + self.unknown_idf**2 * (
            len(found) - len(known)
        )
        norm = max(math.sqrt(total), self.min_norm)
        x = weight / norm + self.intercept
        return 0.0 if x < -60 else 1.0 / (1.0 + math.exp(-x))

    def holds(self, text: str) -> bool:
        return self.score(text) >= self.threshold

    def telling_sentence(self, text: str) -> str:
        """The sentence that reads most like solicitation (what the reason quotes)."""
        return max(_sentences(text), key=self.score, default=text.strip())

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "threshold": self.threshold,
            "intercept": self.intercept,
            "unknown_idf": self.unknown_idf,
            "min_norm": self.min_norm,
            "trained_on": self.trained_on,
            "features": {k: [self.weights.get(k, 0.0), self.idf[k]] for k in sorted(self.idf)},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BoundaryModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"Unknown boundary model format {data.get('format')!r}")
        table: dict[str, list[float]] = data["features"]
        return cls(
            weights={k: float(v[0]) for k, v in table.items() if v[0]},
            idf={k: float(v[1]) for k, v in table.items()},
            unknown_idf=float(data["unknown_idf"]),
            min_norm=float(data["min_norm"]),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            trained_on=int(data["trained_on"]),
        )

    def save(self, path: Path = MODEL_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")).encode()
        path.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.split(text) if s.strip()]


@cache
def load(path: Path = MODEL_PATH) -> BoundaryModel | None:
    """The trained model, read once per process; None if it has not been built."""
    if not path.exists():
        return None
    return BoundaryModel.from_json(json.loads(gzip.decompress(path.read_bytes())))


@dataclass
class Built:
    model: BoundaryModel
    cross_writer_precision: float  # the model alone, each split scored by the others' model
    cross_writer_recall: float
    vocabulary: int


def build() -> Built:
    """Fit on every development split; the threshold from out-of-writer scores (see above).
    Needs scikit-learn (requirements-dev)."""
    from mindwell.professionals.evaluation import DEV_SPLITS
    from mindwell.professionals.evaluation import load as load_split
    from mindwell.safety.screening import labelled
    from mindwell.safety.screening.training import Space, fit, precision_threshold, rates

    splits = {s: load_split(s) for s in DEV_SPLITS}
    # Ordinary posts: the crisis corpus's training pool (members' posts in six languages, none
    # of them soliciting) teaches the model what everyday writing looks like.
    posts = [e.text for e in labelled.read("train")]
    # ...and, cut into sentences, that a short ordinary sentence is not a solicitation (the
    # development splits' holds are often one sentence long: without these the model learns
    # that shortness itself is suspect).
    sentences = [s for post in posts[3::SENTENCES_EVERY] for s in _sentences(post) if len(s) > 15]
    everyday = [features(t) for t in posts[::EVERYDAY_EVERY] + sentences]
    rows = {s: [features(r["text"]) for r in splits[s]] for s in DEV_SPLITS}
    labels = {s: [r["label"] == "hold" for r in splits[s]] for s in DEV_SPLITS}

    scores: list[float] = []
    truth: list[bool] = []
    for held in DEV_SPLITS:
        others = [s for s in DEV_SPLITS if s != held]
        pool = [f for s in others for f in rows[s]] + everyday
        space = Space.of(pool)
        y = [int(x) for s in others for x in labels[s]] + [0] * len(everyday)
        fitted = fit(space.matrix(pool), y, C)
        scores.extend(fitted.predict_proba(space.matrix(rows[held]))[:, 1].tolist())
        truth.extend(labels[held])
    threshold = precision_threshold(scores, truth, TARGET_PRECISION)
    recall, precision = rates(scores, truth, threshold)

    pool = [f for s in DEV_SPLITS for f in rows[s]] + everyday
    space = Space.of(pool)
    y = [int(x) for s in DEV_SPLITS for x in labels[s]] + [0] * len(everyday)
    fitted = fit(space.matrix(pool), y, C)
    weights = {}
    for feature, column in space.columns.items():
        weight = round(float(fitted.coef_[0][column]) * space.idf[feature], DIGITS)
        if weight:
            weights[feature] = weight
    model = BoundaryModel(
        weights=weights,
        idf=space.idf,
        unknown_idf=space.unknown_idf,
        min_norm=space.min_norm,
        intercept=round(float(fitted.intercept_[0]), DIGITS),
        threshold=round(threshold, DIGITS),
        trained_on=len(pool),
    )
    return Built(model, precision, recall, len(space.columns))
