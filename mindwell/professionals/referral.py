"""The referral prompt: when the asker already sees a therapist or counselor, the
professionals answering are reminded before they post (NBCC; ACA 2014 A.3, APA 10.04:
no services to someone another professional already serves; encourage the asker to
bring this to their own therapist) and offered a sentence that does so."""

from __future__ import annotations

import re

ALREADY_IN_THERAPY = re.compile(
    # en
    r"\b(?:my|our)\s+(?:current\s+|new\s+|old\s+)?(?:therapist|counsell?or|psychologist"
    r"|psychiatrist|psychotherapist)\b"
    r"|\bi(?:'m|\s+am)\s+(?:in|doing|going\s+to)\s+(?:therapy|counsell?ing)\b"
    r"|\bi\s+(?:see|go\s+to|have)\s+an?\s+(?:therapist|counsell?or|psychologist|psychiatrist)\b"
    r"|\bi(?:'ve|\s+have)\s+been\s+(?:seeing\s+an?\s+(?:therapist|counsell?or|psychologist)"
    r"|in\s+therapy)\b"
    # es
    r"|\bmi\s+(?:terapeuta|psic[óo]log[oa]|psiquiatra|psicoterapeuta)\b"
    r"|\b(?:voy\s+a|estoy\s+en|hago)\s+terapia\b"
    # fr
    r"|\b(?:mon|ma)\s+(?:psy|th[ée]rapeute|psychologue|psychiatre|psychoth[ée]rapeute)\b"
    r"|\bje\s+(?:suis\s+en\s+th[ée]rapie|vois\s+(?:un|une)\s+psy)\b"
    # de
    r"|\bmeine[rnm]?\s+(?:therapeut(?:in|en)?|psycholog(?:in|en)|psychiater(?:in)?"
    r"|psychotherapeut(?:in|en)?)\b|\bmein\s+(?:therapeut|psychologe|psychiater)\b"
    r"|\bich\s+(?:bin\s+in|mache\s+(?:eine\s+)?)therapie\b"
    # pt
    r"|\b(?:meu|minha)\s+(?:terapeuta|psic[óo]log[oa]|psiquiatra)\b"
    r"|\b(?:fa[çc]o|estou\s+em)\s+terapia\b"
    # it
    r"|\b(?:il\s+mio|la\s+mia)\s+(?:terapeuta|psicolog[oa]|psichiatra|psicoterapeuta)\b"
    r"|\b(?:sono|vado)\s+in\s+terapia\b|\bfaccio\s+terapia\b",
    re.IGNORECASE,
)

SENTENCE = (
    "Since you already see a therapist, it could really help to bring this to your next "
    "session too: they know your story and can work through it with you."
)


def already_in_therapy(text: str) -> bool:
    return bool(ALREADY_IN_THERAPY.search(text))
