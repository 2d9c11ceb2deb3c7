"""What the import benchmarks (q2a_import.py, se_import.py) share: the words their
generated posts are made of, and a fresh Mindwell database to import into, timed."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = [
    "sleep",
    "anxiety",
    "worry",
    "partner",
    "family",
    "friend",
    "work",
    "school",
    "therapy",
    "grief",
    "panic",
    "calm",
    "breathe",
    "talk",
    "listen",
    "trust",
    "boundary",
    "habit",
    "morning",
    "night",
    "journal",
    "walk",
    "feel",
    "tired",
    "hope",
    "change",
    "help",
    "plan",
    "small",
    "step",
    "week",
    "month",
    "doctor",
    "sister",
    "brother",
    "parent",
    "child",
    "move",
    "city",
    "job",
    "money",
]


def fresh_database(var: Path, suffix: str) -> dict[str, str]:
    """The environment of a fresh, migrated Mindwell database: PostgreSQL
    `<name>_<suffix>` when DATABASE_URL names a PostgreSQL server (dropped and created),
    else SQLite in `var` (its database file removed first)."""
    env = dict(os.environ)
    if env.get("DATABASE_URL", "").startswith("postgres"):
        base, name = env["DATABASE_URL"].rsplit("/", 1)
        name += f"_{suffix}"
        env["DATABASE_URL"] = f"{base}/{name}"
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False
        )
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    else:
        var.mkdir(parents=True, exist_ok=True)
        for name in ("mindwell.sqlite3", "mindwell.sqlite3-wal", "mindwell.sqlite3-shm"):
            (var / name).unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{var / 'mindwell.sqlite3'}"
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    return env


def timed_import(command: list[str], env: dict[str, str], what: str) -> None:
    """Run `manage.py <command>` (it prints its own report) and print the wall-clock
    time, the database and the load average before the run."""
    load = os.getloadavg()
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print(
        f"\n{what}: {seconds:.0f} s wall clock ({database}; load average before "
        f"{load[0]:.2f} on {os.cpu_count()} CPUs), peak memory of the largest child "
        f"{peak:.0f} MB"
    )
