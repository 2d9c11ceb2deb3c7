"""Built artifacts kept in the repository (the screening models): write one, or check that
the committed copy is what the sources build (`make lint`).

The solvers' last digits are not repeatable from machine to machine (the same sources
gave weights up to 0.0035 apart in a fresh clone), so a gzipped JSON artifact that differs
in bytes is compared by content: the same keys, strings and shapes, numbers within
NUMBER_TOLERANCE. A changed corpus or vocabulary still fails the check."""

from __future__ import annotations

import gzip
import json
import math
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

NUMBER_TOLERANCE = 0.01


def write_or_check(save: Callable[[Path], None], path: Path, *, check: bool) -> str:
    """Save the artifact at `path`, or with `check` compare a fresh build with it; returns
    what to print, raises SystemExit when the committed copy differs."""
    if not check:
        save(path)
        return f"Wrote {path} ({path.stat().st_size:,} bytes)."
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / path.name
        save(fresh)
        same = path.exists() and (
            fresh.read_bytes() == path.read_bytes() or _same_content(fresh, path)
        )
    if not same:
        raise SystemExit(f"{path} is not what its sources build: run make model")
    return f"{path.name}: the committed copy is what its sources build."


def _same_content(fresh: Path, committed: Path) -> bool:
    if not fresh.name.endswith(".json.gz"):
        return False
    with gzip.open(fresh, "rt") as a, gzip.open(committed, "rt") as b:
        return close(json.load(a), json.load(b))


def close(a: Any, b: Any) -> bool:
    """Equal, but for numbers within NUMBER_TOLERANCE (absolute)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=0.0, abs_tol=NUMBER_TOLERANCE)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
