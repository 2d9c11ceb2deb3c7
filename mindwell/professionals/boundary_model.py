"""The learned half of the boundary check: a linear model that reads a professional's post as
a whole and says whether it solicits, invites private contact or offers to meet.

The rules (boundaries.py, soft.py) say *why* a post is held and quote what they found; the
model catches wordings the rules have never seen. It uses the crisis model's features (words,
word pairs, 5-character pieces across words; `safety.screening.model.features`) and is trained
the same way (`safety.screening.training`: TF-IDF, logistic regression, liblinear, seed 0) by
`manage.py train_boundary_model` (`make model`) on the development splits in `boundary_eval/`
(never `heldout/`). Stored as plain JSON weights in `model/boundary-model.json.gz`: scoring needs
no scikit-learn and no pickle.

The threshold is chosen honestly across writers: each development split (one writer, one
brief) and each set of ordinary posts (`ordinary1/`-`ordinary5/`: everyday answers, short
comments and talk about therapy's ethics by professionals and peers, five more writers) is
scored by a model fitted on the *other* sets, and the threshold is the lowest at which those
out-of-writer scores keep the precision `TARGET_PRECISION` and send at most
`LOOK_ORDINARY_SHARE` of the ordinary posts for a second look. Another set of ordinary posts
(`ordinary-check/`, a sixth writer: a third each of comments, answers and ethics talk) is never
trained on: `eval_boundaries` prints how many of them would be looked at.

The model does not hold posts, only sends them for a second look: tried as a hold (session of
2026-12-07), a threshold that kept at most 1 % of the ordinary posts from being held (cross-
writer recall 0.80) still held the demo community's own professional answers in its seed thread
("As a private-practice counselor, I'll confirm Priya's point 3 …"), and at 5 % (the held-out
set's recall target met) it held 7.3 % of the blind ordinary-check posts.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import zlib
from array import array
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from mindwell.safety.screening.model import features

MODEL_PATH = Path(__file__).resolve().parent / "model" / "boundary-model.json.gz"
FORMAT = 2
BUCKETS = 1 << 18  # hash slots of the features (see `hashed`)
C = 32.0  # inverse regularisation (8 / 32 / 128 compared across writers: see the note in build)
LOOK_ORDINARY_SHARE = 0.05  # at most this share of ordinary posts gets a second look
TARGET_PRECISION = 0.90  # out-of-writer precision of the model alone at the threshold
# Ordinary posts trained on as negatives: everyday answers (1-3), short comments (4),
# professionals and clients talking about therapy's ethics (5).
ORDINARY_SPLITS = ("ordinary1", "ordinary2", "ordinary3", "ordinary4", "ordinary5")
DIGITS = 4
EVERYDAY_EVERY = 6  # one crisis-corpus post in six as an ordinary negative (~1,500)
SENTENCES_EVERY = 12  # and the sentences of one post in twelve (~3,200)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


def hashed(text: str) -> set[int]:
    """The text's features (the crisis model's), each hashed to one of BUCKETS slots: the
    model is two flat arrays (about 2 MB in each process) instead of a dictionary of
    100,000 strings (about 36 MB). A stable hash (CRC-32), so every process agrees."""
    return {zlib.crc32(f.encode()) & (BUCKETS - 1) for f in features(text)}


@dataclass(frozen=True, eq=False)
class BoundaryModel:
    weights: array[float]  # per slot: weight times idf
    idf: array[float]  # per slot: 0 where no training feature fell
    unknown_idf: float
    min_norm: float
    intercept: float
    threshold: float  # a second look at or above
    trained_on: int

    def score(self, text: str) -> float:
        """P(a moderator should hold this for a verified professional)."""
        found = hashed(text)
        idf, weights = self.idf, self.weights
        known = [slot for slot in found if idf[slot]]
        weight = math.fsum(weights[slot] for slot in known)
        total = math.fsum(idf[slot] ** 2 for slot in known) + self.unknown_idf**2 * (
            len(found) - len(known)
        )
        norm = max(math.sqrt(total), self.min_norm)
        x = weight / norm + self.intercept
        return 0.0 if x < -60 else 1.0 / (1.0 + math.exp(-x))

    def holds(self, text: str) -> bool:
        """Whether a verified professional's post gets a second look by a moderator."""
        return self.score(text) >= self.threshold

    def telling_sentence(self, text: str) -> str:
        """The sentence that reads most like solicitation (what the reason quotes)."""
        return max(_sentences(text), key=self.score, default=text.strip())

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "buckets": BUCKETS,
            "threshold": self.threshold,
            "intercept": self.intercept,
            "unknown_idf": self.unknown_idf,
            "min_norm": self.min_norm,
            "trained_on": self.trained_on,
            "slots": [
                [slot, round(self.weights[slot], DIGITS), round(self.idf[slot], DIGITS)]
                for slot in range(BUCKETS)
                if self.idf[slot]
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BoundaryModel:
        if data.get("format") != FORMAT or data.get("buckets") != BUCKETS:
            raise ValueError(f"Unknown boundary model format {data.get('format')!r}")
        weights, idf = array("f", bytes(4 * BUCKETS)), array("f", bytes(4 * BUCKETS))
        for slot, weight, value in data["slots"]:
            weights[slot], idf[slot] = weight, value
        return cls(
            weights=weights,
            idf=idf,
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
    cross_writer_precision: float  # the model alone at the threshold, each split scored
    cross_writer_recall: float  # by a model fitted on the others
    ordinary_looked: float  # share of ordinary posts sent for a second look, scored the same way
    vocabulary: int


def _quantile_line(scores: list[float], share: float) -> float:
    """The lowest threshold at which at most `share` of `scores` are at or above it."""
    ranked = sorted(scores, reverse=True)
    allowed = int(len(ranked) * share)
    if allowed >= len(ranked):
        return 0.0
    return float(ranked[allowed]) + 1e-6  # just above the first score past the allowance


def build() -> Built:
    """Fit on every development split and the ordinary answers; both thresholds from
    out-of-writer scores (see above). Needs scikit-learn (requirements-dev)."""
    from mindwell.professionals.evaluation import DEV_SPLITS
    from mindwell.professionals.evaluation import load as load_split
    from mindwell.safety.screening import labelled
    from mindwell.safety.screening.training import Space, fit, precision_threshold, rates

    folds = (*DEV_SPLITS, *ORDINARY_SPLITS)
    splits = {s: load_split(s) for s in folds}
    # Ordinary posts: the crisis corpus's training pool (members' posts in six languages, none
    # of them soliciting) teaches the model what everyday writing looks like.
    posts = [e.text for e in labelled.read("train")]
    # ...and, cut into sentences, that a short ordinary sentence is not a solicitation (the
    # development splits' holds are often one sentence long: without these the model learns
    # that shortness itself is suspect).
    sentences = [s for post in posts[3::SENTENCES_EVERY] for s in _sentences(post) if len(s) > 15]
    everyday = [hashed(t) for t in posts[::EVERYDAY_EVERY] + sentences]
    rows = {s: [hashed(r["text"]) for r in splits[s]] for s in folds}
    labels = {s: [r["label"] == "hold" for r in splits[s]] for s in folds}

    scores: list[float] = []  # the development splits' texts, each by the others' model
    truth: list[bool] = []
    ordinary: list[float] = []  # the ordinary answers, each set by the others' model
    for held in folds:
        others = [s for s in folds if s != held]
        pool = [f for s in others for f in rows[s]] + everyday
        space = Space.of(pool)
        y = [int(x) for s in others for x in labels[s]] + [0] * len(everyday)
        fitted = fit(space.matrix(pool), y, C)
        found = fitted.predict_proba(space.matrix(rows[held]))[:, 1].tolist()
        if held in ORDINARY_SPLITS:
            ordinary.extend(found)
        else:
            scores.extend(found)
            truth.extend(labels[held])
    look = max(
        precision_threshold(scores, truth, TARGET_PRECISION),
        _quantile_line(ordinary, LOOK_ORDINARY_SHARE),
    )

    pool = [f for s in folds for f in rows[s]] + everyday
    space = Space.of(pool)
    y = [int(x) for s in folds for x in labels[s]] + [0] * len(everyday)
    fitted = fit(space.matrix(pool), y, C)
    weights, idf = array("f", bytes(4 * BUCKETS)), array("f", bytes(4 * BUCKETS))
    for slot, column in space.columns.items():
        weights[slot] = round(float(fitted.coef_[0][column]) * space.idf[slot], DIGITS)
        idf[slot] = space.idf[slot]
    # Through JSON and back: the model in use is exactly the one a process loads.
    model = BoundaryModel(
        weights=weights,
        idf=idf,
        unknown_idf=space.unknown_idf,
        min_norm=space.min_norm,
        intercept=round(float(fitted.intercept_[0]), DIGITS),
        threshold=round(look, DIGITS),
        trained_on=len(pool),
    ).to_json()
    recall, precision = rates(scores, truth, look)
    return Built(
        model=BoundaryModel.from_json(model),
        cross_writer_precision=precision,
        cross_writer_recall=recall,
        ordinary_looked=sum(x >= look for x in ordinary) / len(ordinary),
        vocabulary=len(space.columns),
    )
