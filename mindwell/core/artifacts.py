"""Built artifacts kept in the repository (the screening models): write one, or check that
the committed copy is exactly what the sources build (`make lint`)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path


def write_or_check(save: Callable[[Path], None], path: Path, *, check: bool) -> str:
    """Save the artifact at `path`, or with `check` compare a fresh build with it; returns
    what to print, raises SystemExit when the committed copy differs."""
    if not check:
        save(path)
        return f"Wrote {path} ({path.stat().st_size:,} bytes)."
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / path.name
        save(fresh)
        same = path.exists() and fresh.read_bytes() == path.read_bytes()
    if not same:
        raise SystemExit(f"{path} is not what its sources build: run make model")
    return f"{path.name}: the committed copy is what its sources build."
