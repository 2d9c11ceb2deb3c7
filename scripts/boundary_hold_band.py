"""Experiment (issue 13): a hold band for the learned boundary model, measured leave-one-writer-out.

Each development split (one writer) and each set of ordinary posts (ordinary1-5) is scored by
a model fitted on the other sets (as `boundary_model.build` does); the hold threshold is the
lowest at which those out-of-writer scores hold at most 1 % of the ordinary posts and keep the
model's precision >= 0.95 on the development splits. Reported per try: the model alone and
rules OR model at that threshold (cross-writer recall and precision on the dev splits), the
ordinary posts held (rules or model), ordinary-check (never trained on; the model fitted on
everything), and the demo community's professional posts the model would hold.

Never reads `boundary_eval/heldout/`. Needs scikit-learn (requirements-dev).

    .venv/bin/python scripts/boundary_hold_band.py base c8 c128 addressee demo mil
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import tempfile
import time
import tomllib
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mindwell.settings")

import django  # noqa: E402

django.setup()

from mindwell.professionals import boundary_model as bm  # noqa: E402
from mindwell.professionals.boundaries import boundary_rule_ids  # noqa: E402
from mindwell.professionals.evaluation import DEV_SPLITS  # noqa: E402
from mindwell.professionals.evaluation import load as load_split  # noqa: E402
from mindwell.safety.screening import labelled  # noqa: E402
from mindwell.safety.screening.model import features  # noqa: E402
from mindwell.safety.screening.training import Space, fit, precision_threshold  # noqa: E402

if "heldout" in DEV_SPLITS:
    raise SystemExit("heldout/ is never read here")
ORDINARY = bm.ORDINARY_SPLITS
CHECK = "ordinary-check"
HOLD_SHARE, HOLD_PRECISION = 0.01, 0.95
LOOK_SHARE = bm.LOOK_ORDINARY_SHARE
CACHE = Path(tempfile.gettempdir()) / "boundary-hold-band"
CACHE.mkdir(exist_ok=True)


# Who an offer is addressed to -----------------------------------------------------------
SECOND = re.compile(
    r"\b(?:you|your|yours|yourself|tú|tu|te|ti|contigo|usted|ustedes|vous|votre|toi|du|dich"
    r"|dir|dein\w*|sie|ihnen|ihr|ihre\w*|euch|você|vocês|lhe|teu|tua|seu|sua|lei|voi|tuo)\b",
    re.IGNORECASE,
)
FIRST = re.compile(
    r"\b(?:i|i'm|i'd|i'll|i've|me|my|we|our|yo|mi|mis|je|j|moi|mon|ma|mes|nous|notre|ich"
    r"|mich|mir|mein\w*|wir|unser\w*|eu|meu|minha|nós|nosso\w*|io|mio|mia|miei|noi|nostr\w*)\b",
    re.IGNORECASE,
)
ACT = re.compile(
    r"\b(?:offer\w*|meet\w*|see|coffee|book\w*|schedul\w*|contact\w*|call|email|message|write"
    r"|reach|sessions?|consult\w*|slots?|openings?|spots?"
    r"|ofrec\w*|ofrezco|verte|verle|vernos|quedar|quedamos|reserv\w*|agend\w*|escr[ií]b\w*"
    r"|llam\w*|sesi[oó]n\w*|consulta\w*|huecos?|plazas?"
    r"|propos\w*|offr\w*|voir|rencontr\w*|écri\w*|appel\w*|séances?|créneaux?|reçois|recevoir"
    r"|biete\w*|anbiet\w*|angebot|sehen|treffen|kaffee|kontakt\w*|schreib\w*|anruf\w*|sitzung\w*"
    r"|termin\w*|erstgespräch\w*|plätze|platz"
    r"|ofere\w*|encontr\w*|café|marc\w*|contat\w*|escrev\w*|lig\w*|sess\w*|vagas?|horários?|atend\w*"
    r"|vedere|vederci|ti\s+vedo|incontr\w*|caffè|prenot\w*|scriv\w*|chiam\w*|sedut\w*"
    r"|colloqui\w*|posti?)\b",
    re.IGNORECASE,
)
FREE = re.compile(
    r"\b(?:free|gratis|gratuit\w*|kostenlos\w*|grátis|no\s+charge|sin\s+cobrar|offert\w*"
    r"|discount\w*|descuento|rabatt|desconto|sconto|€|\$)",
    re.IGNORECASE,
)


def addressee(text: str) -> set[str]:
    found: set[str] = set()
    for sentence in bm._sentences(text):
        if not ACT.search(sentence):
            continue
        you, me = bool(SECOND.search(sentence)), bool(FIRST.search(sentence))
        if you:
            found.add("x:you+act")
        if me:
            found.add("x:me+act")
        if you and me:
            found.add("x:me+you+act")
            if FREE.search(sentence):
                found.add("x:me+you+act+free")
    return found


def hashed(text: str, extra: bool) -> set[int]:
    found = features(text)
    if extra:
        found |= addressee(text)
    return {zlib.crc32(f.encode()) & (bm.BUCKETS - 1) for f in found}


# Data ------------------------------------------------------------------------------------
def demo_posts() -> list[str]:
    """Every published post by a verified professional in the demo community."""
    data = tomllib.loads((ROOT / "mindwell/demo/community.toml").read_text("utf-8"))
    pros = {m["username"] for m in data["members"] if "professional" in m}
    posts = []
    for q in data["questions"]:
        if q["author"] in pros:
            posts.append(f"{q['title']}\n{q['body'].strip()}")
        for c in q.get("comments", []):
            if c["author"] in pros:
                posts.append(c["body"].strip())
        for a in q.get("answers", []):
            if a["author"] in pros and not a.get("held"):
                posts.append(a["body"].strip())
            for c in a.get("comments", []):
                if c["author"] in pros:
                    posts.append(c["body"].strip())
    return posts


EXTRA_TEXTS = [
    "In my practice, I've seen many couples recover from an affair.",
    "As a private-practice counselor, I'll confirm Priya's point 3",
    "A local therapist who specialises in trauma could help; ask your doctor for names.",
    "If you are in danger, call 988 or text HOME to 741741, any time.",
]


def rules(texts: list[str], name: str) -> list[bool]:
    path = CACHE / f"rules-{name}.json"
    if path.exists():
        return json.loads(path.read_text())
    found = [bool(boundary_rule_ids(t)) for t in texts]
    path.write_text(json.dumps(found))
    return found


def rate(pred: list[bool], truth: list[bool]) -> tuple[float, float]:
    tp = sum(p and t for p, t in zip(pred, truth, strict=True))
    fp = sum(p and not t for p, t in zip(pred, truth, strict=True))
    return tp / max(1, sum(truth)), (tp / (tp + fp) if tp + fp else 1.0)


# One try ---------------------------------------------------------------------------------
# A try's name lists its changes from the shipped model, joined by "+" ("base" for none):
#   c8, c128      C (32 otherwise)
#   addressee     features marking who an offer is addressed to (`addressee`)
#   demo          the demo community's professional posts as ordinary negatives
#   mil           the telling sentence of each held text (by a first fit) as a positive row,
#                 and the sentences of ordinary texts as negative rows
#   clinician     every "clinician" post of the crisis corpus (professionals in their own
#                 voice) among the everyday negatives (one in six are there already)
#   norm150, normN  a short text read as N features long (the crisis model: 60)


def parse(name: str) -> dict[str, object]:
    parts = set(name.split("+")) - {"base"}
    c = 8.0 if "c8" in parts else 128.0 if "c128" in parts else 32.0
    norm = next((int(x[4:]) for x in parts if x.startswith("norm")), 60)
    return {
        "c": c,
        "extra": "addressee" in parts,
        "demo": "demo" in parts,
        "mil": "mil" in parts,
        "clinician": "clinician" in parts,
        "norm": norm,
    }


def run(name: str) -> list[dict[str, object]]:
    config = parse(name)
    c, extra, demo_neg, mil = config["c"], config["extra"], config["demo"], config["mil"]
    started = time.monotonic()
    folds = (*DEV_SPLITS, *ORDINARY)
    splits = {s: load_split(s) for s in (*folds, CHECK)}
    texts = {s: [r["text"] for r in splits[s]] for s in (*folds, CHECK)}
    labels = {s: [r["label"] == "hold" for r in splits[s]] for s in (*folds, CHECK)}
    demo = demo_posts()
    corpus = labelled.read("train")
    posts = [e.text for e in corpus]
    sentences = [
        s for post in posts[3 :: bm.SENTENCES_EVERY] for s in bm._sentences(post) if len(s) > 15
    ]
    chosen = posts[:: bm.EVERYDAY_EVERY]
    if config["clinician"]:
        chosen += [e.text for i, e in enumerate(corpus) if e.kind == "clinician" and i % 6]
    everyday = [hashed(t, extra) for t in chosen + sentences]
    demo_rows = [hashed(t, extra) for t in demo]
    rows = {s: [hashed(t, extra) for t in texts[s]] for s in (*folds, CHECK)}
    sents = {  # each text's sentences (for max-over-sentences scoring)
        s: [[hashed(x, extra) for x in bm._sentences(t)] or [set()] for t in texts[s]]
        for s in (*folds, CHECK)
    }
    demo_sents = [[hashed(x, extra) for x in bm._sentences(t)] or [set()] for t in demo]
    extra_texts = [hashed(t, extra) for t in EXTRA_TEXTS]

    def train(others: list[str], with_demo: bool) -> tuple[Space, object]:
        pool = [f for s in others for f in rows[s]] + everyday
        y = [int(x) for s in others for x in labels[s]] + [0] * len(everyday)
        if with_demo:
            pool += demo_rows
            y += [0] * len(demo_rows)
        space = Space.of(pool)
        if config["norm"] != 60:
            space.min_norm = round(space.min_norm * math.sqrt(config["norm"] / 60), bm.DIGITS)
        fitted = fit(space.matrix(pool), y, c)
        if mil:  # the telling sentence of each held text, and ordinary sentences, as rows too
            positives, negatives = [], []
            for s in others:
                many = [(i, ss) for i, ss in enumerate(sents[s]) if len(ss) > 1]
                flat = [x for _, ss in many for x in ss]
                if not flat:
                    continue
                p = fitted.predict_proba(space.matrix(flat))[:, 1].tolist()
                k = 0
                for i, ss in many:
                    part = p[k : k + len(ss)]
                    k += len(ss)
                    if labels[s][i]:
                        positives.append(ss[max(range(len(ss)), key=part.__getitem__)])
                    else:
                        negatives.extend(ss)
            pool2 = pool + positives + negatives
            y2 = y + [1] * len(positives) + [0] * len(negatives)
            space = Space.of(pool2)
            fitted = fit(space.matrix(pool2), y2, c)
        return space, fitted

    def score(space: Space, fitted: object, whole: list[set[int]], parts: list[list[set[int]]]):
        text = fitted.predict_proba(space.matrix(whole))[:, 1].tolist()
        flat = [x for ss in parts for x in ss]
        p = fitted.predict_proba(space.matrix(flat))[:, 1].tolist()
        best, k = [], 0
        for ss in parts:
            best.append(max(p[k : k + len(ss)]))
            k += len(ss)
        return text, [max(a, b) for a, b in zip(text, best, strict=True)]

    oof = {"text": {}, "maxsent": {}}
    for held in folds:
        space, fitted = train([s for s in folds if s != held], demo_neg)
        t, m = score(space, fitted, rows[held], sents[held])
        oof["text"][held], oof["maxsent"][held] = t, m
    # The demo scored by a model that never saw it (all folds, no demo rows), and the final one.
    space, fitted = train(list(folds), False)
    demo_unseen = score(space, fitted, demo_rows, demo_sents)
    if demo_neg:
        space, fitted = train(list(folds), True)
    final_check = score(space, fitted, rows[CHECK], sents[CHECK])
    final_demo = score(space, fitted, demo_rows, demo_sents)
    final_extra = score(space, fitted, extra_texts, [[x] for x in extra_texts])

    dump = {
        "oof": oof,
        "check": final_check,
        "demo_unseen": demo_unseen,
        "demo": demo,
        "texts": {s: texts[s] for s in (*folds, CHECK)},
        "labels": {s: labels[s] for s in (*folds, CHECK)},
    }
    (CACHE / f"scores-{name}.json").write_text(json.dumps(dump, ensure_ascii=False))
    rules_dev = {s: rules(texts[s], s) for s in (*folds, CHECK)}
    rules_demo = rules(demo, "demo")
    results = []
    for mode_i, mode in enumerate(("text", "maxsent")):
        dev_scores = [x for s in DEV_SPLITS for x in oof[mode][s]]
        dev_truth = [x for s in DEV_SPLITS for x in labels[s]]
        dev_rules = [x for s in DEV_SPLITS for x in rules_dev[s]]
        ordinary = [x for s in ORDINARY for x in oof[mode][s]]
        ord_rules = [x for s in ORDINARY for x in rules_dev[s]]
        hold = max(
            precision_threshold(dev_scores, dev_truth, HOLD_PRECISION),
            bm._quantile_line(ordinary, HOLD_SHARE),
        )
        look = max(
            precision_threshold(dev_scores, dev_truth, bm.TARGET_PRECISION),
            bm._quantile_line(ordinary, LOOK_SHARE),
        )
        model_r, model_p = rate([x >= hold for x in dev_scores], dev_truth)
        held = [r or x >= hold for r, x in zip(dev_rules, dev_scores, strict=True)]
        held_r, held_p = rate(held, dev_truth)
        rules_r, rules_p = rate(dev_rules, dev_truth)
        looked_r, looked_p = rate(
            [h or x >= look for h, x in zip(held, dev_scores, strict=True)], dev_truth
        )
        ord_held = sum(r or x >= hold for r, x in zip(ord_rules, ordinary, strict=True))
        ord_model = sum(x >= hold for x in ordinary)
        check = final_check[mode_i]
        check_held = sum(r or x >= hold for r, x in zip(rules_dev[CHECK], check, strict=True))
        check_model = sum(x >= hold for x in check)
        per_writer = {
            s: round(
                rate(
                    [r or x >= hold for r, x in zip(rules_dev[s], oof[mode][s], strict=True)],
                    labels[s],
                )[0],
                3,
            )
            for s in DEV_SPLITS
        }
        demo_held = [demo[i][:90] for i, x in enumerate(demo_unseen[mode_i]) if x >= hold]
        results.append(
            {
                "try": name,
                "mode": mode,
                "C": c,
                "hold": round(hold, 4),
                "look": round(look, 4),
                "model_recall": round(model_r, 3),
                "model_precision": round(model_p, 3),
                "rules_recall": round(rules_r, 3),
                "rules_precision": round(rules_p, 3),
                "held_recall": round(held_r, 3),
                "held_precision": round(held_p, 3),
                "held_or_looked_recall": round(looked_r, 3),
                "held_or_looked_precision": round(looked_p, 3),
                "ordinary_held": f"{ord_held}/{len(ordinary)}",
                "ordinary_model_held": f"{ord_model}/{len(ordinary)}",
                "check_held": f"{check_held}/{len(check)}",
                "check_model_held": f"{check_model}/{len(check)}",
                "demo_posts": len(demo),
                "demo_rules_held": sum(rules_demo),
                "demo_unseen_model_held": demo_held,
                "demo_final_model_held": sum(x >= hold for x in final_demo[mode_i]),
                "demo_max_unseen": round(max(demo_unseen[mode_i]), 4),
                "extra_scores": [round(x, 4) for x in final_extra[mode_i]],
                "per_writer_held_recall": per_writer,
                "seconds": round(time.monotonic() - started),
            }
        )
    return results


def gated(name: str) -> list[dict[str, object]]:
    """A try's dumped scores again, with the hold band open only to a post that addresses
    someone with an offer, meeting or contact word (`addressee`): the score of any other post
    counts as 0 for the hold (the second look keeps its own scores)."""
    dump = json.loads((CACHE / f"scores-{name}.json").read_text())
    texts, labels = dump["texts"], dump["labels"]
    demo = dump["demo"]
    results = []
    for mode_i, mode in enumerate(("text", "maxsent")):
        oof = {
            s: [
                x if addressee(t) else 0.0
                for t, x in zip(texts[s], dump["oof"][mode][s], strict=True)
            ]
            for s in (*DEV_SPLITS, *ORDINARY)
        }
        dev_scores = [x for s in DEV_SPLITS for x in oof[s]]
        dev_truth = [x for s in DEV_SPLITS for x in labels[s]]
        dev_rules = [x for s in DEV_SPLITS for x in rules(texts[s], s)]
        ordinary = [x for s in ORDINARY for x in oof[s]]
        ord_rules = [x for s in ORDINARY for x in rules(texts[s], s)]
        hold = max(
            precision_threshold(dev_scores, dev_truth, HOLD_PRECISION),
            bm._quantile_line(ordinary, HOLD_SHARE),
        )
        model_r, model_p = rate([x >= hold for x in dev_scores], dev_truth)
        held_r, held_p = rate(
            [r or x >= hold for r, x in zip(dev_rules, dev_scores, strict=True)], dev_truth
        )
        check = [
            x if addressee(t) else 0.0
            for t, x in zip(texts[CHECK], dump["check"][mode_i], strict=True)
        ]
        demo_unseen = [
            x if addressee(t) else 0.0
            for t, x in zip(demo, dump["demo_unseen"][mode_i], strict=True)
        ]
        results.append(
            {
                "try": f"{name}+gate",
                "mode": mode,
                "hold": round(hold, 4),
                "model_recall": round(model_r, 3),
                "model_precision": round(model_p, 3),
                "held_recall": round(held_r, 3),
                "held_precision": round(held_p, 3),
                "ordinary_held": sum(
                    r or x >= hold for r, x in zip(ord_rules, ordinary, strict=True)
                ),
                "ordinary_model_held": sum(x >= hold for x in ordinary),
                "check_held": sum(
                    r or x >= hold for r, x in zip(rules(texts[CHECK], CHECK), check, strict=True)
                ),
                "check_model_held": sum(x >= hold for x in check),
                "demo_unseen_model_held": [
                    demo[i][:90] for i, x in enumerate(demo_unseen) if x >= hold
                ],
                "gate_passes_holds": sum(
                    bool(addressee(t))
                    for s in DEV_SPLITS
                    for t, y in zip(texts[s], labels[s], strict=True)
                    if y
                ),
                "holds": sum(dev_truth),
            }
        )
    return results


if __name__ == "__main__" and sys.argv[1] == "--gated":
    for name in sys.argv[2:]:
        for result in gated(name):
            print(json.dumps(result, ensure_ascii=False), flush=True)
elif __name__ == "__main__":
    for name in sys.argv[1:]:
        for result in run(name):
            print(json.dumps(result, ensure_ascii=False), flush=True)
            with (CACHE / "results.jsonl").open("a") as out:
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
