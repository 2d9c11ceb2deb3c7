"""Crisis screening as posts go through it: the rules of every pack that fits, and the model.

    screen(text, language=None) -> Screening(tier, rules, score, urgency, languages)

1. The packs: the text's detected language and English, every pack when the language is unsure
   (language.py); a hint adds one.
2. The rules of each pack (screening.screen_rules); the strongest tier wins.
3. The learned model (model.py) scores the text once, in any language.
4. Recall first: either signal raises a post to review (a rule hit, unless the model scores the
   post below RULES_FLOOR). Urgent needs imminence: an urgent rule (intent with means, time
   or place; an attempt in progress), or the model's urgency head above its threshold on a
   post that is already flagged.

The live posting path, the draft check while typing, search and `screen_text` all call this.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from mindwell.safety.screening import ENGINE_ERROR, Screening, Tier, normalise, screen_rules
from mindwell.safety.screening import language as languages
from mindwell.safety.screening import model as learned
from mindwell.safety.screening.phrasebook import resolve_language

logger = logging.getLogger(__name__)

# The rules raise a post on their own unless the model calls it clearly safe. On the dev split
# the rules found no crisis post the model missed, and flagged 15 clinicians' questions, idioms
# and recovery stories that the model scored low; below this score a rule hit stays support.
RULES_FLOOR = 0.10
# ... but only for texts long enough for the model to judge (about 30 words): on a short text
# ("I wish I could disappear forever.") the model knows little and the rules stand.
FLOOR_MIN_FEATURES = 150
MODEL_FLAG = "model.flag"  # pseudo rule ids, so moderators see which signal raised a post
MODEL_URGENT = "model.urgent"


def screen(text: str, *, language: str | None = None, support: bool = True) -> Screening:
    """Rate `text` for crisis risk in any served language. Never raises (see screen_rules).

    A post is screened once: the crisis page before posting and the routing after it ask
    about the same text, and the second asks the process's small memory of recent results.

    `support=False`: the caller acts only on review and urgent (the posting path), so when the
    model calls a long enough post clearly safe (below RULES_FLOOR, where no rule could raise
    it) the rules are not run and the tier is none rather than support. The draft check and search,
    which show the quiet support card, keep the default.
    """
    return _screen(text, language, support, _model())


@lru_cache(maxsize=64)
def _screen(
    text: str, language: str | None, support: bool, model: learned.Model | None
) -> Screening:
    found = learned.features(text) if model is not None and text.strip() else None
    score = urgency = None
    norm = 0.0
    if model is not None and found is not None:
        try:
            score, norm = model.flag_and_norm(found)
        except Exception:
            logger.exception("The screening model failed; the rules decide alone")
            model = None
    packs = _packs(text, language)
    judged = score is not None and found is not None and len(found) >= FLOOR_MIN_FEATURES
    if not support and judged and score is not None and score < RULES_FLOOR:
        return Screening(Tier.NONE, (), score=score, languages=packs)
    best, ordered = _rules(text, packs)
    rules_flag = best >= Tier.REVIEW
    if score is not None and model is not None and found is not None:
        if judged and best >= Tier.REVIEW and score < RULES_FLOOR and ENGINE_ERROR not in ordered:
            best, rules_flag = Tier.SUPPORT, False
        elif score >= model.flag_threshold and best < Tier.REVIEW:
            best, ordered = Tier.REVIEW, (*ordered, MODEL_FLAG)
        if best == Tier.REVIEW and ENGINE_ERROR not in ordered:
            try:
                urgency = model.urgent(found, norm)
            except Exception:
                logger.exception("The screening model's urgency head failed")
            if urgency is not None and urgency >= model.urgent_threshold:
                best, ordered = Tier.URGENT, (*ordered, MODEL_URGENT)
    sure = best == Tier.URGENT or rules_flag
    if model is not None and score is not None:
        sure = sure or score >= model.sure_threshold
    elif best >= Tier.REVIEW:
        sure = True  # the rules alone (no model): every flag is shown
    return Screening(
        best,
        ordered,
        score=score,
        urgency=urgency,
        languages=packs,
        sure=sure and best >= Tier.REVIEW,
    )


def _model() -> learned.Model | None:
    try:
        return learned.load()
    except Exception:
        logger.exception("The screening model could not be loaded; the rules decide alone")
        return None


def _packs(text: str, language: str | None) -> tuple[str, ...]:
    try:
        return languages.packs_for(text, language)
    except Exception:
        logger.exception("Language detection failed; reading the post with every pack")
        return languages.SERVED


def _rules(text: str, packs: tuple[str, ...]) -> tuple[Tier, tuple[str, ...]]:
    """The strongest tier over the packs, and the rule ids (strongest tier's first)."""
    best = Tier.NONE
    rules: dict[str, None] = {}
    for pack in dict.fromkeys(resolve_language(p) for p in packs):  # a missing pack reads as en
        result = screen_rules(text, language=pack)
        if result.tier > best:
            best = result.tier
            rules = dict.fromkeys(result.rules) | rules
        elif result.tier == best and result.tier > Tier.NONE:
            rules |= dict.fromkeys(result.rules)
    return best, (tuple(rules) if best > Tier.NONE else ())


# Words a search for help with suicide or self-harm uses, in every served language (folded:
# lower case, no accents). A search is short, so beside these the full screen decides too.
_CRISIS_SEARCH = re.compile(
    r"\b(?:"
    # en
    r"suicid\w*|self[ -]?harm\w*|kill(?:ing)? my ?self|end(?:ing)? my life|want(?:ing)? to die"
    r"|overdos\w*|cutting my ?self|hurt(?:ing)? my ?self|hang(?:ing)? my ?self"
    # es
    r"|autolesi\w*|quiero morir\w*|matarme|quitarme la vida|sobredosis|cortarme"
    # fr
    r"|automutil\w*|me tuer|me suicider|envie de mourir|en finir|scarifi\w*"
    # de
    r"|suizid\w*|selbstmord\w*|selbstverletz\w*|ritzen|umbringen|sterben wollen|nicht mehr leben"
    # pt
    r"|suicidio|automutila\w*|me matar|quero morrer|tirar minha vida|me cortar"
    # it
    r"|autolesion\w*|uccidermi|ammazzarmi|farla finita|voglio morire|togliermi la vita"
    r")\b"
)


def is_crisis_search(query: str) -> bool:
    """Whether a search query is about suicide or self-harm (the results page then shows the
    quiet resources card). Nothing about the query is kept."""
    if not query.strip():
        return False
    if _CRISIS_SEARCH.search(normalise(query)):
        return True
    return screen(query).tier >= Tier.REVIEW


def warm_up() -> None:
    """Load the model, the language detector and every phrase file now (about 1.5 s, ~100 MB),
    so the first person to post after a restart does not wait for them. The web server calls
    this once before it forks its workers (wsgi.py), which then share the memory."""
    from mindwell.safety.screening.phrasebook import load_lexicon

    model = _model()
    if model is not None:
        model.flag_and_norm(set())
    languages.warm_up()
    for pack in languages.SERVED:
        load_lexicon(resolve_language(pack))
