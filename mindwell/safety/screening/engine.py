"""Crisis screening: rate a post's text for suicide and self-harm risk, before it is saved.

A rules-and-lexicon engine, no database. Each language's phrases live in
`lexicon/<language>.toml` (format at the top of `lexicon/en.toml`); this module normalises the
text, finds rule hits, reads each hit in its clause (negation, reported speech, fiction, the
distant past, whose words they are) and combines what is left into one tier.

    >>> screen("I'm not suicidal, but I've written goodbye letters.").tier
    <Tier.URGENT: 3>
"""

import enum
import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from mindwell.safety.screening.phrasebook import (
    STRONG_CUES,
    Lexicon,
    Matcher,
    Rule,
    collapse,
    fold,
    load_lexicon,
    resolve_language,
)
from mindwell.safety.screening.prefilter import WordIndex, passes

logger = logging.getLogger(__name__)


class Tier(enum.IntEnum):
    NONE = 0
    SUPPORT = 1
    REVIEW = 2
    URGENT = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Screening:
    tier: Tier
    rules: tuple[str, ...]  # ids of the rules that matched, strongest first
    # What the learned model said (detector.screen fills these; the rules alone leave them):
    score: float | None = field(default=None, compare=False)  # "a moderator should look"
    urgency: float | None = field(default=None, compare=False)  # "danger now"
    languages: tuple[str, ...] = field(default=(), compare=False)  # the packs that read it
    # Sure enough to show the poster the crisis-lines page: urgent, a phrase-file rule at
    # review, or the model above its precision-first threshold. Flagged posts that are not
    # sure still go to the crisis queue; only moderators see them there.
    sure: bool = field(default=False, compare=False)

    @property
    def flagged(self) -> bool:
        return self.tier >= Tier.REVIEW

    def explain(self) -> str:
        """For moderators: the rule ids, then the model's scores ("model score 0.93")."""
        parts = [", ".join(r for r in self.rules[:4] if not r.startswith("model."))]
        if self.score is not None:
            parts.append(f"model score {self.score:.2f}")
        if self.urgency is not None and self.tier == Tier.URGENT:
            parts.append(f"urgency {self.urgency:.2f}")
        return "; ".join(p for p in parts if p)


NOTHING = Screening(Tier.NONE, ())
ENGINE_ERROR = "engine.error"

NEGATION_WINDOW = 5  # words before a hit in which "not", "never" … negate it
# Strong cues that a time in the same sentence makes urgent ("I won't be here tomorrow",
# "I have everything I need, I'm waiting until everyone is asleep").
TIMED_CUES = frozenset({"finality", "means"})
DENSE_SENTENCES = 4  # hits in more sentences than this: scan context words all at once

# --- normalisation ------------------------------------------------------------------------------

_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\r": "\n",
        "\t": " ",
        "\u2028": "\n",
        "\u2029": "\n",
    }
    | dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e"))
    | dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))
)
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# "k i l l", "k.i.l.l", "s-u-i-c-i-d-e": three or more single characters, one separator apart.
_SPACED = re.compile(
    r"(?<![a-z0-9@$])[a-z0-9@$]([ .\-_*/|~+])[a-z0-9@$](?:\1[a-z0-9@$])+(?![a-z0-9@$])"
)
_SPACERS = re.compile(r"[ .\-_*/|~+]")
# Cheap test first: two single characters in a row, each between separators.
_SPACED_HINT = re.compile(r"[ .\-_*/|~+][a-z0-9@$][ .\-_*/|~+][a-z0-9@$](?![a-z0-9@$])")
# Words that mix letters with digits or @/$ ("d1e", "su1c1de", "h0peless", "$elf").
_LEET_CHAR = re.compile(r"[0-9@$]")
_LEET_TOKEN = re.compile(r"[a-z0-9@$]+")
_NOT_LEET = re.compile(
    r"\d+(?:am|pm|st|nd|rd|th|s|h|hrs?|k|kg|g|mg|mcg|ml|l|mins?|yo|yrs?|x|d|m|km|ish|p|ft|lbs?)"
)
_LEET_I = str.maketrans("013457@$", "oieastas")
_LEET_L = str.maketrans("013457@$", "oleastas")
_REPEATS = re.compile(r"([a-z])\1\1+")
_BANG_LEET = re.compile(r"(?<=[a-z0-9@$])[!|]+(?=[a-z0-9@$])")


def _prepare(text: str) -> str:
    """Everything but leetspeak and squeezing: NFKD, no accents, case folded, tricks undone."""
    text = fold(str(text).translate(_PUNCTUATION))
    text = _CONTROL.sub(" ", text)
    # "k!ll", "su!c!de", "se|f": ! and | between letters stand for i or l ("1", undone below).
    text = _BANG_LEET.sub("1", text)
    if not _SPACED_HINT.search(text):
        return text
    return _SPACED.sub(lambda m: _SPACERS.sub("", m.group()), text)


def _unleet(text: str, vocabulary: frozenset[str]) -> str:
    """Undo leetspeak in words that mix letters with digits, @ or $ ("d1e", "$elf").

    "1" reads as "i" unless only "l" makes a word the phrase files use ("se1f" -> "self").
    """
    if not _LEET_CHAR.search(text):
        return text

    def replace(match: re.Match[str]) -> str:
        word = match.group()
        if word.isdigit() or word.isalpha() or _NOT_LEET.fullmatch(word):
            return word
        if not any("a" <= c <= "z" for c in word):
            return word
        as_i = word.translate(_LEET_I)
        if "1" in word and as_i not in vocabulary:
            as_l = word.translate(_LEET_L)
            if as_l in vocabulary:
                return as_l
        return as_i

    return _LEET_TOKEN.sub(replace, text)


def _finish(text: str, vocabulary: frozenset[str]) -> str:
    text = _REPEATS.sub(r"\1", _unleet(text, vocabulary))
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if not line.isspace())


def normalise(text: str) -> str:
    """The text rules are matched against: lower case, no accents, tricks undone.

    "Su1c1de" -> "suicide", "k.i.l.l" -> "kill", "diiiie" -> "die" (runs of three or more of a
    letter are squeezed; real doubles stay, and `screen` also tries a fully collapsed copy).
    """
    return _finish(_prepare(text), frozenset()).strip()


# --- one form of the text: sentences, clauses, phrases and where context words are --------------

_SENTENCE_END = re.compile(r"[.!?\n\u00a1\u00bf]+")
_CLAUSE_END = re.compile(r"[.!?\n\u00a1\u00bf;]+")
_PHRASE_END = re.compile(r"[.!?\n\u00a1\u00bf;,:\"()\[\]\u2013\u2014]+| - ")
_QUOTED = re.compile(r'"[^"\n]{1,400}"')


def _ends(text: str, pattern: re.Pattern[str], conjunction: re.Pattern[str] | None) -> list[int]:
    ends = [m.end() for m in pattern.finditer(text)]
    if conjunction is not None:
        ends = sorted(ends + [m.start() + 1 for m in conjunction.finditer(text)])
    return ends


class _Form:
    """One normalised copy of the post, read with the matching set of patterns.

    Patterns match within a sentence, so a rule's regex runs only over the sentences that have
    the words it needs (see prefilter.py); context words are looked up per sentence, lazily.
    """

    def __init__(self, text: str, variant: int, lexicon: Lexicon, index: WordIndex) -> None:
        self.text = text
        self.variant = variant  # 0: patterns as written, 1: with doubled letters squeezed
        self.lexicon = lexicon
        self.index = index  # may hold more words than text (never fewer): only for speed
        self._active: dict[str, bool] = {}
        self._sentence_spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
        self._whole: dict[str, list[tuple[int, int]]] = {}
        self.dense = False  # hits in many sentences: look up context words in one pass

    @cached_property
    def sentences(self) -> list[int]:
        return _ends(self.text, _SENTENCE_END, None)

    @cached_property
    def clauses(self) -> list[int]:
        """Split at . ! ? ; and the conjunctions ("but", "and" …)."""
        return _ends(self.text, _CLAUSE_END, self.lexicon.conjunctions[self.variant])

    @cached_property
    def phrases(self) -> list[int]:
        """Clauses split further at commas, colons, quotes and dashes."""
        return _ends(self.text, _PHRASE_END, self.lexicon.conjunctions[self.variant])

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        return [m.span() for m in _QUOTED.finditer(self.text)]

    def span(self, ends: list[int], position: int) -> tuple[int, int]:
        index = bisect_right(ends, position)
        start = ends[index - 1] if index else 0
        end = ends[index] if index < len(ends) else len(self.text)
        return start, end

    def sentence_of(self, position: int) -> int:
        return bisect_right(self.sentences, position)

    def find(self, matcher: Matcher) -> list[re.Match[str]]:
        """Every match, scanning only the sentences that hold the words it needs."""
        if not passes(matcher.gates, self.index):
            return []
        if matcher.finder is None:
            return list(matcher.regex.finditer(self.text))
        # Matches stay within a sentence: scan each run of candidate sentences once.
        ends = self.sentences
        found: list[re.Match[str]] = []
        start = end = -1
        for word in matcher.finder.finditer(self.text):
            if word.start() < end:
                continue
            sentence_start, sentence_end = self.span(ends, word.start())
            if sentence_start != end:
                if end > start:
                    found += matcher.regex.finditer(self.text, start, end)
                start = sentence_start
            end = sentence_end
        if end > start:
            found += matcher.regex.finditer(self.text, start, end)
        return found

    def matcher(self, key: str) -> Matcher | None:
        pair = self.lexicon.context.get(key)
        return None if pair is None else pair[self.variant]

    def spans(self, key: str, start: int, end: int) -> list[tuple[int, int]]:
        """Where the [context] words for `key` lie wholly within text[start:end].

        The range must sit in one sentence. Sentences are scanned when first asked about;
        with hits in many sentences (dense), the whole text is scanned once per key.
        """
        matcher = self.matcher(key)
        if matcher is None:
            return []
        if key not in self._active:
            self._active[key] = passes(matcher.gates, self.index)
        if not self._active[key]:
            return []
        if self.dense:
            if key not in self._whole:
                self._whole[key] = [m.span() for m in self.find(matcher)]
            found = self._whole[key]
            first = bisect_left(found, (start, start))
        else:
            sentence = self.sentence_of(start)
            if (key, sentence) not in self._sentence_spans:
                bounds = self.span(self.sentences, start)
                found = [m.span() for m in matcher.regex.finditer(self.text, *bounds)]
                self._sentence_spans[key, sentence] = found
            found, first = self._sentence_spans[key, sentence], 0
        result = []
        for a, b in found[first:]:
            if a >= end:
                break
            if start <= a and b <= end:
                result.append((a, b))
        return result

    def has(self, key: str, start: int, end: int) -> bool:
        """Whether a `key` context word lies wholly within text[start:end] (one sentence)."""
        return bool(self.spans(key, start, end))


@dataclass
class _Hit:
    rule: Rule
    start: int
    end: int
    sentence: int
    tier: int
    active: bool  # the writer's own, current words: may combine with other hits


def _blank(text: str, index: WordIndex, matcher: Matcher | None) -> str:
    """Overwrite matches with spaces, so no rule can match across them."""
    if matcher is None:
        return text
    spans = [m.span() for m in matcher.finditer(text, index)]
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _negated(form: _Form, start: int, consumed: Sequence[tuple[int, int]] = ()) -> bool:
    """A negator among the few words before `start`, in its phrase, that is not a pseudo one.

    A negator inside another rule's match belongs to that phrase ("I won't be here tomorrow":
    "not" is part of "will not be here", so it does not negate "tomorrow").
    """
    phrase_start, _ = form.span(form.phrases, start)
    window = start
    for _ in range(NEGATION_WINDOW):
        window = form.text.rfind(" ", phrase_start, window - 1) if window > phrase_start else -1
        if window < 0:
            window = phrase_start
            break
    pseudo = [*form.spans("not_negations", phrase_start, start), *consumed]
    return any(
        not any(p <= a and b <= q for p, q in pseudo)
        for a, b in form.spans("negations", window, start)
    )


def _subject(form: _Form, rule: Rule, match: re.Match[str]) -> str:
    """Whose words: "first" (the writer), "third" (someone else) or "you"."""
    if rule.person != "any":
        return rule.person
    words = match.group()
    for key, who in (("self_words", "first"), ("other_words", "third")):
        matcher = form.matcher(key)
        if matcher is not None and matcher.search(words):
            return who
    # The last subject named before the hit: first in its own phrase, else earlier in the
    # sentence ("My friend said goodbye to everyone and gave away …"). "You" counts only
    # within the phrase, so "Thank you all, …" does not make the rest second person.
    start = match.start()
    phrase_start, _ = form.span(form.phrases, start)
    sentence_start, _ = form.span(form.sentences, start)
    keys = (("subject_self", "first"), ("subject_other", "third"), ("subject_you", "you"))
    for begin, end, allowed in (
        (phrase_start, start, keys),
        (sentence_start, phrase_start, keys[:2]),
    ):
        last, subject = -1, ""
        for key, who in allowed:
            for a, _ in form.spans(key, begin, end):
                if a > last or (a == last and who == "third"):
                    last, subject = a, who
        if subject:
            return subject
    return "first"


def _read(
    form: _Form,
    rule: Rule,
    match: re.Match[str],
    recovery: bool,
    consumed: Sequence[tuple[int, int]] = (),
) -> _Hit | None:
    """One rule hit read in its clause, or None when the context cancels it.

    `consumed`: where other rules matched; a negator inside one of them is that rule's own.
    """
    start = match.start()
    clause_start, clause_end = form.span(form.clauses, start)
    reported = any(a <= start < b for a, b in form.quotes)
    # In a quotation, fiction anywhere in its sentence cancels it.
    scope = form.span(form.sentences, start) if reported else (clause_start, clause_end)
    if _negated(form, start, consumed) or form.has("fiction", *scope):
        return None
    if rule.unless is not None:
        where = form.span(form.sentences, start) if rule.unless_sentence else scope
        if rule.unless[form.variant].search(form.text[slice(*where)]):
            return None
    tier, current = rule.tier, True
    distant = form.has("distant_past", clause_start, clause_end)
    if rule.past:
        if form.has("recent", clause_start, clause_end):
            tier = Tier.URGENT
        elif recovery or distant:
            tier, current = Tier.SUPPORT, False
    elif (
        tier >= Tier.REVIEW
        and distant
        # "I used to be happy, now I want to die": the present wins in the hit's own phrase.
        and not form.has("present", *form.span(form.phrases, start))
    ):
        tier, current = Tier.SUPPORT, False
    subject = _subject(form, rule, match)
    if subject == "third" or reported:
        tier = min(tier, Tier.REVIEW)
    elif subject == "you":
        tier = min(tier, Tier.SUPPORT)
    active = current and subject == "first" and not reported
    return _Hit(rule, start, match.end(), form.sentence_of(start), tier, active)


def _combine(hits: Sequence[_Hit]) -> None:
    """Raise hits to urgent where risk meets a plan, means, goodbye, finality or a time."""
    active = [h for h in hits if h.active]
    cues = [h for h in active if h.rule.kind is not None]
    for hit in active:
        if hit.tier == Tier.URGENT:
            continue
        # Other cues, on other words: two rules matching the same phrase are one signal.
        others = [
            c for c in cues if c.rule is not hit.rule and (c.end <= hit.start or hit.end <= c.start)
        ]
        timed = any(c.rule.kind == "timing" and c.sentence == hit.sentence for c in others)
        untimed = any(c.rule.kind != "timing" for c in others)
        risk = hit.tier == Tier.REVIEW and (untimed or (timed and hit.rule.timing))
        strong = hit.rule.kind in STRONG_CUES
        timed_cue = timed and hit.rule.timing and hit.rule.kind in TIMED_CUES
        if risk or (strong and (untimed or timed_cue)):
            hit.tier = Tier.URGENT


def _before(spans: Sequence[tuple[int, int]], start: int) -> list[tuple[int, int]]:
    """The matches that begin before `start`: only their words can lie before a hit."""
    return [span for span in spans[: bisect_left(spans, (start, start))] if span[1] > span[0]]


def _screen_form(form: _Form) -> list[_Hit]:
    lexicon = form.lexicon
    raw = [
        (rule, match) for rule in lexicon.rules for match in form.find(rule.matchers[form.variant])
    ]
    if not any(rule.tier >= Tier.REVIEW or rule.kind in STRONG_CUES for rule, _ in raw):
        if not raw:
            return []
    else:  # Weak cues (a plan, a decision, a time) only count beside these; look for them now.
        raw += [
            (rule, match)
            for rule in lexicon.cues
            for match in form.find(rule.matchers[form.variant])
        ]
    form.dense = len({form.sentence_of(match.start()) for _, match in raw}) > DENSE_SENTENCES
    recovery = form.matcher("recovery")
    in_recovery = recovery is not None and bool(form.find(recovery))
    spans = sorted({match.span() for _, match in raw})
    hits = [
        hit
        for rule, match in raw
        if (hit := _read(form, rule, match, in_recovery, _before(spans, match.start())))
    ]
    _combine(hits)
    return hits


def _forms(text: str, lexicon: Lexicon) -> Iterable[_Form]:
    """The post as patterns are written, and (only if it may differ) with doubles squeezed."""
    idioms = lexicon.context.get("idioms")
    normalised = _finish(_prepare(text), lexicon.vocabulary)
    words = WordIndex.of(normalised)
    texts = [normalised]
    if _elongated(words, lexicon):
        texts.append(collapse(normalised))
    for variant, form_text in enumerate(texts):
        if variant:
            words = WordIndex.of(form_text)
        if lexicon.rewrites is not None:
            form_text, words = lexicon.rewrites[variant].apply(form_text, words)
        if idioms is not None:
            form_text = _blank(form_text, words, idioms[variant])
        yield _Form(form_text, variant, lexicon, words)


def _elongated(words: WordIndex, lexicon: Lexicon) -> bool:
    """Whether a word looks stretched ("soo", "diie"): squeezed, it is a phrase-file word."""
    unknown = list(words.words - lexicon.vocabulary)
    joined = " ".join(unknown)
    squeezed = collapse(joined)
    if squeezed == joined:
        return False
    return any(
        short != word and short in lexicon.squeezed_vocabulary
        for word, short in zip(unknown, squeezed.split(" "), strict=True)
    )


def _screen(text: str, language: str) -> Screening:
    lexicon = load_lexicon(resolve_language(language))
    best = Tier.NONE
    found: list[tuple[int, int, str]] = []
    for form in _forms(text, lexicon):
        hits = _screen_form(form)
        tier = Tier(max((h.tier for h in hits), default=Tier.NONE))
        if tier > best:
            best, found = tier, []
        if tier == best and tier > Tier.NONE:
            found += [(-h.tier, h.start, h.rule.id) for h in hits]
    if best == Tier.NONE:
        return NOTHING
    rules = dict.fromkeys(rule_id for _, _, rule_id in sorted(found))
    return Screening(best, tuple(rules))


def screen_rules(text: str, *, language: str = "en") -> Screening:
    """Rate `text` with one language's phrase file; unknown languages are read as English.

    `mindwell.safety.screening.detector.screen` is what posts go through: it picks the packs by the
    text's language and adds the learned model; this is the rules half, one pack.

    Never raises: if the engine itself fails, the error is logged and the post is sent for
    review (tier review, rule "engine.error"), so a bug cannot silently pass a crisis post.
    Costs well under 2 ms for a 2,000-character post once the language is loaded.
    """
    try:
        return _screen(text, language)
    except Exception:
        logger.exception("Crisis screening failed; sending the post for review")
        return Screening(Tier.REVIEW, (ENGINE_ERROR,))
