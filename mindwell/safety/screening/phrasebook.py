"""Crisis-screening phrase files: load one language's TOML file and compile it once.

The file format is documented at the top of `lexicon/en.toml`. Everything here is pure Python
and cached per language, so `screening.screen` pays for compiling only on the first call.
"""

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

from mindwell.safety.screening.prefilter import Gate, Gates, WordIndex, gate_for, passes

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"
DEFAULT_LANGUAGE = "en"
TIER_NAMES = ("none", "support", "review", "urgent")
CUE_KINDS = frozenset({"plan", "means", "farewell", "finality", "decision", "timing"})
STRONG_CUES = frozenset({"means", "farewell", "finality"})
PERSONS = frozenset({"any", "first", "third"})
CONTEXT_KEYS = frozenset(
    {
        "negations",
        "not_negations",
        "idioms",
        "fiction",
        "distant_past",
        "present",
        "recent",
        "recovery",
        "self_words",
        "other_words",
        "subject_self",
        "subject_other",
        "subject_you",
    }
)
RULE_KEYS = frozenset(
    {"tier", "patterns", "unless", "unless_in", "kind", "person", "past", "timing", "note"}
)
UNLESS_SCOPES = ("clause", "sentence")

_MACRO = re.compile(r"\{([a-z_]+)\}")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SOURCE_DOUBLES = re.compile(r"(?<!\\)([a-z])\1+")
_TEXT_DOUBLES = re.compile(r"([a-z])\1+")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_TOKEN = re.compile(r"[a-z0-9]+")
_ESCAPE_OR_TEXT = re.compile(r"\\.|[^\\]+", re.DOTALL)
FINDER_STRENGTH = 4


class LexiconError(ValueError):
    """A phrase file is malformed; raised when the file is loaded, never while screening."""


def fold(text: str) -> str:
    """Lower-case and strip accents, the way both text and patterns are compared."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def fold_pattern(pattern: str) -> str:
    """fold() for a regex: escapes such as \\S or \\W keep their case (and meaning)."""
    return _ESCAPE_OR_TEXT.sub(
        lambda m: m.group() if m.group().startswith("\\") else fold(m.group()), pattern
    )


def collapse(text: str) -> str:
    """Squeeze every run of a repeated letter to one ("goodbye" -> "godbye")."""
    return _TEXT_DOUBLES.sub(r"\1", text)


@dataclass(frozen=True)
class Matcher:
    """A compiled regex, run only when and where the text has the words its patterns need."""

    regex: re.Pattern[str]
    gates: tuple[Gate, ...] | None  # None: no word is certain, always run
    finder: re.Pattern[str] | None  # finds those words fast, to pick the sentences to scan

    def finditer(self, text: str, index: WordIndex) -> Iterable[re.Match[str]]:
        return self.regex.finditer(text) if passes(self.gates, index) else ()

    def search(self, text: str) -> re.Match[str] | None:
        """Search a short text (a clause) directly."""
        return self.regex.search(text)


@dataclass(frozen=True)
class Rule:
    id: str
    tier: int
    matchers: tuple[Matcher, Matcher]  # for the plain form, for the collapsed form
    unless: tuple[Matcher, Matcher] | None
    unless_sentence: bool  # `unless` looks at the whole sentence, not only the clause
    kind: str | None
    person: str
    past: bool
    timing: bool


@dataclass(frozen=True)
class Rewrites:
    """Short forms to long ones ("can't" -> "can not"), as whole words."""

    table: Mapping[str, str]
    tokens: Mapping[str, frozenset[str]]  # each key's words ("can't": {"can", "t"})
    regexes: Mapping[str, re.Pattern[str]]  # each key, longest first

    def apply(self, text: str, index: WordIndex) -> tuple[str, WordIndex]:
        """The rewritten text, and `index` plus the words the rewrites brought in."""
        added = []
        for key, regex in self.regexes.items():
            if self.tokens[key] <= index.words:  # only keys whose words are all there
                text, count = regex.subn(partial(self._replace, key=key), text)
                if count:
                    added.append(self.table[key])
        return text, index.plus(" ".join(added)) if added else index

    def _replace(self, match: re.Match[str], *, key: str) -> str:
        # The regex has no look-behind, so that it scans fast; check the left edge here.
        start, text = match.start(), match.string
        if start and (text[start - 1].isalnum() or text[start - 1] in "_'"):
            return match.group()
        return self.table[key]


@dataclass(frozen=True)
class Lexicon:
    language: str
    rules: tuple[Rule, ...]  # every rule but the weak cues
    cues: tuple[Rule, ...]  # weak cues: only looked for once a rule above has matched
    vocabulary: frozenset[str]  # every word written in a rule's patterns
    squeezed_vocabulary: frozenset[str]  # the same with doubled letters squeezed
    context: Mapping[str, tuple[Matcher, Matcher] | None]
    rewrites: tuple[Rewrites, Rewrites] | None
    conjunctions: tuple[re.Pattern[str], re.Pattern[str]]


@cache
def available_languages() -> frozenset[str]:
    return frozenset(path.stem for path in LEXICON_DIR.glob("*.toml"))


def resolve_language(language: str) -> str:
    """The phrase file for a language tag ("es-MX" -> "es"); English when there is none."""
    code = str(language).strip().lower().replace("_", "-").split("-")[0]
    if _LANGUAGE_CODE.fullmatch(code) and code in available_languages():
        return code
    return DEFAULT_LANGUAGE


@cache
def load_lexicon(language: str) -> Lexicon:
    """Compile `lexicon/<language>.toml`; cached, so each file is read once per process."""
    if not _LANGUAGE_CODE.fullmatch(language):
        raise LexiconError(f"Not a language code: {language!r}")
    path = LEXICON_DIR / f"{language}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path.name}: {exc}") from exc
    return _compile_lexicon(language, data)


def _compile_lexicon(language: str, data: Mapping[str, Any]) -> Lexicon:
    macros = {str(k): _str(v, f"macros.{k}") for k, v in dict(data.get("macros", {})).items()}
    context_data = dict(data.get("context", {}))
    unknown = set(context_data) - CONTEXT_KEYS - {"conjunctions"}
    if unknown:
        raise LexiconError(f"{language}: unknown [context] keys {sorted(unknown)}")
    context = {
        key: _matchers(_strs(context_data.get(key, []), f"context.{key}"), macros, key)
        for key in CONTEXT_KEYS
    }
    conjunctions = _strs(context_data.get("conjunctions", []), "context.conjunctions")
    defaults = dict(data.get("defaults", {}))
    rules = tuple(_compile_rules(language, dict(data.get("rules", {})), macros, defaults))
    vocabulary = frozenset(
        word
        for group in dict(data.get("rules", {})).values()
        for spec in dict(group).values()
        for pattern in _strs(dict(spec).get("patterns", []), "patterns")
        for word in _TOKEN.findall(_expand(fold_pattern(pattern), macros, "vocabulary"))
    )
    # Cues of tier none that are not means, farewell or finality (see screening._screen_form).
    weak = tuple(r for r in rules if r.tier == 0 and r.kind not in STRONG_CUES)
    return Lexicon(
        language=language,
        rules=tuple(r for r in rules if r not in weak),
        cues=weak,
        context=context,
        vocabulary=vocabulary,
        squeezed_vocabulary=frozenset(collapse(w) for w in vocabulary),
        rewrites=_compile_rewrites(dict(data.get("rewrites", {}))),
        conjunctions=_conjunction_splitters(conjunctions),
    )


def _compile_rules(
    language: str,
    groups: Mapping[str, Any],
    macros: Mapping[str, str],
    defaults: Mapping[str, Any],
) -> Iterable[Rule]:
    for group, members in groups.items():
        if not isinstance(members, dict):
            raise LexiconError(f"rules.{group} must be a table of rules")
        for name, spec in members.items():
            rule_id = f"{language}.{group}.{name}"
            if not isinstance(spec, dict) or set(spec) - RULE_KEYS:
                raise LexiconError(f"{rule_id}: must be a table using only {sorted(RULE_KEYS)}")
            spec = {**defaults, **spec}
            tier = spec.get("tier", "none")
            kind = spec.get("kind")
            person = spec.get("person", "any")
            unless_in = spec.get("unless_in", "clause")
            if tier not in TIER_NAMES:
                raise LexiconError(f"{rule_id}: tier must be one of {TIER_NAMES}")
            if kind is not None and kind not in CUE_KINDS:
                raise LexiconError(f"{rule_id}: kind must be one of {sorted(CUE_KINDS)}")
            if unless_in not in UNLESS_SCOPES:
                raise LexiconError(f"{rule_id}: unless_in must be one of {UNLESS_SCOPES}")
            if person not in PERSONS:
                raise LexiconError(f"{rule_id}: person must be one of {sorted(PERSONS)}")
            if tier == "none" and kind is None:
                raise LexiconError(f"{rule_id}: a rule of tier none must have a kind")
            matchers = _matchers(_strs(spec.get("patterns"), rule_id), macros, rule_id)
            if matchers is None:
                raise LexiconError(f"{rule_id}: needs at least one pattern")
            yield Rule(
                id=rule_id,
                tier=TIER_NAMES.index(tier),
                matchers=matchers,
                unless=_matchers(_strs(spec.get("unless", []), rule_id), macros, rule_id),
                unless_sentence=unless_in == "sentence",
                kind=kind,
                person=person,
                past=bool(spec.get("past", False)),
                timing=bool(spec.get("timing", True)),
            )


def _matchers(
    patterns: Sequence[str], macros: Mapping[str, str], where: str
) -> tuple[Matcher, Matcher] | None:
    if not patterns:
        return None
    sources = [_expand(fold_pattern(p), macros, where) for p in patterns]
    return _matcher(sources, where), _matcher([_collapse_source(s) for s in sources], where)


def _matcher(sources: Sequence[str], where: str) -> Matcher:
    # Whole words only: no letter or digit may touch either end of a match.
    joined = "|".join(f"(?:{s})" for s in sources)
    try:
        regex = re.compile(rf"(?<![a-z0-9_])(?:{joined})(?![a-z0-9_])")
    except re.error as exc:
        raise LexiconError(f"{where}: bad pattern: {exc}") from exc
    gates = [gate_for(s) for s in sources]
    if any(g is None for g in gates):
        return Matcher(regex, None, None)
    certain = Gates(g for g in gates if g is not None)
    # Every match holds one of its gate's first-group words or prefixes; when those are rare
    # enough, finding them first picks the few sentences worth scanning.
    if min(gate[0].strength for gate in certain) < FINDER_STRENGTH:
        return Matcher(regex, certain, None)
    literals = certain.words | certain.prefixes
    finder = re.compile("|".join(re.escape(w) for w in sorted(literals, key=len, reverse=True)))
    return Matcher(regex, certain, finder)


def _expand(source: str, macros: Mapping[str, str], where: str, depth: int = 0) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise LexiconError(f"{where}: unknown macro {{{name}}}")
        return f"(?:{_expand(fold_pattern(macros[name]), macros, where, depth + 1)})"

    if depth > 5:
        raise LexiconError(f"{where}: macros nest too deeply")
    return _MACRO.sub(replace, source)


def _collapse_source(source: str) -> str:
    """The pattern as it reads once doubled letters are squeezed ("kill" -> "kil")."""
    return _SOURCE_DOUBLES.sub(r"\1", source)


def _compile_rewrites(table: Mapping[str, Any]) -> tuple[Rewrites, Rewrites] | None:
    if not table:
        return None
    plain = {fold(str(k)): fold(_str(v, f"rewrites.{k}")) for k, v in table.items()}
    collapsed = {collapse(k): collapse(v) for k, v in plain.items()}
    return _rewrites(plain), _rewrites(collapsed)


def _rewrites(table: Mapping[str, str]) -> Rewrites:
    keys = sorted((k for k in table if _TOKEN.search(k)), key=len, reverse=True)
    return Rewrites(
        table=dict(table),
        tokens={key: frozenset(_TOKEN.findall(key)) for key in keys},
        regexes={key: re.compile(re.escape(key) + r"(?![\w'])") for key in keys},
    )


def _conjunction_splitters(words: Sequence[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    folded = [fold(w) for w in words] or ["(?!)"]
    plain = "|".join(re.escape(w) for w in folded)
    collapsed = "|".join(re.escape(collapse(w)) for w in folded)
    return re.compile(rf" (?:{plain}) "), re.compile(rf" (?:{collapsed}) ")


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise LexiconError(f"{where}: expected a string")
    return value


def _strs(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where}: expected a list of strings")
    return list(value)
