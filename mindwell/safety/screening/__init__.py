"""Crisis screening: which language a post is in, the phrase-file rules and the learned model.

engine.py      the rules of one language's phrase file (lexicon/<code>.toml)
phrasebook.py  reading and compiling the phrase files; prefilter.py: their word index
language.py    which packs read a post (lingua)
model.py       the learned model (model/crisis-model.json.gz); training.py builds it
detector.py    screen(): packs, rules and model together, what every caller uses
labelled.py    the labelled corpus (corpus/) and its fixed split; evaluation.py measures
"""

from mindwell.safety.screening.engine import (
    ENGINE_ERROR,
    Screening,
    Tier,
    normalise,
    screen_rules,
)

__all__ = ["ENGINE_ERROR", "Screening", "Tier", "normalise", "screen_rules"]
