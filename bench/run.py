#!/usr/bin/env python3
"""Benchmark Mindwell: seed a large community, start the real server, measure it under load.

Runs on its own data: SQLite in var/bench/ (MINDWELL_VAR_DIR=var/bench), or, when DATABASE_URL
is set, a dedicated PostgreSQL database (a name without "bench" in it gets "_bench" appended, so
the developer's database is never touched; it is created when missing). Migrates, seeds when the
database does not hold the wanted size, collects static files, starts gunicorn with the settings
of scripts/run.sh on a free port of 127.0.0.1, runs each scenario for a fixed time with a
keep-alive HTTP load generator, prints a table and writes bench/results/<timestamp>.json.
`--search` runs the search benchmark instead (bench/search.py, its own data and options).
See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import secrets
import shlex
import shutil
import signal
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from bench.harness import (  # noqa: E402
    OTHER_CORES_WARNING,
    RESULTS_DIR,
    CpuMeter,
    Server,
    _terminate,
    bench_env,
    check_urls,
    data_sizes,
    database_description,
    log,
    python_load,
    wait_until_idle,
    wrk_load,
)

SCENARIOS = (
    "question", "question-32", "home", "tag", "questions-hot", "unanswered", "revalidate",
    "member-question", "member-home", "member-tag", "vote",
)  # fmt: skip
FIXED_CONCURRENCY = {"question-32": 32}  # the question pages under many more connections
SHARED_SCALE = 10.0  # this size is the search benchmark's community: seeded once for both
# Scenarios wrk cannot play: the voters' (a form post per member and network) and the
# returning visitors' (If-None-Match with the ETag each page gave: wrk sent plain GETs, and
# the row measured pages served whole, not revalidations).
PYTHON_ONLY = ("vote", "revalidate")
VOTERS = 50  # the vote scenario: this many members at once, each on its own network
MEMBERS = 8  # signed-in members of the member-* scenarios (one per client thread, cycled)
# The voters are other members than those: the votes a run leaves behind would otherwise
# change what the next run's member pages cost (their own votes marked on each page).
VOTERS_FROM = 100


# Environment and database -----------------------------------------------------------------


def prepare_database(*, scale: float, seed_value: int, reseed: bool) -> dict[str, Any]:
    """Migrate, seed when the size differs from the wanted one, collect static files."""
    from django.core.management import call_command
    from django.db import connection

    from bench import seed
    from mindwell.qa.models import Question

    log("migrating")
    call_command("migrate", interactive=False, verbosity=0)
    wanted = seed.sizes_for(scale)["questions"]
    have = Question.objects.count()
    seeding: dict[str, Any] = {"seeded": False}
    if reseed or have != wanted:
        if not seed.database_is_empty():
            log(f"emptying the bench database ({have} questions, {wanted} wanted)")
            call_command("flush", interactive=False, verbosity=0)
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM")
        log(f"seeding scale {scale} ({wanted} questions)")
        seeding = {"seeded": True, **seed.seed(scale=scale, seed=seed_value, log=log)}
    else:
        log(f"the bench database already has {have} questions: not seeding")
    log("collecting static files")
    call_command("collectstatic", interactive=False, verbosity=0)
    return seeding


def scenario_urls(rng: random.Random) -> dict[str, list[str]]:
    """The URLs of each scenario, picked deterministically; a request picks one at random."""
    from django.urls import reverse

    from mindwell.qa.models import Question, Status
    from mindwell.taxonomy.models import Tag

    published = Question.objects.filter(status=Status.PUBLISHED)
    busiest = list(published.order_by("-answer_count", "id").values_list("id", "slug")[:10])
    busy_ids = {pk for pk, _ in busiest}
    others = [row for row in published.order_by("id").values_list("id", "slug")
              if row[0] not in busy_ids]  # fmt: skip
    picked = busiest + rng.sample(others, min(190, len(others)))
    questions = [
        reverse("qa:question_detail", kwargs={"question_id": pk, "slug": slug})
        for pk, slug in picked
    ]
    popular = Tag.objects.filter(question_count__gt=0).order_by("-question_count", "name")
    tags = [
        f"/tags/{quote(name, safe='')}/" for name in popular.values_list("name", flat=True)[:20]
    ]

    def pages(path: str, joiner: str) -> list[str]:
        # The first page is what most visitors see; pages 2-5 vary the rows read.
        return [path] * 4 + [f"{path}{joiner}page={n}" for n in range(2, 6)]

    return {
        "question": questions,
        "question-32": questions,
        "home": pages("/", "?"),
        "tag": tags,
        "questions-hot": pages("/questions/?sort=hot", "&"),
        "unanswered": pages("/unanswered/", "?"),
        # Returning visitors whose browsers revalidate (If-None-Match) the question pages
        # and lists they have seen: 304 without rendering while nothing changed.
        "revalidate": questions[:10] + pages("/", "?")[3:] + tags[:5],
        # Signed-in members (their own header, votes and controls on each page).
        "member-question": questions,
        "member-home": pages("/", "?"),
        "member-tag": tags,
        # Members voting (up, and withdrawing where they voted) on answers of others.
        "vote": [f"/vote/answer/{pk}/" for pk in votable_answers()],
    }


def voter_ids() -> list[int]:
    """The vote scenario's members."""
    from django.contrib.auth import get_user_model

    members = get_user_model().objects.filter(is_active=True).order_by("id")
    return list(members.values_list("id", flat=True)[VOTERS_FROM : VOTERS_FROM + VOTERS])


def votable_answers() -> list[int]:
    """Published answers that none of the voters wrote (a vote on one's own is refused)."""
    from mindwell.qa.models import Answer, Status

    answers = Answer.objects.filter(status=Status.PUBLISHED, question__status=Status.PUBLISHED)
    return list(
        answers.exclude(author__in=voter_ids()).order_by("id").values_list("id", flat=True)[:500]
    )


def forget_rate_counts() -> None:
    """Empty the bench database's hourly rate counters: the vote scenario's 50 members vote
    about 100 times each a run, so a second run within the hour met the limit of 300 votes
    an hour and measured refusals (3,746 of 3,746 votes were 429s in one such run)."""
    from mindwell.core.models import RateCounter

    RateCounter.objects.all().delete()


def withdraw_bench_votes() -> None:
    """Remove the vote scenario's voters' votes, so every run starts from the same state: a
    voter's "up" on an answer it voted up in an earlier run changes nothing (no writes) and
    made later runs look cheaper (5.3 ms of CPU a vote against 11.9 ms on fresh data). The
    answers' counts are recounted from the votes left."""
    from mindwell.importers.common import vote_count
    from mindwell.qa.models import Answer, Vote

    theirs = Vote.objects.filter(voter_id__in=voter_ids(), answer__isnull=False)
    touched = set(theirs.values_list("answer_id", flat=True))
    if not touched:
        return
    theirs.delete()
    up, down = vote_count(Answer, 1), vote_count(Answer, -1)  # as an importer recounts
    Answer.objects.filter(pk__in=touched).update(upvotes=up, downvotes=down, score=up - down)


def member_cookies(count: int, start: int = 10) -> list[str]:
    """Session cookies of `count` bench members (from the `start`-th), signed in as the login
    page would."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    cookies = []
    for user in (
        get_user_model().objects.filter(is_active=True).order_by("id")[start : start + count]
    ):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
    return cookies


# Server ----------------------------------------------------------------------------------------


# Load generators -----------------------------------------------------------------------------


# Report ----------------------------------------------------------------------------------------

COLUMNS = ("scenario", "requests", "errors", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms")


def table(rows: list[dict[str, Any]]) -> str:
    cells = [list(COLUMNS)] + [
        [r["scenario"], f"{r['requests']}", f"{r['errors']}", f"{r['rps']:.1f}",
         f"{r['p50_ms']:.1f}", f"{r['p90_ms']:.1f}", f"{r['p99_ms']:.1f}", f"{r['max_ms']:.1f}"]
        for r in rows
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]

    def line(row: list[str]) -> str:
        padded = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 1) + (":" if i else "-") for i, w in enumerate(widths)) + "|"
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def header(meta: dict[str, Any]) -> str:
    db, sizes = meta["database"], meta["data"]
    kinds = ("members", "questions", "answers", "comments", "votes", "tags", "categories")
    data = ", ".join(f"{sizes[k]:,} {k}" for k in kinds)
    return "\n".join([
        f"Mindwell bench, {meta['started']}",
        f"database: {db['vendor']} {db['version']} ({db['name']}), cache: {meta['cache']}",
        f"data: {data}",
        f"load: {meta['load_generator']}, concurrency {meta['concurrency']}, "
        f"{meta['duration']:g} s per scenario after {meta['warmup']:g} s warm-up",
        f"machine: {meta['cores']} cores, load average {meta['load_average']:.2f} before the "
        f"run, {meta['platform']}, Python {meta['python']}",
        f"server: {meta['server']}",
    ] + ([f"seeding: {meta['seeding']['seconds']} s (this run)"]
         if meta["seeding"].get("seeded") else []))  # fmt: skip


def footer(rows: list[dict[str, Any]], cores: int | None) -> str:
    """CPU per request, and a warning when other processes competed for the CPU."""
    measured = [r for r in rows if r.get("server_cpu_ms_per_request") is not None]
    if not measured:
        return ""
    per = ", ".join(f"{r['scenario']} {r['server_cpu_ms_per_request']:.1f}" for r in measured)
    lines = [f"CPU per request, ms (user+system): gunicorn: {per}"]
    if any(r["database_cpu_ms_per_request"] for r in measured):
        per = ", ".join(f"{r['scenario']} {r['database_cpu_ms_per_request']:.1f}" for r in measured)
        lines.append(f"CPU per request, ms (user+system): PostgreSQL: {per}")
    disturbed = [f"{r['scenario']} ({r['cpu']['other_cores']:.2f})" for r in measured
                 if r["cpu"]["other_cores"] > OTHER_CORES_WARNING]  # fmt: skip
    if disturbed:
        lines.append(
            f"WARNING: other processes used CPU (cores of {cores}) during: {', '.join(disturbed)}; "
            "their req/s and latencies are disturbed, CPU per request much less so. "
            "Rerun on an idle machine to compare."
        )
    else:
        other = max(r["cpu"]["other_cores"] for r in measured)
        lines.append(f"other processes: at most {other:.2f} cores busy during the measurements")
    return "\n".join(lines)


# Main ------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    add = parser.add_argument
    add("--scale", type=float, default=1.0, help="data size, 1.0 = 10,000 questions (default)")
    add("--duration", type=float, default=10.0, help="measured seconds per scenario (10)")
    add("--warmup", type=float, default=2.0, help="unmeasured seconds before each (2)")
    add("--concurrency", type=int, default=8, help="simultaneous connections (8)")
    add("--workers", type=int, default=3, help="gunicorn worker processes (3, as run.sh)")
    add("--threads", type=int, default=1, help="gunicorn threads per worker (1, as run.sh)")
    add("--scenarios", default=",".join(SCENARIOS), help=f"comma-separated: {','.join(SCENARIOS)}")
    add("--seed", type=int, default=42, help="random seed of the data and the URL choice")
    add("--reseed", action="store_true", help="empty and seed the bench database again")
    add("--wrk", action="store_true", help="use wrk (when on PATH) instead of the Python client")
    add("--search", action="store_true", help="run the search benchmark (bench/search.py --help)")
    add("--output", type=Path, help="write the results there (default bench/results/<time>.json)")
    add(
        "--wait-idle",
        type=float,
        default=30.0,
        metavar="S",
        help="before each scenario, wait up to S seconds for other processes to go quiet (30)",
    )
    args = parser.parse_args(argv)
    unknown = set(args.scenarios.split(",")) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    if args.duration <= 0 or args.warmup < 0 or not 1 <= args.concurrency <= 256:
        parser.error("need --duration > 0, --warmup >= 0 and 1 <= --concurrency <= 256")
    if args.scale <= 0 or args.workers < 1 or args.threads < 1:
        parser.error("need --scale > 0, --workers >= 1 and --threads >= 1")
    return args


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # BENCH_ARGS: options through `make bench`, e.g. BENCH_ARGS=--search
        argv = sys.argv[1:] + shlex.split(os.environ.get("BENCH_ARGS", ""))
    if "--search" in argv:  # its own data and options: bench/search.py
        sys.path.insert(0, str(ROOT))
        from bench import search

        return search.main([a for a in argv if a != "--search"])
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)  # so that `finally` stops the server
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C, even if inherited off
    started = datetime.now(UTC)
    load_average = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    shared = args.scale == SHARED_SCALE
    if shared:  # the search benchmark's data (bench/search.py), seeded with its text
        from bench import search

        search.SEARCH_VAR.mkdir(parents=True, exist_ok=True)
        env = bench_env(search.SEARCH_VAR, search.DATABASE_SUFFIX)
    else:
        env = bench_env()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections

    if shared:
        state = search.prepare_database(
            argparse.Namespace(scale=args.scale, seed=args.seed, reseed=args.reseed,
                               reindex=False, wait_idle=args.wait_idle)
        )  # fmt: skip
        seeding = {"seeded": state["seeded_this_run"], **state.get("seeding", {})}
    else:
        seeding = prepare_database(scale=args.scale, seed_value=args.seed, reseed=args.reseed)
    sizes, database = data_sizes(), database_description()
    all_urls = scenario_urls(random.Random(args.seed))
    scenarios = {name: all_urls[name] for name in args.scenarios.split(",")}
    cookies = member_cookies(MEMBERS) if any(n.startswith("member-") for n in scenarios) else []
    voters = (
        [
            (cookie, secrets.token_hex(16), f"10.{i // 250}.{i % 250}.7")
            for i, cookie in enumerate(member_cookies(VOTERS, VOTERS_FROM))
        ]
        if "vote" in scenarios
        else []
    )
    if voters:
        forget_rate_counts()
        withdraw_bench_votes()
    connections.close_all()

    postgres_name = database["name"] if database["vendor"] == "postgresql" else None
    use_wrk = bool(args.wrk and shutil.which("wrk"))
    if args.wrk and not use_wrk:
        log("wrk is not on PATH: using the Python load generator")
    load = wrk_load if use_wrk else python_load
    server = Server(env=env, workers=args.workers, threads=args.threads)
    meta: dict[str, Any] = {
        "started": started.strftime("%Y-%m-%d %H:%M UTC"),
        "database": database,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "data": sizes,
        "seeding": seeding,
        "scale": args.scale,
        "load_generator": "wrk" if use_wrk else "Python client (threads, keep-alive)",
        "concurrency": args.concurrency,
        "duration": args.duration,
        "warmup": args.warmup,
        "cores": os.cpu_count(),
        "load_average": load_average,
        "platform": platform.platform(terse=True),
        "python": platform.python_version(),
        "server": server.settings,
        "urls": scenarios,
    }
    rows: list[dict[str, Any]] = []
    stop = threading.Event()
    try:
        server.start()
        log(f"checking {sum(len(set(u)) for u in scenarios.values())} URLs")
        if bad := check_urls(server.port, {n: u for n, u in scenarios.items() if n != "vote"}):
            log(f"{len(bad)} URLs do not answer 200, e.g.: " + "; ".join(bad[:5]))
        meta["bad_urls"] = bad
        for name, urls in scenarios.items():
            if args.wait_idle > 0:
                wait_until_idle(args.wait_idle)
            log(f"scenario {name}: {len(urls)} URLs, {args.warmup:g} s warm-up + "
                f"{args.duration:g} s")  # fmt: skip
            result = (python_load if name.startswith("member-") or name in PYTHON_ONLY else load)(
                port=server.port, name=name, urls=urls,
                concurrency=VOTERS if name == "vote"
                else FIXED_CONCURRENCY.get(name, args.concurrency),
                duration=args.duration, warmup=args.warmup, seed_value=args.seed, stop=stop,
                meter=CpuMeter(server.proc.pid if server.proc else None, postgres_name),
                cookies=cookies if name.startswith("member-") else None,
                voters=voters if name == "vote" else None,
            )  # fmt: skip
            rows.append(result.row())
            if result.samples:
                log(f"  not 200: {dict(result.statuses)}, e.g. {result.samples}")
        meta["memory_mib"] = server.memory()
    except KeyboardInterrupt:
        stop.set()
        log("interrupted")
        return 130
    finally:
        stop.set()
        server.stop()
        if server.tail() and any(r["errors"] for r in rows):
            log(f"gunicorn log ({server.log_path.relative_to(ROOT)}):\n{server.tail(15)}")

    print()
    print(header(meta))
    print()
    print(table(rows))
    if notes := footer(rows, meta["cores"]):
        print(notes)
    if memory := meta.get("memory_mib"):
        print(
            f"memory after the run, PSS MiB: total {memory['total']:.0f} (gunicorn master "
            f"{memory['master']:.0f}, {memory['web worker count']} web workers "
            f"{memory['web workers']:.0f}, task worker {memory['task worker']:.0f})"
        )
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = args.output or RESULTS_DIR / f"{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps({"meta": meta, "results": rows}, indent=2, default=str) + "\n")
    print(f"\nresults: {path.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
