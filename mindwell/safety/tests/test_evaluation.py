"""Run the labelled evaluation sets through the screening engine and hold it to its targets.

The sets (evaluation_<language>.jsonl) hold one JSON object a line: "text", the expected
"tier", and optional "tags" ("idiom": a hard negative that must stay below review).

heldout_en.jsonl is written apart from the rules, to measure how they do on new wording; its
"hard_negative" tag marks idioms, fiction, advice and everyday goodbyes that must stay below
review. Do not tune rules to single sentences in it: add new held-out sentences instead.
"""

import json
from pathlib import Path

import pytest

from mindwell.safety.screening import Tier, screen_rules

HERE = Path(__file__).resolve().parent


def load_set(language: str, name: str = "evaluation") -> list[dict]:
    lines = (HERE / f"{name}_{language}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score(rows: list[dict], language: str) -> dict[Tier, tuple[float, float, int]]:
    """Precision, recall and number of examples for each tier."""
    pairs = [
        (Tier[row["tier"].upper()], screen_rules(row["text"], language=language).tier)
        for row in rows
    ]
    scores = {}
    for tier in Tier:
        predicted = sum(1 for _, got in pairs if got == tier)
        actual = sum(1 for want, _ in pairs if want == tier)
        correct = sum(1 for want, got in pairs if want == got == tier)
        precision = correct / predicted if predicted else 1.0
        recall = correct / actual if actual else 1.0
        scores[tier] = (precision, recall, actual)
    return scores


def print_table(
    language: str,
    rows: list[dict],
    scores: dict[Tier, tuple[float, float, int]],
    title: str = "",
) -> None:
    print(f"\nCrisis screening, {title or language} ({len(rows)} examples)")
    print(f"{'tier':<8} {'precision':>9} {'recall':>7} {'n':>4}")
    for tier in sorted(Tier, reverse=True):
        precision, recall, count = scores[tier]
        print(f"{tier.label:<8} {precision:>9.2f} {recall:>7.2f} {count:>4}")
    for row in rows:
        got = screen_rules(row["text"], language=language)
        if got.tier.label != row["tier"]:
            print(f"  expected {row['tier']}, got {got.tier.label}: {row['text']} {got.rules}")


@pytest.mark.parametrize("language", ["en", "es"])
def test_evaluation_set_meets_the_targets(language):
    rows = load_set(language)
    scores = score(rows, language)
    print_table(language, rows, scores)

    urgent_precision, urgent_recall, _ = scores[Tier.URGENT]
    assert urgent_recall >= 0.95
    assert urgent_precision >= 0.85
    for tier, (_, recall, count) in scores.items():
        assert count > 0, f"no {tier.label} examples"
        assert recall >= 0.8, f"{tier.label} recall {recall:.2f}"


@pytest.mark.parametrize("language", ["en", "es"])
def test_idioms_never_reach_review(language):
    idioms = [row for row in load_set(language) if "idiom" in row.get("tags", [])]
    assert idioms
    flagged = [
        (row["text"], result)
        for row in idioms
        if (result := screen_rules(row["text"], language=language)).tier >= Tier.REVIEW
    ]
    assert flagged == []


def test_held_out_set_meets_the_targets():
    rows = load_set("en", "heldout")
    scores = score(rows, "en")
    print_table("en", rows, scores, title="en, held out")

    _, urgent_recall, urgent_count = scores[Tier.URGENT]
    assert urgent_count >= 20
    assert urgent_recall >= 0.8
    hard = [row for row in rows if "hard_negative" in row.get("tags", [])]
    assert len(hard) >= 15
    flagged = [
        (row["text"], result)
        for row in hard
        if (result := screen_rules(row["text"], language="en")).tier >= Tier.REVIEW
    ]
    assert flagged == []
