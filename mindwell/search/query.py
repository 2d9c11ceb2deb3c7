"""User search text → a safe, structured query. Any input is valid; nothing reaches
the database but word characters, so FTS5 and tsquery syntax can never be injected."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 500
MAX_TERMS = 12
MAX_TERM_CHARS = 50
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
OPERATORS = {"AND", "OR", "NOT", "NEAR"}
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "so",
        "that",
        "the",
        "their",
        "them",
        "there",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
        "do",
        "does",
        "did",
        "can",
        "could",
        "should",
        "would",
        "am",
        "been",
        "not",
        "no",
    ]
)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase
    prefix: bool = False
    negated: bool = False


@dataclass
class ParsedQuery:
    terms: list[Term] = field(default_factory=list)

    @property
    def positive(self) -> list[Term]:
        return [t for t in self.terms if not t.negated]

    @property
    def negative(self) -> list[Term]:
        return [t for t in self.terms if t.negated]

    def __bool__(self) -> bool:
        return bool(self.positive)

    @property
    def words(self) -> list[str]:
        return [w for t in self.positive for w in t.words]


def _words(text: str) -> tuple[str, ...]:
    return tuple(w[:MAX_TERM_CHARS] for w in _WORD.findall(text.lower()) if w.strip("_"))


def parse(text: str) -> ParsedQuery:
    """Words, "phrases", prefix* and -excluded terms; uppercase operators are ignored."""
    query = ParsedQuery()
    for match in _TOKEN.finditer((text or "")[:MAX_QUERY_CHARS]):
        if len(query.terms) >= MAX_TERMS:
            break
        if match.group(2) is not None:  # a quoted phrase
            words = _words(match.group(2))
            if words:
                query.terms.append(Term(words, negated=bool(match.group(1))))
            continue
        raw = match.group(4)
        if raw in OPERATORS:
            continue
        words = _words(raw)
        if not words:
            continue
        prefix = raw.endswith("*") and len(words) == 1 and len(words[0]) >= 2
        query.terms.append(Term(words, prefix=prefix, negated=bool(match.group(3))))
    return query


def any_of(text: str, *, limit: int = 10) -> ParsedQuery:
    """The distinct non-stopword words of a text, for "similar questions" (matched with OR)."""
    seen: list[str] = []
    for word in _words(text[:MAX_QUERY_CHARS]):
        if word not in STOPWORDS and len(word) > 1 and word not in seen:
            seen.append(word)
    return ParsedQuery([Term((w,)) for w in seen[:limit]])
