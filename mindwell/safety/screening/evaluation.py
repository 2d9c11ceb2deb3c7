"""Measure crisis screening on a labelled set: the table `make eval-screening` prints.

Only aggregates leave this module (counts, ratios, timings): the held-out set is scored here
without anyone reading its posts.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from mindwell.safety.screening import Screening, Tier
from mindwell.safety.screening.labelled import Example

LANGUAGES = ("en", "es", "fr", "de", "pt", "it")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, truth: bool, predicted: bool) -> None:
        if truth and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def positives(self) -> int:
        return self.tp + self.fn

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


@dataclass
class Report:
    flagged: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    urgent: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    # gold urgent posts that were at least flagged (review or urgent)
    urgent_flagged: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    kinds: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    seconds: float = 0.0

    @property
    def texts(self) -> int:
        return self.flagged["all"].n


def evaluate(examples: Sequence[Example], screen: Callable[[str], Screening]) -> Report:
    report = Report()
    started = time.perf_counter()
    for example in examples:
        result = screen(example.text)
        flagged = result.tier >= Tier.REVIEW
        urgent = result.tier == Tier.URGENT
        for key in ("all", example.lang):
            report.flagged[key].add(bool(example.label), flagged)
            report.urgent[key].add(example.urgent, urgent)
            if example.urgent:
                report.urgent_flagged[key].add(True, flagged)
        report.kinds[example.kind][result.tier.label] += 1
        report.kinds[example.kind]["n"] += 1
    report.seconds = time.perf_counter() - started
    return report


def latency(texts: Sequence[str], screen: Callable[[str], Screening]) -> tuple[float, float]:
    """(p50, p95) milliseconds per text, after one warm-up call."""
    screen(texts[0])
    times = []
    for text in texts:
        started = time.perf_counter()
        screen(text)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def posts_of_length(examples: Sequence[Example], length: int, count: int) -> list[str]:
    """`count` texts of exactly `length` characters, each joined from consecutive posts."""
    texts = []
    start = 0
    for _ in range(count):
        parts: list[str] = []
        size = 0
        while size < length:
            text = examples[start % len(examples)].text
            parts.append(text)
            size += len(text) + 2
            start += 1
        texts.append("\n\n".join(parts)[:length])
    return texts


def _row(name: str, c: Counts) -> str:
    return f"| {name} | {c.n} | {c.positives} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} |"


def table(report: Report, title: str) -> str:
    lines = [f"### {title}", ""]
    head = "| {} | texts | positives | precision | recall | F1 |\n|---|---|---|---|---|---|"
    keys = ["all", *(k for k in LANGUAGES if k in report.flagged)]
    lines.append("Flagged (review + urgent) vs label 1:")
    lines.append(head.format("language"))
    lines += [_row(k, report.flagged[k]) for k in keys]
    lines += ["", "Urgent vs gold tier urgent:", head.format("language")]
    lines += [_row(k, report.urgent[k]) for k in keys]
    lines += ["", "Gold urgent posts flagged at all (review or urgent):", ""]
    lines.append(
        "  "
        + ", ".join(
            f"{k} {report.urgent_flagged[k].tp}/{report.urgent_flagged[k].positives}" for k in keys
        )
    )
    lines += ["", "By kind (what the detector said):", ""]
    lines.append("| kind | gold | n | none | support | review | urgent | flagged |")
    lines.append("|---|---|---|---|---|---|---|---|")
    from mindwell.safety.screening.labelled import POSITIVE_KINDS

    for kind in sorted(report.kinds, key=lambda k: (k not in POSITIVE_KINDS, k)):
        c = report.kinds[kind]
        flagged = c["review"] + c["urgent"]
        gold = "flag" if kind in POSITIVE_KINDS else "leave"
        lines.append(
            f"| {kind} | {gold} | {c['n']} | {c['none']} | {c['support']} | {c['review']} "
            f"| {c['urgent']} | {flagged / c['n']:.2f} |"
        )
    rate = report.texts / report.seconds if report.seconds else 0.0
    lines += ["", f"{report.texts} texts in {report.seconds:.2f} s: {rate:,.0f} texts/s", ""]
    return "\n".join(lines)


def community_texts() -> list[str]:
    """Every question, answer and comment of the demo community (everyday content, written
    for the demo, never used for training): how often the screen flags an ordinary day."""
    import tomllib

    from mindwell.demo.loader import CONTENT

    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "body" in node:
                title = node.get("title")
                found.append(f"{title}\n{node['body']}" if title else str(node["body"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tomllib.loads(CONTENT.read_text(encoding="utf-8")).get("questions", []))
    return found
