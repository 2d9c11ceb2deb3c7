"""Which phrase files (language packs) read a post: its language, English, and any hint.

The language comes from lingua (its models ship inside the wheel; nothing is downloaded), asked
to choose only among the languages the site serves. A post whose language is uncertain (short,
mixed, or written in none of them) is read with every pack. A hint (the browser's language, or
`screen_text --language`) adds a pack and never removes one.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from mindwell.safety.screening.phrasebook import resolve_language

if TYPE_CHECKING:
    from lingua import LanguageDetector

# The languages the site serves, each with a phrase file in lexicon/.
SERVED = ("en", "es", "fr", "de", "pt", "it")
BASE = "en"  # always read: English slang and loanwords appear in every language's posts
SURE = 0.60  # the top language's confidence below which a post is read with every pack
ALSO = 0.20  # any other language at least this likely is read too (mixed posts)
MIN_LETTERS = 20  # shorter texts say too little about their language: every pack
SAMPLE = 400  # characters the detector reads (enough to tell; the screens read everything)


@cache
def _detector() -> LanguageDetector:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in SERVED]
    # Low-accuracy mode keeps ~35 MB per process instead of ~200 MB. On the 3,500 posts of the
    # training pool it named the post's language first for 99.1-100 % of each language's posts,
    # and the post's own pack was among those chosen for 99.8-100 % (0.3 ms a post).
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def confidences(text: str) -> list[tuple[str, float]]:
    """(language code, confidence) for each served language, likeliest first."""
    values = _detector().compute_language_confidence_values(text[:SAMPLE])
    return [(v.language.iso_code_639_1.name.lower(), v.value) for v in values]


def packs_for(text: str, hint: str | None = None) -> tuple[str, ...]:
    """The packs that read `text`: detected language(s) and English, or all when unsure."""
    chosen = {BASE}
    if hint:  # "es-MX" -> "es"; a language without a phrase file reads as English (already in)
        chosen.add(resolve_language(hint))
    letters = sum(1 for c in text[:SAMPLE] if c.isalpha())
    ranked = confidences(text) if letters >= MIN_LETTERS else []
    if not ranked or ranked[0][1] < SURE:
        return SERVED
    chosen.update(code for code, value in ranked if value >= ALSO)
    return tuple(code for code in SERVED if code in chosen)


def warm_up() -> None:
    """Load the detector's models now (a worker's first post should not pay for it)."""
    confidences("warming up the language detector")
