"""The labelled screening corpus: reading it, and the fixed train / development split.

    corpus/train/*.jsonl    written for training; split once, by a hash of the text, into
                            "train" (80 %) and "dev" (20 %, where thresholds are tuned)
    corpus/heldout/*.jsonl  written blind (see corpus/heldout/README.md); only ever scored,
                            in aggregate, by `make eval-screening`; never used for tuning

Each line: {"text", "label" (1 = a moderator should look), "tier", "lang", "kind"}.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
TIERS = ("none", "support", "review", "urgent")
POSITIVE_KINDS = frozenset(
    {
        "ideation",
        "plan",
        "farewell",
        "attempt",
        "self_harm",
        "bystander",
        "harm_to_others",
        "abuse",
        "medical",
        "trap",
        "disguised",
    }
)
NEGATIVE_KINDS = frozenset(
    {
        "clinician",
        "idiom",
        "media",
        "everyday_goodbye",
        "recovery",
        "remembrance",
        "support",
        "ordinary",
    }
)
DEV_SHARE = 5  # one post in five goes to the development split


class CorpusError(ValueError):
    pass


@dataclass(frozen=True)
class Example:
    text: str
    label: int
    tier: str
    lang: str
    kind: str
    source: str

    @property
    def urgent(self) -> bool:
        return self.tier == "urgent"


def _parse(line: str, where: str) -> Example:
    try:
        row = json.loads(line)
        example = Example(
            text=str(row["text"]),
            label=int(row["label"]),
            tier=str(row["tier"]),
            lang=str(row["lang"]),
            kind=str(row["kind"]),
            source=where,
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise CorpusError(f"{where}: {exc}") from exc
    if example.tier not in TIERS or example.label != int(example.tier in ("review", "urgent")):
        raise CorpusError(f"{where}: label {example.label} does not fit tier {example.tier!r}")
    return example


def read(folder: str) -> list[Example]:
    """Every example in corpus/<folder>/*.jsonl, in file and line order."""
    examples = []
    for path in sorted((CORPUS_DIR / folder).glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                examples.append(_parse(line, f"{path.name}:{number}"))
    return examples


def is_dev(example: Example) -> bool:
    digest = hashlib.sha256(" ".join(example.text.split()).casefold().encode()).digest()
    return digest[0] % DEV_SHARE == 0


def split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    """(train, dev), the same for everyone: decided by each text alone."""
    train = [e for e in examples if not is_dev(e)]
    dev = [e for e in examples if is_dev(e)]
    return train, dev


def sets(name: str) -> Iterator[Example]:
    """A named set: "train", "dev", "pool" (train + dev) or "heldout"."""
    if name == "heldout":
        yield from read("heldout")
        return
    pool = read("train")
    if name == "pool":
        yield from pool
        return
    train, dev = split(pool)
    if name not in ("train", "dev"):
        raise CorpusError(f"Unknown set {name!r}")
    yield from train if name == "train" else dev
