"""The learned half of the boundary check: a linear model that reads a professional's post as
a whole and says whether it solicits, invites private contact or offers to meet.

The rules (boundaries.py, soft.py) say *why* a post is held and quote what they found; the
model catches wordings the rules have never seen. It uses the crisis model's features (words,
word pairs, 5-character pieces across words; `safety.screening.model.features`) and is trained
the same way (`safety.screening.training`: TF-IDF, logistic regression, liblinear, seed 0) by
`manage.py train_boundary_model` (`make model`) on the development splits in `boundary_eval/`
(never `heldout/`). Stored as plain JSON weights in `model/boundary-model.json.gz`: scoring needs
no scikit-learn and no pickle.

Two bands, both chosen honestly across writers: each development split (one writer, one
brief) and each set of ordinary posts (`ordinary1/`-`ordinary5/`: everyday answers, short
comments and talk about therapy's ethics by professionals and peers, five more writers) is
scored by a model fitted on the *other* sets. The hold threshold is the lowest at which those
out-of-writer scores hold at most `HOLD_ORDINARY_SHARE` (1 %) of the ordinary posts and keep the
model's precision at `HOLD_PRECISION` (0.95): at or above it a verified professional's post is
held like a rule's hold (`boundaries.boundary_findings`, kind "learned", quoting the telling
sentence and APA 5.06). Below it, from the look threshold (at most `LOOK_ORDINARY_SHARE` of
the ordinary posts, precision `TARGET_PRECISION`), a published post gets a second look.
Another set of ordinary posts (`ordinary-check/`, a sixth writer: a third each of comments,
answers and ethics talk) is never trained on: `eval_boundaries` prints how many it holds.

Measured (session of 2026-12-07, `scripts/boundary_hold_band.py`, leave-one-writer-out on
dev-dev14; rules alone: recall 0.664, precision 0.968). The shipped model, at its hold
threshold 0.5355: the model alone recall 0.821, precision 0.979; rules or model recall 0.897
(0.73-1.00 by writer), precision 0.958; ordinary posts held by the model 15/1500 (with the
rules 53/1500); ordinary-check held by the model 5/300, with the rules 12/300 (rules alone 7).
Tried, each from the model shipped before (held recall 0.887 at the 1 % line) and kept only
where recall rose or a must-pass text needed it:
- C 8 / 128: 0.881 / 0.888 (128 kept with the changes below: 0.896 -> 0.897);
- the max over a text's sentences as its score: 0.845 (lower in every try, and it held 3 of
  the demo's 36 professional posts instead of 1; not kept);
- features for who an offer is addressed to (second person and offer, meet or contact words in
  one sentence, six languages): 0.881; as a gate on the hold band instead, 0.752 (not kept);
- sentences: each held text's telling sentence as a positive and ordinary texts' sentences as
  negatives (two fits): 0.876 (not kept);
- every "clinician" post of the crisis corpus as a negative (one in six were already): 0.894
  (kept); the demo community's professional posts as negatives: 0.888 (kept; both 0.897);
- a short text read as 150 / 200 / 250 features long instead of 60 (`MIN_FEATURES`), with
  the two above: 0.894 / 0.896 / 0.881 (alone: 150 0.884, 300 0.845). Kept at 200 (with C 128)
  although it costs a little recall: without it "In my practice, I've seen many couples
  recover from an affair." (0.73) and "As a private-practice counselor, I'll confirm Priya's
  point 3" (0.83) scored in the hold band (0.51); with it 0.36 and 0.47 (band 0.5355).
The demo's professional posts pass because they are trained on: a model that never saw them
holds one of 36 ("As a private-practice counselor, I'll confirm Priya's point 3: please ask
about sliding scale ...", 0.86). Before the hold band (the shipped model of 2026-12-07 as a
hold at 5 % of ordinary posts) the model held 7.3 % of the blind ordinary-check posts.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import tomllib
import zlib
from array import array
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from mindwell.safety.screening.model import features

MODEL_PATH = Path(__file__).resolve().parent / "model" / "boundary-model.json.gz"
DEMO_PATH = Path(__file__).resolve().parent.parent / "demo" / "community.toml"
FORMAT = 3
BUCKETS = 1 << 18  # hash slots of the features (see `hashed`)
C = 128.0  # inverse regularisation (8 / 32 / 128 compared across writers: see above)
LOOK_ORDINARY_SHARE = 0.05  # at most this share of ordinary posts gets a second look
TARGET_PRECISION = 0.90  # out-of-writer precision of the model alone at the look threshold
HOLD_ORDINARY_SHARE = 0.01  # at most this share of ordinary posts is held by the model
HOLD_PRECISION = 0.95  # out-of-writer precision of the model alone at the hold threshold
# A short text is read as if it had this many features (the crisis model reads it as 60): one
# sentence says too little to be held on a word or two ("In my practice, I've seen ...").
MIN_FEATURES = 200
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
    look_threshold: float  # a second look at or above (and below the hold threshold)
    hold_threshold: float  # held for a moderator at or above
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
        """Whether a verified professional's post is held for a moderator (the hold band)."""
        return self.score(text) >= self.hold_threshold

    def looks(self, text: str) -> bool:
        """Whether a verified professional's post, published, gets a second look by a
        moderator (the band below the hold band)."""
        return self.look_threshold <= self.score(text) < self.hold_threshold

    def telling_sentence(self, text: str) -> str:
        """The sentence that reads most like solicitation (what the reason quotes)."""
        return max(_sentences(text), key=self.score, default=text.strip())

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "buckets": BUCKETS,
            "look_threshold": self.look_threshold,
            "hold_threshold": self.hold_threshold,
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
            look_threshold=float(data["look_threshold"]),
            hold_threshold=float(data["hold_threshold"]),
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
    # The model alone at each threshold, each writer's set scored by a model fitted on the
    # others; the shares of ordinary posts held and sent for a second look, scored the same way.
    hold_precision: float
    hold_recall: float
    look_precision: float
    look_recall: float
    ordinary_held: float
    ordinary_looked: float  # at or above the look threshold (held ones included)
    vocabulary: int


def _quantile_line(scores: list[float], share: float) -> float:
    """The lowest threshold at which at most `share` of `scores` are at or above it."""
    ranked = sorted(scores, reverse=True)
    allowed = int(len(ranked) * share)
    if allowed >= len(ranked):
        return 0.0
    return float(ranked[allowed]) + 1e-6  # just above the first score past the allowance


def demo_posts(path: Path = DEMO_PATH) -> list[str]:
    """Every post the demo community publishes by a verified professional (questions as
    title and body, as they are screened), read from its content file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    pros = {m["username"] for m in data["members"] if "professional" in m}
    posts = []
    for q in data["questions"]:
        if q["author"] in pros:
            posts.append(f"{q['title']}\n{q['body'].strip()}")
        threads = [q, *(a for a in q.get("answers", []) if not a.get("held"))]
        posts += [a["body"].strip() for a in threads[1:] if a["author"] in pros]
        posts += [
            c["body"].strip() for t in threads for c in t.get("comments", []) if c["author"] in pros
        ]
    return posts


def build() -> Built:
    """Fit on every development split, the ordinary answers and the everyday negatives; both
    thresholds from out-of-writer scores (see above). Needs scikit-learn (requirements-dev)."""
    from mindwell.professionals.evaluation import DEV_SPLITS
    from mindwell.professionals.evaluation import load as load_split
    from mindwell.safety.screening import labelled
    from mindwell.safety.screening.model import MIN_FEATURES as CRISIS_MIN_FEATURES
    from mindwell.safety.screening.training import Space, fit, precision_threshold, rates

    folds = (*DEV_SPLITS, *ORDINARY_SPLITS)
    splits = {s: load_split(s) for s in folds}
    # Ordinary posts: the crisis corpus's training pool (members' posts in six languages, none
    # of them soliciting) teaches the model what everyday writing looks like; every post of
    # its professionals speaking in their own voice ("clinician") among them.
    corpus = labelled.read("train")
    posts = [e.text for e in corpus]
    clinicians = [
        e.text for i, e in enumerate(corpus) if e.kind == "clinician" and i % EVERYDAY_EVERY
    ]
    # ...and, cut into sentences, that a short ordinary sentence is not a solicitation (the
    # development splits' holds are often one sentence long: without these the model learns
    # that shortness itself is suspect).
    sentences = [s for post in posts[3::SENTENCES_EVERY] for s in _sentences(post) if len(s) > 15]
    # The demo community's professional posts: what verified professionals here write.
    texts = posts[::EVERYDAY_EVERY] + clinicians + sentences + demo_posts()
    everyday = [hashed(t) for t in texts]
    rows = {s: [hashed(r["text"]) for r in splits[s]] for s in folds}
    labels = {s: [r["label"] == "hold" for r in splits[s]] for s in folds}

    def fitted_on(names: list[str]) -> tuple[Space, Any]:
        pool = [f for s in names for f in rows[s]] + everyday
        space = Space.of(pool)
        space.min_norm = round(
            space.min_norm * math.sqrt(MIN_FEATURES / CRISIS_MIN_FEATURES), DIGITS
        )
        y = [int(x) for s in names for x in labels[s]] + [0] * len(everyday)
        return space, fit(space.matrix(pool), y, C)

    scores: list[float] = []  # the development splits' texts, each by the others' model
    truth: list[bool] = []
    ordinary: list[float] = []  # the ordinary answers, each set by the others' model
    for held in folds:
        space, fitted = fitted_on([s for s in folds if s != held])
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
    hold = max(
        precision_threshold(scores, truth, HOLD_PRECISION),
        _quantile_line(ordinary, HOLD_ORDINARY_SHARE),
    )

    space, fitted = fitted_on(list(folds))
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
        look_threshold=round(look, DIGITS),
        hold_threshold=round(hold, DIGITS),
        trained_on=sum(len(rows[s]) for s in folds) + len(everyday),
    ).to_json()
    hold_recall, hold_precision = rates(scores, truth, hold)
    look_recall, look_precision = rates(scores, truth, look)
    return Built(
        model=BoundaryModel.from_json(model),
        hold_precision=hold_precision,
        hold_recall=hold_recall,
        look_precision=look_precision,
        look_recall=look_recall,
        ordinary_held=sum(x >= hold for x in ordinary) / len(ordinary),
        ordinary_looked=sum(x >= look for x in ordinary) / len(ordinary),
        vocabulary=len(space.columns),
    )
