"""The learned half of crisis screening: a linear model over word and character n-grams.

The rules (phrase files) say *why* a post is flagged; the model catches wording the rules have
never seen: misspellings, other phrasings, other languages. It is trained by
`manage.py train_screening_model` (`make model`) on the labelled corpus in `corpus/train/`
(scikit-learn, fixed seed) and stored as plain JSON weights in `model/crisis-model.json.gz`,
so scoring needs no scikit-learn, no pickle and no network: the post's features are looked up in
a dictionary and summed. Two heads share the features: "flag" (a moderator should look) and
"urgent" (danger now).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise
from pathlib import Path

from mindwell.safety.screening import normalise

MODEL_PATH = Path(__file__).resolve().parent / "model" / "crisis-model.json.gz"
FORMAT = 2
MIN_FEATURES = 60  # a shorter text is read as this long (tuned on the dev split, short replies)
CHAR_SIZE = 5  # chosen by 5-fold cross-validation on the training pool (see training.py)

# Emoji that people use in place of words; each becomes a word of its own.
EMOJI_WORDS = {
    "\U0001f48a": "emoji_pill",
    "\U0001f52a": "emoji_knife",
    "\U0001f5e1": "emoji_knife",
    "\U0001fa78": "emoji_blood",
    "\U0001fa62": "emoji_rope",
    "\U0001f52b": "emoji_gun",
    "\U0001f309": "emoji_bridge",
    "\U0001f686": "emoji_train",
    "\U0001f682": "emoji_train",
    "\U0001f683": "emoji_train",
    "\U0001f687": "emoji_train",
    "\U0001f3e2": "emoji_building",
    "\U0001f30a": "emoji_water",
    "\u26b0": "emoji_coffin",
    "\U0001faa6": "emoji_grave",
    "\U0001f480": "emoji_skull",
    "\u2620": "emoji_skull",
    "\U0001f635": "emoji_dead_face",
    "\U0001f44b": "emoji_wave",
    "\U0001f494": "emoji_broken_heart",
    "\U0001f62d": "emoji_sob",
    "\U0001f622": "emoji_cry",
    "\U0001f642": "emoji_slight_smile",
    "\U0001f643": "emoji_upside_down",
    "\U0001f602": "emoji_laugh",
    "\U0001f923": "emoji_laugh",
    "\U0001f6a8": "emoji_siren",
    "\U0001f198": "emoji_sos",
    "\U0001f940": "emoji_wilted",
    "\U0001f573": "emoji_hole",
    "\U0001f9f7": "emoji_pin",
    "\U0001fa92": "emoji_razor",
    "\u2702": "emoji_scissors",
}
_EMOJI = re.compile("|".join(map(re.escape, EMOJI_WORDS)))
_WORD = re.compile(r"[a-z0-9_]+")


def features(text: str) -> set[str]:
    """The post's features: the title's words (a post's first line), its words, word pairs,
    and every 5-character piece of the text
    with words joined by single spaces (pieces that cross words catch phrases and their
    misspellings: "o die", "tonig", "e pil")."""
    text = _EMOJI.sub(lambda m: f" {EMOJI_WORDS[m.group()]} ", text)
    title, _, body = text.partition("\n")
    found = {"t:" + w for w in _WORD.findall(normalise(title))} if body else set()
    words = _WORD.findall(normalise(text))
    found.update("w:" + w for w in words)
    found.update("b:" + a + " " + b for a, b in pairwise(words))
    joined = " " + " ".join(words) + " "
    found.update(joined[i : i + CHAR_SIZE] for i in range(len(joined) - CHAR_SIZE + 1))
    return found


@dataclass(frozen=True)
class Scores:
    flag: float  # probability that a moderator should look
    urgent: float  # probability of danger now


@dataclass(frozen=True, eq=False)  # compared and hashed by identity (screen results cache)
class Model:
    """Logistic regression over TF-IDF-weighted binary features, rows scaled to unit length.

    A feature's value in a post is its idf (rare pieces weigh more than "my" or "and i") over
    the post's norm, sqrt(sum of idf squared over all its features; unseen ones count with the
    idf of a feature seen once), never less than `min_norm`: a short text ("Hello everyone")
    is read as if it were MIN_FEATURES long, so it says too little to be flagged on its own.
    """

    weights: dict[str, tuple[float, float]]  # weight times idf, for the flag and urgent heads
    idf: dict[str, float]  # every vocabulary feature
    unknown_idf: float
    min_norm: float
    intercepts: tuple[float, float]
    flag_threshold: float  # flag for moderators at or above (recall first)
    sure_threshold: float  # also show the poster the crisis-lines page (precision first)
    urgent_threshold: float
    trained_on: int

    @cached_property
    def _tables(self) -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
        """feature -> (flag weight, idf squared) for the whole vocabulary; feature -> urgent
        weight where it is not zero."""
        flag = {k: (self.weights.get(k, (0.0, 0.0))[0], v * v) for k, v in self.idf.items()}
        return flag, {k: v[1] for k, v in self.weights.items() if v[1]}

    def flag_and_norm(self, found: set[str]) -> tuple[float, float]:
        """P(a moderator should look) for a post's features(), and the post's norm (for the
        urgent head): one pass over the features the vocabulary knows (~1 ms for 2,000
        characters; a set intersection and map() keep the lookups in C)."""
        table = self._tables[0]
        known = table.keys() & found
        weight = squares = 0.0
        for w, square in map(table.__getitem__, known):
            weight += w
            squares += square
        squares += self.unknown_idf**2 * (len(found) - len(known))
        norm = max(math.sqrt(squares), self.min_norm)
        return _sigmoid(weight / norm + self.intercepts[0]), norm

    def norm(self, found: set[str]) -> float:
        return self.flag_and_norm(found)[1]

    def flag(self, found: set[str]) -> float:
        """P(a moderator should look) for a post's features()."""
        return self.flag_and_norm(found)[0]

    def urgent(self, found: set[str], norm: float | None = None) -> float:
        """P(danger now) for a post's features() (pass the norm if it is known)."""
        table = self._tables[1]
        total = sum(map(table.__getitem__, table.keys() & found))
        norm = self.norm(found) if norm is None else norm
        return _sigmoid(total / norm + self.intercepts[1])

    def scores(self, text: str) -> Scores:
        found = features(text)
        flag, norm = self.flag_and_norm(found)
        return Scores(flag, self.urgent(found, norm))

    def to_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "flag_threshold": self.flag_threshold,
            "sure_threshold": self.sure_threshold,
            "urgent_threshold": self.urgent_threshold,
            "intercepts": list(self.intercepts),
            "unknown_idf": self.unknown_idf,
            "min_norm": self.min_norm,
            "trained_on": self.trained_on,
            "features": {
                k: [*self.weights.get(k, (0.0, 0.0)), self.idf[k]] for k in sorted(self.idf)
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Model:
        if data.get("format") != FORMAT:
            raise ValueError(f"Unknown screening model format {data.get('format')!r}")
        table = data["features"]
        intercepts = data["intercepts"]
        if not isinstance(table, dict) or not isinstance(intercepts, list):
            raise ValueError("A screening model needs 'features' and 'intercepts'")
        return cls(
            weights={str(k): (float(v[0]), float(v[1])) for k, v in table.items() if v[0] or v[1]},
            idf={str(k): float(v[2]) for k, v in table.items()},
            unknown_idf=float(str(data["unknown_idf"])),
            min_norm=float(str(data["min_norm"])),
            intercepts=(float(intercepts[0]), float(intercepts[1])),
            flag_threshold=float(str(data["flag_threshold"])),
            sure_threshold=float(str(data["sure_threshold"])),
            urgent_threshold=float(str(data["urgent_threshold"])),
            trained_on=int(str(data["trained_on"])),
        )

    def save(self, path: Path = MODEL_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")).encode()
        # mtime=0: the same model gives the same bytes (a reproducible artifact).
        path.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))


def _sigmoid(x: float) -> float:
    if x < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


@cache
def load(path: Path = MODEL_PATH) -> Model | None:
    """The trained model, read once per process; None if it has not been built."""
    if not path.exists():
        return None
    return Model.from_json(json.loads(gzip.decompress(path.read_bytes())))
