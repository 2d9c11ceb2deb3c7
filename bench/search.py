#!/usr/bin/env python3
"""Search benchmark: full-text search latency on a large community, and indexing throughput.

Seeds its own community (scale 10 by default: 100,000 questions, 300,000 answers, 200,000
comments) with unique, Zipf-distributed text (bench/search_text.py) into its own database
(SQLite in var/bench-search/, or the PostgreSQL bench database with "_search" appended), times
`rebuild_index()` (what `manage.py rebuild_search_index` runs), then measures search latency
for one-word, multi-word, phrase and prefix queries twice: in-process (selectors.search(), the
database time plus Python) and over HTTP (GET /search/?q=... on gunicorn, as bench/run.py).
Run it as `python bench/run.py --search [options]` or `python bench/search.py [options]`.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import random
import re
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import harness as bench_run  # noqa: E402
from bench import seed as bench_seed  # noqa: E402
from bench.search_text import FUNCTION_WORDS, SearchTexts, check_html  # noqa: E402

SEARCH_VAR = ROOT / "var" / "bench-search"
DATABASE_SUFFIX = "_search"
CLASSES = ("one-word", "multi-word", "phrase", "prefix")
BANDS = ("common", "medium", "rare")
# Content-word ranks (1 = the most frequent) of the one-word and prefix bands.
BAND_RANKS = {"common": (1, 50), "medium": (200, 1000), "rare": (2500, 10**9)}
TARGET_P95_MS = 50.0
TARGET_REPEATED_RPS = 600.0  # a repeated popular query over HTTP (issue 14: 10x Q2A)
SAMPLE_DOCUMENTS = 3000  # documents read to pick multi-word, phrase and typo queries from
log = bench_run.log


# Code under test ---------------------------------------------------------------------------------


def code_fingerprint() -> dict[str, Any]:
    """A digest of mindwell/search/ (the code measured), and its newest file: other people edit
    the app while benchmarks run, so the tables say which code they measured."""
    import hashlib

    digest = hashlib.sha256()
    newest = (0.0, "")
    for path in sorted((ROOT / "mindwell" / "search").rglob("*.py")):
        if "tests" in path.parts:
            continue
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
        newest = max(newest, (path.stat().st_mtime, str(path.relative_to(ROOT))))
    modified = datetime.fromtimestamp(newest[0], UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return {"sha256": digest.hexdigest()[:12], "newest": newest[1], "modified": modified}


# Data ------------------------------------------------------------------------------------------


def state_path() -> Path:
    """Where the seeding and indexing numbers of this database are kept between runs."""
    from django.conf import settings
    from django.db import connection

    name = Path(str(settings.DATABASES["default"]["NAME"])).stem
    return SEARCH_VAR / f"state-{connection.vendor}-{name}.json"


def load_state() -> dict[str, Any]:
    try:
        return dict(json.loads(state_path().read_text()))
    except (OSError, ValueError):
        return {}


def save_state(state: dict[str, Any]) -> None:
    state_path().write_text(json.dumps(state, indent=2) + "\n")


def post_counts() -> dict[str, int]:
    from mindwell.qa.models import Answer, Comment, Question, Status

    return {
        "questions": Question.objects.filter(status=Status.PUBLISHED).count(),
        "answers": Answer.objects.filter(status=Status.PUBLISHED).count(),
        "comments": Comment.objects.filter(status=Status.PUBLISHED).count(),
    }


def index_size() -> dict[str, int]:
    """Bytes of the full-text index (and of the documents' table)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT coalesce(sum(length(block)), 0) FROM search_fts_data")
            fts = cursor.fetchone()[0]
            cursor.execute("SELECT coalesce(sum(length(body)), 0) FROM search_searchdocument")
            return {"index_bytes": int(fts), "document_text_bytes": int(cursor.fetchone()[0])}
        cursor.execute(
            "SELECT pg_relation_size('search_vector_gin'), "
            "pg_total_relation_size('search_searchdocument')"
        )
        gin, table = cursor.fetchone()
        return {"index_bytes": int(gin), "table_bytes_with_toast": int(table)}


def measure_indexing(wait_idle: float) -> dict[str, Any]:
    """rebuild_index() (the rebuild_search_index command) on the whole community, timed."""
    from django.conf import settings
    from django.db import connection

    from mindwell.search.services import rebuild_index

    posts = post_counts()
    if wait_idle > 0:
        bench_run.wait_until_idle(wait_idle)
    log(f"rebuilding the search index: {posts['questions']:,} questions, "
        f"{posts['answers']:,} answers, {posts['comments']:,} comments")  # fmt: skip
    postgres = settings.DATABASES["default"]["NAME"] if connection.vendor == "postgresql" else None
    meter = bench_run.CpuMeter(None, postgres)
    meter.start()
    started = time.perf_counter()
    count, _ = rebuild_index()
    seconds = time.perf_counter() - started  # with the commit, which rebuild_index() omits
    meter.stop()
    total = sum(posts.values())
    found: dict[str, Any] = {
        "documents": count,
        **posts,
        "posts": total,
        "seconds": round(seconds, 1),
        "questions_per_s": round(count / seconds),
        "posts_per_s": round(total / seconds),
        "measured": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": meter.report,
    }
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk change: statistics for the planner, the GIN
        # pending list merged. Not part of the rebuild's time.
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchdocument")
        found["vacuum_analyze_s"] = round(time.perf_counter() - started, 1)
    found.update(index_size())
    log(f"  indexed in {seconds:.1f} s: {found['questions_per_s']:,} questions/s, "
        f"{found['posts_per_s']:,} posts/s")  # fmt: skip
    return found


def prepare_database(args: argparse.Namespace) -> dict[str, Any]:
    """Migrate; seed when the data is not this generator's at this size; index when the
    index is incomplete (or --reindex); collect static files. Returns the state."""
    from django.core.management import call_command
    from django.db import connection

    from mindwell.qa.models import Answer, Question
    from mindwell.search.models import SearchDocument

    log("migrating")
    call_command("migrate", interactive=False, verbosity=0)
    sizes = bench_seed.sizes_for(args.scale)
    fingerprint = SearchTexts(args.seed).fingerprint()
    have = (Question.objects.count(), Answer.objects.count())
    first_title = Question.objects.filter(pk=1).values_list("title", flat=True).first()
    state = load_state()
    seeded = False
    if args.reseed or have != (sizes["questions"], sizes["answers"]) or first_title != fingerprint:
        if not bench_seed.database_is_empty():
            log(f"emptying the search bench database ({have[0]:,} questions, {have[1]:,} "
                f"answers; {sizes['questions']:,} and {sizes['answers']:,} of the search "
                "text wanted)")  # fmt: skip
            call_command("flush", interactive=False, verbosity=0)
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM")
        bad = check_html(SearchTexts(args.seed + 1))
        if bad:
            raise RuntimeError(f"generated HTML differs from core.markdown.render: {bad[:3]}")
        log(f"seeding scale {args.scale:g} ({sizes['questions']:,} questions) with search text")
        counts = bench_seed.seed(
            scale=args.scale, seed=args.seed, log=log, texts=SearchTexts(args.seed)
        )
        state = {"seeding": counts, "seeded": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}
        save_state(state)
        seeded = True
    else:
        log(f"the search bench database already has {have[0]:,} questions: not seeding")
    documents = SearchDocument.objects.count()
    if args.reindex or seeded or "indexing" not in state or documents != post_counts()["questions"]:
        state["indexing"] = measure_indexing(args.wait_idle)
        state["indexed_this_run"] = True
        save_state(state)
    else:
        log(f"the search index has {documents:,} documents: not rebuilding (--reindex to time it)")
        state["indexed_this_run"] = False
    state["seeded_this_run"] = seeded
    log("collecting static files")
    call_command("collectstatic", interactive=False, verbosity=0)
    return state


# Queries ---------------------------------------------------------------------------------------

_SEGMENT = re.compile(r"[^.,?!;:\n]+")
_WORD = re.compile(r"[a-z]+")


@dataclass
class Query:
    text: str
    kind: str  # a class of CLASSES
    band: str = ""  # one-word and prefix: common, medium or rare


def _content(word: str, stop: set[str]) -> bool:
    return len(word) >= 3 and word not in stop


def query_sets(texts: SearchTexts, n: int, seed: int) -> dict[str, list[Query]]:
    """n queries per class, picked deterministically: one-word and prefix from the ranked
    vocabulary (a third common, medium and rare; half the rare ones are typos found in the
    posts), multi-word (2-3 words of one document) and phrases (two adjacent words of one
    document) from documents picked at random."""
    from mindwell.search import query as query_parser
    from mindwell.search.models import SearchDocument

    rng = random.Random(f"{seed}:search-queries")
    stop = set(FUNCTION_WORDS) | set(query_parser.STOPWORDS)
    vocabulary = set(texts.content_words) | stop
    ids = list(SearchDocument.objects.order_by("pk").values_list("pk", flat=True))
    picked = sorted(rng.sample(ids, min(SAMPLE_DOCUMENTS, len(ids))))
    segments: list[list[list[str]]] = []  # per document, its runs of words between punctuation
    for title, body in SearchDocument.objects.filter(pk__in=picked).values_list("title", "body"):
        text = f"{title}\n{body}".lower()
        segments.append([_WORD.findall(s) for s in _SEGMENT.findall(text)])
    typos = sorted({w for doc in segments for seg in doc for w in seg
                    if len(w) >= 4 and w not in vocabulary})  # fmt: skip

    def ranked(band: str, min_len: int = 1) -> str:
        low, high = BAND_RANKS[band]
        words = [w for w in texts.content_words[low - 1 : high] if len(w) >= min_len]
        return rng.choice(words)

    def one_word(i: int) -> Query:
        band = BANDS[i % 3]
        if band == "rare" and typos and rng.random() < 0.5:
            return Query(rng.choice(typos), "one-word", band)
        return Query(ranked(band), "one-word", band)

    def multi_word(_: int) -> Query:
        while True:
            doc = rng.choice(segments)
            words = [w for seg in doc for w in seg if _content(w, stop)]
            k = rng.choice((2, 2, 3))
            distinct = list(dict.fromkeys(rng.sample(words, min(len(words), 3 * k))))[:k]
            if len(distinct) == k:
                return Query(" ".join(distinct), "multi-word")

    def phrase(_: int) -> Query:
        while True:
            doc = rng.choice(segments)
            pairs = [(a, b) for seg in doc for a, b in itertools.pairwise(seg)
                     if _content(a, stop) and _content(b, stop) and a != b]  # fmt: skip
            if pairs:
                a, b = rng.choice(pairs)
                return Query(f'"{a} {b}"', "phrase")

    def prefix(i: int) -> Query:
        band = BANDS[i % 3]
        word = ranked(band, min_len=5)
        return Query(word[: rng.choice((3, 4))] + "*", "prefix", band)

    makers: dict[str, Callable[[int], Query]] = {
        "one-word": one_word, "multi-word": multi_word, "phrase": phrase, "prefix": prefix,
    }  # fmt: skip
    return {kind: [makers[kind](i) for i in range(n)] for kind in CLASSES}


# Measurement -----------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest rank, as bench/run.py."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))]


@dataclass
class Timings:
    name: str
    seconds: list[float] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    cpu: dict[str, float] | None = None

    def row(self) -> dict[str, Any]:
        ms = [s * 1000 for s in self.seconds]
        p95 = percentile(ms, 95)
        return {
            "class": self.name,
            "queries": len(ms),
            "p50_ms": round(percentile(ms, 50), 1),
            "p95_ms": round(p95, 1),
            "p99_ms": round(percentile(ms, 99), 1),
            "max_ms": round(max(ms, default=float("nan")), 1),
            "mean_total": round(sum(self.totals) / len(self.totals)) if self.totals else 0,
            "no_hits": sum(1 for t in self.totals if not t),
            "pass": p95 < TARGET_P95_MS,
            "cpu": self.cpu,
        }


def measure_in_process(
    queries: dict[str, list[Query]], *, warmup: int, wait_idle: float, postgres: str | None
) -> list[dict[str, Any]]:
    """selectors.search(text) for every query of each class, one after the other, timed;
    the shared cache is emptied first (what the code keeps per query text there, such as
    PostgreSQL's estimate of the matches, is not there for a query nobody asked yet)."""
    from django.core.cache import cache
    from django.db import connection

    from mindwell.search import selectors

    rows: list[dict[str, Any]] = []
    for kind, items in queries.items():
        if wait_idle > 0:
            bench_run.wait_until_idle(wait_idle)
        log(f"in-process {kind}: {warmup} warm-up + {len(items)} queries")
        cache.clear()
        for q in items[:warmup]:
            selectors.search(q.text)
        overall = Timings(kind)
        by_band = {band: Timings(f"  {kind}: {band}") for band in BANDS}
        # This process's connection: its PostgreSQL backend is counted as "database".
        connection.ensure_connection()
        meter = bench_run.CpuMeter(None, postgres)
        meter.start()
        for q in items:
            started = time.perf_counter()
            page = selectors.search(q.text)
            elapsed = time.perf_counter() - started
            for timings in (overall, by_band.get(q.band)):
                if timings is not None:
                    timings.seconds.append(elapsed)
                    timings.totals.append(page.total)
        meter.stop()
        overall.cpu = meter.report
        rows.append(overall.row())
        rows += [t.row() for t in by_band.values() if t.seconds]
    return rows


REPEATED_QUERY = "panic attack"  # the repeated class: one popular query, every visitor


def search_urls(queries: dict[str, list[Query]]) -> dict[str, list[str]]:
    """Each class's distinct queries as URLs (each is asked once over HTTP: a first search
    is a page nobody asked for before, never the shared cache's copy), and the `repeated`
    class: one popular query asked again and again (served from the cache after the first)."""
    urls = {
        kind: list(dict.fromkeys("/search/?" + urlencode({"q": q.text}) for q in items))
        for kind, items in queries.items()
    }
    urls["repeated"] = ["/search/?" + urlencode({"q": REPEATED_QUERY})]
    return urls


def measure_http(
    urls: dict[str, list[str]], *, env: dict[str, str], args: argparse.Namespace,
    postgres: str | None, meta: dict[str, Any],
) -> list[dict[str, Any]]:  # fmt: skip
    """GET /search/?q=... on gunicorn with the Python load generator: each varied query
    once (its first search, the shared cache emptied before each class), then the repeated
    one."""
    from django.core.cache import cache
    from django.db import connections

    connections.close_all()
    server = bench_run.Server(
        env=env, workers=args.workers, threads=args.threads, log_path=SEARCH_VAR / "gunicorn.log"
    )
    meta["server"] = server.settings
    rows: list[dict[str, Any]] = []
    stop = threading.Event()
    try:
        server.start()
        sample = {kind: items[:3] for kind, items in urls.items()}  # checked, not measured
        log(f"checking {sum(len(u) for u in sample.values())} URLs")
        if bad := bench_run.check_urls(server.port, sample):
            log(f"{len(bad)} URLs do not answer 200, e.g.: " + "; ".join(bad[:5]))
        meta["bad_urls"] = bad
        for kind, items in urls.items():
            once = kind != "repeated"
            levels = args.concurrency if once else [max(args.concurrency)]
            measured = items[3:] if once else items
            for i, concurrency in enumerate(levels):
                # Each level its own share of the queries: each is still asked only once.
                share = measured[i :: len(levels)] if once else measured
                name = f"{kind} (c={concurrency})"
                if once:
                    cache.clear()
                if args.wait_idle > 0:
                    bench_run.wait_until_idle(args.wait_idle)
                log(f"HTTP {name}: {len(share)} URLs{' (each once)' if once else ''}, "
                    f"{args.warmup:g} s warm-up + {args.duration:g} s")  # fmt: skip
                result = bench_run.python_load(
                    port=server.port, name=name, urls=share, concurrency=concurrency,
                    duration=args.duration, warmup=args.warmup, seed_value=args.seed, stop=stop,
                    meter=bench_run.CpuMeter(server.proc.pid if server.proc else None, postgres),
                    once=once,
                )  # fmt: skip
                row = result.row()
                row["class"], row["concurrency"] = kind, concurrency
                row["p95_ms"] = round(result.percentile_ms(95), 1)
                rows.append(row)
                if result.samples:
                    log(f"  not 200: {dict(result.statuses)}, e.g. {result.samples}")
                if result.exhausted:
                    log(f"  {name}: every query was asked before the time was up "
                        f"({result.seconds:.1f} s measured; --http-queries for more)")  # fmt: skip
    finally:
        stop.set()
        server.stop()
        if any(r["errors"] for r in rows):
            log(f"gunicorn log ({server.log_path.relative_to(ROOT)}):\n{server.tail(15)}")
    return rows


# Report ----------------------------------------------------------------------------------------


def in_process_table(rows: list[dict[str, Any]]) -> str:
    columns = ["class", "queries", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean total",
               "no hits", f"p95 < {TARGET_P95_MS:g} ms"]  # fmt: skip
    cells = [[r["class"], str(r["queries"]), f"{r['p50_ms']:.1f}", f"{r['p95_ms']:.1f}",
              f"{r['p99_ms']:.1f}", f"{r['max_ms']:.1f}", f"{r['mean_total']:,}",
              str(r["no_hits"]), "PASS" if r["pass"] else "FAIL"] for r in rows]  # fmt: skip
    return bench_run.format_table(columns, cells)


def http_target(row: dict[str, Any]) -> tuple[str, bool]:
    """The product target of an HTTP row: p95 for varied queries, req/s for the repeated one."""
    if row.get("class") == "repeated":
        return f">= {TARGET_REPEATED_RPS:g} req/s", row["rps"] >= TARGET_REPEATED_RPS
    return f"p95 < {TARGET_P95_MS:g} ms", row["p95_ms"] < TARGET_P95_MS


def http_table(rows: list[dict[str, Any]]) -> str:
    columns = ["class", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms",
               "CPU ms/req", "target"]  # fmt: skip
    cells = []
    for r in rows:
        cpu = r.get("server_cpu_ms_per_request")
        db = r.get("database_cpu_ms_per_request")
        cpu_text = "" if cpu is None else f"{cpu:.1f}" + (f" + {db:.1f} db" if db else "")
        target, met = http_target(r)
        cells.append([r["scenario"], str(r["requests"]), str(r["errors"]), f"{r['rps']:.1f}",
                      f"{r['p50_ms']:.1f}", f"{r['p95_ms']:.1f}", f"{r['p99_ms']:.1f}",
                      f"{r['max_ms']:.1f}", cpu_text,
                      f"{target}: {'PASS' if met else 'FAIL'}"])  # fmt: skip
    return bench_run.format_table(columns, cells)


def disturbance(rows: list[dict[str, Any]], key: str, cores: int | None) -> str:
    measured = [r for r in rows if r.get("cpu")]
    if not measured:
        return ""
    disturbed = [f"{r[key].strip()} ({r['cpu']['other_cores']:.2f})" for r in measured
                 if r["cpu"]["other_cores"] > bench_run.OTHER_CORES_WARNING]  # fmt: skip
    if disturbed:
        return (f"WARNING: other processes used CPU (cores of {cores}) during: "
                f"{', '.join(disturbed)}; their latencies are disturbed. Rerun on an idle "
                "machine to compare.")  # fmt: skip
    other = max(r["cpu"]["other_cores"] for r in measured)
    return f"other processes: at most {other:.2f} cores busy during the measurements"


def header(meta: dict[str, Any]) -> str:
    db, sizes, state = meta["database"], meta["data"], meta["state"]
    kinds = ("members", "questions", "answers", "comments", "votes", "tags", "categories")
    code = meta["code"]
    lines = [
        f"Mindwell search bench, {meta['started']}",
        f"code: mindwell/search sha256 {code['sha256']} (newest file {code['newest']}, "
        f"{code['modified']})",
        f"database: {db['vendor']} {db['version']} ({db['name']})",
        "data: " + ", ".join(f"{sizes[k]:,} {k}" for k in kinds),
        f"machine: {meta['cores']} cores, load average {meta['load_average']:.2f} before the "
        f"run, {meta['platform']}, Python {meta['python']}",
    ]
    seeding = state.get("seeding", {})
    if seeding:
        when = "this run" if state.get("seeded_this_run") else f"reused, seeded {state['seeded']}"
        lines.append(f"seeding: {seeding.get('seconds')} s ({when})")
    if ix := state.get("indexing"):
        when = "this run" if state.get("indexed_this_run") else f"reused, {ix['measured']}"
        size = ix.get("index_bytes", 0) / 2**20
        extra = (
            f", then VACUUM ANALYZE {ix['vacuum_analyze_s']} s" if "vacuum_analyze_s" in ix else ""
        )
        lines.append(
            f"indexing (rebuild_index, {when}): {ix['documents']:,} documents from "
            f"{ix['posts']:,} posts in {ix['seconds']} s = {ix['questions_per_s']:,} questions/s, "
            f"{ix['posts_per_s']:,} posts/s; full-text index {size:,.0f} MiB{extra}"
        )
        other = (ix.get("cpu") or {}).get("other_cores", 0.0)
        if other > bench_run.OTHER_CORES_WARNING:
            lines.append(
                f"WARNING: other processes kept {other:.2f} cores busy during the indexing: "
                "its throughput is disturbed (--reindex on a quiet machine)"
            )
    return "\n".join(lines)


# Main ------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    add = parser.add_argument
    add("--scale", type=float, default=10.0, help="data size, 10 = 100,000 questions (default)")
    add("--queries", type=int, default=300, help="in-process queries per class (300)")
    add("--warmup-queries", type=int, default=30, help="unmeasured ones first, per class (30)")
    add("--duration", type=float, default=10.0, help="HTTP: measured seconds per class (10)")
    add("--warmup", type=float, default=2.0, help="HTTP: unmeasured seconds before each (2)")
    add("--concurrency", default="1,4",
        help="HTTP: simultaneous connections, one run per value (1,4: a visitor alone, "
             "and the machine saturated)")  # fmt: skip
    add("--http-queries", type=int, default=6000,
        help="HTTP: queries made per class (6000; each distinct one is asked once)")  # fmt: skip
    add("--workers", type=int, default=3, help="gunicorn worker processes (3, as run.sh)")
    add("--threads", type=int, default=1, help="gunicorn threads per worker (1, as run.sh)")
    add("--seed", type=int, default=42, help="random seed of the data and the queries")
    add("--reseed", action="store_true", help="empty and seed the search database again")
    add("--reindex", action="store_true", help="rebuild (and time) the search index again")
    add("--output", type=Path, help="write the results there (default bench/results/...)")
    add("--no-http", action="store_true", help="only the in-process measurement")
    add("--no-in-process", action="store_true", help="only the HTTP measurement")
    add(
        "--wait-idle",
        type=float,
        default=30.0,
        metavar="S",
        help="before each class, wait up to S seconds for other processes to go quiet (30)",
    )
    args = parser.parse_args(argv)
    if args.scale <= 0 or args.queries < 1 or args.warmup_queries < 0:
        parser.error("need --scale > 0, --queries >= 1, --warmup-queries >= 0")
    try:
        args.concurrency = [int(c) for c in str(args.concurrency).split(",")]
    except ValueError:
        parser.error("--concurrency takes numbers, e.g. 1,4")
    if args.duration <= 0 or args.warmup < 0 or not all(1 <= c <= 256 for c in args.concurrency):
        parser.error("need --duration > 0, --warmup >= 0 and 1 <= --concurrency <= 256")
    return args


def setup_django() -> dict[str, str]:
    """The search bench's environment (its own var dir and database), Django set up."""
    SEARCH_VAR.mkdir(parents=True, exist_ok=True)
    env = bench_run.bench_env(SEARCH_VAR, DATABASE_SUFFIX)
    os.environ.update(env)
    import django

    django.setup()
    return env


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, bench_run._terminate)  # so that `finally` stops the server
    signal.signal(signal.SIGINT, signal.default_int_handler)
    started = datetime.now(UTC)
    load_average = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    code = code_fingerprint()
    env = setup_django()
    state = prepare_database(args)
    database = bench_run.database_description()
    postgres = database["name"] if database["vendor"] == "postgresql" else None
    texts = SearchTexts(args.seed)
    queries = query_sets(texts, args.queries, args.seed)
    meta: dict[str, Any] = {
        "started": started.strftime("%Y-%m-%d %H:%M UTC"),
        "code": code,
        "database": database,
        "data": bench_run.data_sizes(),
        "state": state,
        "scale": args.scale,
        "cores": os.cpu_count(),
        "load_average": load_average,
        "platform": platform.platform(terse=True),
        "python": platform.python_version(),
        "queries": {kind: [q.text for q in items] for kind, items in queries.items()},
        "args": vars(args),
    }
    in_process: list[dict[str, Any]] = []
    http: list[dict[str, Any]] = []
    try:
        if not args.no_in_process:
            in_process = measure_in_process(
                queries, warmup=args.warmup_queries, wait_idle=args.wait_idle, postgres=postgres
            )
        if not args.no_http:
            urls = search_urls(query_sets(texts, args.http_queries, args.seed + 1))
            meta["http_urls"] = urls
            http = measure_http(urls, env=env, args=args, postgres=postgres, meta=meta)
    except KeyboardInterrupt:
        log("interrupted")
        return 130

    if (after := code_fingerprint()) != code:
        meta["code_after"] = after
    print()
    print(header(meta))
    if "code_after" in meta:
        print(f"WARNING: mindwell/search/ changed during the run ({after['newest']}, "
              f"{after['modified']}; now sha256 {after['sha256']}): the measurements may mix "
              "two versions of the code. Run again.")  # fmt: skip
    if in_process:
        print(
            f"\nIn-process: selectors.search(text), {args.queries} queries per class one "
            f"after the other (after {args.warmup_queries} unmeasured), page 1, relevance"
        )
        print()
        print(in_process_table(in_process))
        print(disturbance(in_process, "class", meta["cores"]))
        failed = [r["class"] for r in in_process if not r["pass"] and not r["class"][0].isspace()]
        print(f"target p95 < {TARGET_P95_MS:g} ms: "
              + (f"MISSED by {', '.join(failed)}" if failed else "met by every class"))  # fmt: skip
    if http:
        print(
            f"\nHTTP: GET /search/?q=... on {meta['server']}; Python client, concurrency "
            f"c, {args.duration:g} s per class after {args.warmup:g} s; "
            "each distinct query of a class asked once (a first search, not the shared "
            f"cache's copy); repeated: {REPEATED_QUERY!r} by every client"
        )
        print()
        print(http_table(http))
        print("CPU ms/req: gunicorn (+ PostgreSQL backends) user+system CPU per request")
        print(disturbance(http, "scenario", meta["cores"]))
        failed = [r["scenario"] for r in http if not http_target(r)[1]]
        missed = f"MISSED by {', '.join(failed)}" if failed else "met by every class"
        print(f"HTTP targets: {missed}")
    bench_run.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = args.output or bench_run.RESULTS_DIR / (
        f"{started.strftime('%Y%m%dT%H%M%SZ')}-search-{database['vendor']}.json"
    )
    path.write_text(
        json.dumps({"meta": meta, "in_process": in_process, "http": http}, indent=2, default=str)
        + "\n"
    )
    print(f"\nresults: {path.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
