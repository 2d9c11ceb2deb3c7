"""Word checks that let screening skip the rules that cannot match a text.

Running ~150 regular expressions over a long post is too slow, so each pattern is read once
(with Python's own regex parser) for the words every match must contain: "kill(?:ing)? myself"
needs the word "myself" and a word starting "kill". A text is indexed once (its words and
their first letters) and a rule's regex runs only if its words are there. The check may pass
a text the regex then rejects, but never the reverse; anything it cannot read, it lets pass.
"""

import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

try:
    _parser: Any = importlib.import_module("re._parser")
    _sre: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - a Python without them only loses speed
    _parser = _sre = None

_WORD = re.compile(r"[a-z0-9]+")
PREFIX = 4  # words are indexed by their first 2, 3 and 4 characters
# Too common to tell texts apart.
_COMMON = frozenset(
    {
        "i",
        "a",
        "an",
        "am",
        "as",
        "at",
        "be",
        "do",
        "go",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
        "and",
        "are",
        "but",
        "can",
        "for",
        "get",
        "got",
        "had",
        "has",
        "her",
        "him",
        "his",
        "its",
        "not",
        "now",
        "our",
        "out",
        "she",
        "the",
        "too",
        "was",
        "who",
        "you",
        "all",
        "any",
        "did",
        "one",
        "that",
        "this",
        "with",
        "have",
        "from",
        "just",
        "they",
        "them",
        "what",
        "when",
        "your",
        "will",
        "would",
        "could",
        "been",
    }
)


@dataclass(frozen=True)
class WordIndex:
    """The words of a normalised text, and every word's first two to four characters."""

    words: frozenset[str]
    prefixes: frozenset[str]

    @classmethod
    def of(cls, text: str) -> "WordIndex":
        return cls.of_words(frozenset(_WORD.findall(text)))

    @classmethod
    def of_words(cls, words: frozenset[str]) -> "WordIndex":
        # Every prefix up to PREFIX long (short words are their own prefixes: harmless).
        prefixes = {w[:2] for w in words} | {w[:3] for w in words} | {w[:PREFIX] for w in words}
        return cls(words, frozenset(prefixes))

    def plus(self, text: str) -> "WordIndex":
        """This index with the words of `text` added."""
        return WordIndex.of_words(self.words | frozenset(_WORD.findall(text)))


@dataclass(frozen=True)
class Group:
    """Every match holds one of `words`, or a word that starts with one of `prefixes`."""

    words: frozenset[str]
    prefixes: frozenset[str]

    def found(self, index: WordIndex) -> bool:
        return not self.words.isdisjoint(index.words) or not self.prefixes.isdisjoint(
            index.prefixes
        )

    @property
    def strength(self) -> int:
        scores = [1 if w in _COMMON else len(w) + 2 for w in self.words]
        scores += [1 if p in _COMMON else len(p) for p in self.prefixes]
        return min(scores, default=0)


Gate = tuple[Group, ...]  # a match needs every group


def gate_for(source: str) -> Gate | None:
    """The two most telling groups a match of `source` needs; None if nothing is certain."""
    if _parser is None:  # pragma: no cover
        return None
    try:
        groups = _groups(list(_parser.parse(source)), at_start=True, at_end=True)
    except Exception:
        return None
    useful = sorted((g for g in groups if g.strength > 0), key=lambda g: -g.strength)
    return tuple(useful[:2]) or None


class Gates(tuple[Gate, ...]):
    """The gates of a matcher's patterns, with the words and prefixes of their first groups
    gathered: a text holding none of those passes no gate. Most texts hold none of most
    matchers' words, and one test of the gathered sets replaced one per gate (a search
    query's screening: 2 of its 3 ms were spent testing gates one by one)."""

    words: frozenset[str]
    prefixes: frozenset[str]

    def __new__(cls, gates: Iterable[Gate]) -> "Gates":
        self = super().__new__(cls, gates)
        self.words = frozenset().union(*(gate[0].words for gate in self))
        self.prefixes = frozenset().union(*(gate[0].prefixes for gate in self))
        return self


def passes(gates: Sequence[Gate] | None, index: WordIndex) -> bool:
    """Whether any pattern's gate lets the text through (no gates: always)."""
    if gates is None:
        return True
    if (
        isinstance(gates, Gates)
        and gates.words.isdisjoint(index.words)
        and gates.prefixes.isdisjoint(index.prefixes)
    ):
        return False  # no gate's first group is found
    return any(all(group.found(index) for group in gate) for gate in gates)


def _is_separator(code: int) -> bool:
    return not ("a" <= chr(code) <= "z" or "0" <= chr(code) <= "9")


def _groups(sequence: list[Any], *, at_start: bool, at_end: bool) -> list[Group]:
    """Groups required by a parsed sequence; at_start/at_end: bounded by a non-word there."""
    groups: list[Group] = []
    run: list[str] = []
    run_bounded = at = at_start
    for position, (op, av) in enumerate(sequence):
        if op is _sre.LITERAL:
            if not run:
                run_bounded = at
            run.append(chr(av))
            at = _is_separator(av)
            continue
        end = at_end and _zero_width(sequence[position:])
        if run:
            if op is _sre.BRANCH:
                groups.extend(_junction("".join(run), run_bounded, av[1]))
            groups.extend(_run_groups("".join(run), run_bounded, end_bounded=False))
            run = []
        if op is _sre.SUBPATTERN:
            groups.extend(_groups(list(av[-1]), at_start=at, at_end=end))
        elif op is _sre.BRANCH:
            groups.extend(_union(_groups(list(alt), at_start=at, at_end=end) for alt in av[1]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            groups.extend(_groups(list(av[2]), at_start=at, at_end=False))
        at = _after(op, av, at)
    if run:
        groups.extend(_run_groups("".join(run), run_bounded, end_bounded=at_end))
    return groups


def _run_groups(run: str, start_bounded: bool, *, end_bounded: bool) -> list[Group]:
    groups = []
    for match in _WORD.finditer(run):
        anchor = _anchor(match, run, start_bounded, end_bounded)
        if anchor is not None:
            groups.append(anchor)
    return groups


def _anchor(match: re.Match[str], run: str, start_bounded: bool, end_bounded: bool) -> Group | None:
    word = match.group()
    left = match.start() > 0 or start_bounded
    right = match.end() < len(run) or end_bounded
    if left and right:
        return Group(frozenset({word}), frozenset())
    if left and len(word) >= 2:
        return Group(frozenset(), frozenset({word[:PREFIX]}))
    return None


def _junction(run: str, start_bounded: bool, alternatives: Iterable[Any]) -> list[Group]:
    """A literal run followed by a branch: "want(?:|s|ed)" needs a word starting "want"."""
    anchors = []
    for alternative in alternatives:
        lead = []
        for op, av in alternative:
            if op is not _sre.LITERAL:
                break
            lead.append(chr(av))
        text = run + "".join(lead)
        words = list(_WORD.finditer(text))
        if not words:
            return []
        anchor = _anchor(words[-1], text, start_bounded, end_bounded=False)
        if anchor is None:
            return []
        anchors.append(anchor)
    return _union([[a] for a in anchors])


def _union(alternatives: Iterable[list[Group]]) -> list[Group]:
    """One group from alternatives: each must contribute its best group, or none is certain."""
    words: set[str] = set()
    prefixes: set[str] = set()
    for groups in alternatives:
        if not groups:
            return []
        best = max(groups, key=lambda g: g.strength)
        words |= best.words
        prefixes |= best.prefixes
    return [Group(frozenset(words), frozenset(prefixes))] if words or prefixes else []


def _zero_width(sequence: list[Any]) -> bool:
    return all(op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT) for op, _ in sequence)


def _after(op: Any, av: Any, before: bool) -> bool:
    """Whether the text just after `op` is certainly at a word start (after a non-word)."""
    if op is _sre.LITERAL:
        return _is_separator(av)
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return before
    if op is _sre.SUBPATTERN:
        return _ends_bounded(list(av[-1]), before)
    if op is _sre.BRANCH:
        return all(_ends_bounded(list(alt), before) for alt in av[1])
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        present = _ends_bounded(list(av[2]), False)
        return present and (before if av[0] == 0 else True)
    if op is _sre.IN:
        return all(kind is _sre.LITERAL and _is_separator(code) for kind, code in av)
    return False


def _ends_bounded(sequence: list[Any], before: bool) -> bool:
    at = before
    for op, av in sequence:
        at = _after(op, av, at)
    return at
