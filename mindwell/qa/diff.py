"""Readable word-level diffs between revisions, as escaped HTML with <ins>/<del>."""

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> SafeString:
    """Escaped `new` with insertions in <ins> and deletions from `old` in <del>."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


@dataclass
class Step:
    revision: Any
    title: SafeString | None
    body: SafeString
    tags: SafeString | None
    category: SafeString | None
    changed: list[str]


def revision_steps(revisions: list[Any]) -> list[Step]:
    """Each revision with its diff against the previous one, newest first."""
    steps: list[Step] = []
    previous = None
    for rev in revisions:
        if previous is None:
            steps.append(
                Step(
                    rev,
                    escape(rev.title) if rev.title else None,
                    escape(rev.body),
                    escape(rev.tags) if rev.tags else None,
                    escape(rev.category_name) if rev.category_name else None,
                    ["original"],
                )
            )
        else:
            changed = [
                name
                for name in ("title", "body", "tags", "category_name")
                if getattr(rev, name) != getattr(previous, name)
            ]
            steps.append(
                Step(
                    rev,
                    word_diff(previous.title, rev.title) if rev.title else None,
                    word_diff(previous.body, rev.body),
                    word_diff(previous.tags, rev.tags) if rev.tags or previous.tags else None,
                    word_diff(previous.category_name, rev.category_name)
                    if rev.category_name
                    else None,
                    [c.replace("category_name", "category") for c in changed],
                )
            )
        previous = rev
    steps.reverse()
    return steps
