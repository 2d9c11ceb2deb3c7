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
import http.client
import json
import math
import os
import platform
import random
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"
RESULTS_DIR = ROOT / "bench" / "results"
HOST = "127.0.0.1"
SCENARIOS = ("question", "home", "tag", "questions-hot", "unanswered")
MAX_REQUESTS_PER_THREAD = 5_000_000  # a bound on every loop, far above what 10 s can reach
REQUEST_TIMEOUT = 30.0
OTHER_CORES_WARNING = 0.15  # busy cores outside the benchmark that make a run "disturbed"


def log(message: str) -> None:
    print(message, flush=True)


# Environment and database -----------------------------------------------------------------


def bench_database_url(url: str, suffix: str = "") -> str:
    """The DATABASE_URL to use: the same server, a database whose name says "bench" (and
    ends with `suffix`, e.g. "_search" for the search benchmark's own data)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        name = f"{name or 'mindwell'}_bench"
    if suffix and not name.endswith(suffix):
        name += suffix
    return urlunsplit(parts._replace(path=f"/{name}"))


def ensure_postgres_database(url: str) -> None:
    """Create the bench database on the PostgreSQL server when it does not exist."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not found:
            log(f"creating PostgreSQL database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def bench_env(var_dir: Path = BENCH_VAR, database_suffix: str = "") -> dict[str, str]:
    """The environment of every Django process of the benchmark (this one and gunicorn)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="mindwell.settings",
        MINDWELL_VAR_DIR=str(var_dir),
        DEBUG="false",
        HTTPS="false",
        BEHIND_PROXY="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
    )
    if url := env.get("DATABASE_URL", ""):
        env["DATABASE_URL"] = bench_database_url(url, database_suffix)
        if urlsplit(url).scheme.startswith("postgres"):
            ensure_postgres_database(env["DATABASE_URL"])
    return env


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


def data_sizes() -> dict[str, int]:
    from mindwell.accounts.models import User
    from mindwell.qa.models import Answer, Comment, Question, Vote
    from mindwell.taxonomy.models import Category, Tag

    return {
        "members": User.objects.count(),
        "questions": Question.objects.count(),
        "answers": Answer.objects.count(),
        "comments": Comment.objects.count(),
        "votes": Vote.objects.count(),
        "tags": Tag.objects.count(),
        "categories": Category.objects.count(),
    }


def database_description() -> dict[str, str]:
    import sqlite3

    from django.conf import settings
    from django.db import connection

    if connection.vendor == "sqlite":
        name = str(Path(settings.DATABASES["default"]["NAME"]).relative_to(ROOT))
        return {"vendor": "sqlite", "version": sqlite3.sqlite_version, "name": name}
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0].split()[0]
    return {
        "vendor": connection.vendor,
        "version": version,
        "name": str(settings.DATABASES["default"]["NAME"]),
    }


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
        "home": pages("/", "?"),
        "tag": tags,
        "questions-hot": pages("/questions/?sort=hot", "&"),
        "unanswered": pages("/unanswered/", "?"),
    }


# Server ----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Server:
    """gunicorn mindwell.wsgi as scripts/run.sh starts it, in its own process group."""

    def __init__(
        self, *, env: dict[str, str], workers: int, threads: int, log_path: Path | None = None
    ) -> None:
        self.env, self.workers, self.threads = env, workers, threads
        self.port = free_port()
        self.log_path = log_path or BENCH_VAR / "gunicorn.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def settings(self) -> str:
        return (f"gunicorn gthread, {self.workers} workers x {self.threads} threads, "
                f"DEBUG off, no access log, {HOST}:{self.port}")  # fmt: skip

    def start(self, timeout: float = 60.0) -> None:
        cmd = [
            sys.executable, "-m", "gunicorn", "mindwell.wsgi",
            "--bind", f"{HOST}:{self.port}", "--workers", str(self.workers),
            "--threads", str(self.threads), "--log-level", "warning",
            "--error-logfile", "-",
        ]  # fmt: skip
        log(f"starting {self.settings}")
        with self.log_path.open("wb") as out:
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", "/")
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{self.tail()}")

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        log("stopping gunicorn")
        proc.send_signal(signal.SIGTERM)  # the master stops its workers gracefully
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # its own process group: the master and workers
            proc.wait(timeout=10)


TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine, summed over its cores (Linux)."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:9]]
    total = sum(values)
    return (total - values[3] - values[4]) / TICKS, total / TICKS


def _process_cpu(server_pid: int | None, database: str | None) -> dict[str, dict[int, float]]:
    """CPU seconds (user + system) by pid of gunicorn (the master and its workers) and of the
    PostgreSQL backends serving the bench database (none with SQLite)."""
    found: dict[str, dict[int, float]] = {"server": {}, "database": {}}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                head, _, tail = f.read().rpartition(")")
        except OSError:
            continue
        fields = tail.split()
        if len(fields) < 13:
            continue
        pid, seconds = int(entry), (int(fields[11]) + int(fields[12])) / TICKS
        if server_pid and server_pid in (pid, int(fields[1])):
            found["server"][pid] = seconds
        elif database and head.endswith("(postgres"):
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    title = f.read().decode(errors="replace")  # "postgres: user db host state"
            except OSError:
                continue
            if f" {database} " in title:
                found["database"][pid] = seconds
    return found


class CpuMeter:
    """Where the CPU went during a measurement: the server, this client, everything else.

    On Linux only (reads /proc); elsewhere it reports nothing. A process that ends during
    the measurement is not counted (its share shows as "other")."""

    def __init__(self, server_pid: int | None, database: str | None = None) -> None:
        self.server_pid, self.database = server_pid, database
        self.started: dict[str, Any] | None = None
        self.report: dict[str, float] | None = None

    def _sample(self) -> dict[str, Any]:
        mine = os.times()
        return {
            "wall": time.monotonic(),
            "busy": _machine_cpu()[0],
            "client": mine.user + mine.system + mine.children_user + mine.children_system,
            **_process_cpu(self.server_pid, self.database),
        }

    def start(self) -> None:
        try:
            self.started = self._sample()
        except (OSError, ValueError):
            self.started = None

    def stop(self) -> None:
        if self.started is None:
            return
        try:
            end = self._sample()
        except (OSError, ValueError):
            return
        a = self.started
        wall, busy, client = (end[k] - a[k] for k in ("wall", "busy", "client"))
        server, database = (
            sum(cpu - a[kind].get(pid, 0.0) for pid, cpu in end[kind].items())
            for kind in ("server", "database")
        )
        other = busy - server - database - client
        self.report = {
            "wall_s": round(wall, 3),
            "server_cpu_s": round(server, 3),
            "database_cpu_s": round(database, 3),
            "client_cpu_s": round(client, 3),
            "other_cores": round(max(0.0, other) / wall, 2) if wall else 0.0,
        }


def wait_until_idle(limit: float) -> float:
    """Wait (at most `limit` seconds) until the machine is idle apart from this benchmark;
    returns the busy cores of the last second measured (NaN where /proc is missing)."""
    began = time.monotonic()
    deadline = began + limit
    told = False
    while True:
        try:
            busy0, _ = _machine_cpu()
            mine0 = sum(os.times()[:2])
            time.sleep(1.0)
            busy = _machine_cpu()[0] - busy0 - (sum(os.times()[:2]) - mine0)
        except OSError:
            return float("nan")
        if busy <= OTHER_CORES_WARNING or time.monotonic() >= deadline:
            if told:
                log(f"  waited {time.monotonic() - began:.0f} s; other processes: {busy:.2f} cores")
            return busy
        if not told:
            log(f"  other processes keep {busy:.2f} cores busy: waiting up to {limit:g} s")
            told = True


# Load generators -----------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    urls: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # of every measured request, seconds
    statuses: Counter[str] = field(default_factory=Counter)
    samples: dict[str, str] = field(default_factory=dict)  # an example URL per bad status
    percentiles_ms: dict[str, float] | None = None  # given by wrk instead of latencies
    cpu: dict[str, float] | None = None  # CpuMeter.report of the measured window

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def errors(self) -> int:
        return self.requests - self.statuses.get("200", 0)

    def percentile_ms(self, p: float) -> float:
        if self.percentiles_ms is not None:
            return self.percentiles_ms[f"p{p:g}"]
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))  # nearest rank
        return ordered[rank] * 1000

    def row(self) -> dict[str, Any]:
        return {
            "scenario": self.name,
            "urls": self.urls,
            "requests": self.requests,
            "errors": self.errors,
            "statuses": dict(self.statuses),
            "error_samples": self.samples,
            "seconds": round(self.seconds, 3),
            "rps": round(self.requests / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(self.percentile_ms(50), 1),
            "p90_ms": round(self.percentile_ms(90), 1),
            "p99_ms": round(self.percentile_ms(99), 1),
            "max_ms": round(self.percentile_ms(100), 1),
            "server_cpu_ms_per_request": (
                round(self.cpu["server_cpu_s"] * 1000 / self.requests, 1)
                if self.cpu and self.requests else None
            ),
            "database_cpu_ms_per_request": (
                round(self.cpu["database_cpu_s"] * 1000 / self.requests, 1)
                if self.cpu and self.requests else None
            ),
            "cpu": self.cpu,
        }  # fmt: skip


def _connect(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)


def fetch(conn: http.client.HTTPConnection, path: str, agent: str) -> tuple[int, bool]:
    """GET path on a keep-alive connection; returns the status and whether it must reconnect."""
    conn.request("GET", path, headers={"User-Agent": agent, "Accept": "text/html"})
    response = conn.getresponse()
    response.read()
    return response.status, response.will_close


def python_load(
    *, port: int, name: str, urls: list[str], concurrency: int, duration: float,
    warmup: float, seed_value: int, stop: threading.Event, meter: CpuMeter,
) -> Result:  # fmt: skip
    """`concurrency` threads, each with one keep-alive connection, request URLs picked at
    random (deterministically) back to back; requests started in the measured window count."""
    result = Result(name=name, urls=len(urls))
    lock = threading.Lock()
    begin = time.perf_counter() + 0.2
    measure_from, until = begin + warmup, begin + warmup + duration
    finished: list[float] = []

    def worker(index: int) -> None:
        rng = random.Random(f"{seed_value}:{name}:{index}")
        agent = f"mindwell-bench/1 (client {index})"  # one visitor per client thread
        latencies: list[float] = []
        statuses: Counter[str] = Counter()
        samples: dict[str, str] = {}
        conn = _connect(port)
        while time.perf_counter() < begin:
            time.sleep(0.01)
        last = begin
        for _ in range(MAX_REQUESTS_PER_THREAD):
            start = time.perf_counter()
            if start >= until or stop.is_set():
                break
            path = rng.choice(urls)
            try:
                status, reconnect = fetch(conn, path, agent)
                key = str(status)
            except Exception as error:  # a broken connection, a bad answer: count, go on
                key, reconnect = type(error).__name__, True
            last = time.perf_counter()
            if reconnect:
                conn.close()
                conn = _connect(port)
            if start >= measure_from:
                latencies.append(last - start)
                statuses[key] += 1
                if key != "200":
                    samples.setdefault(key, path)
            if key[0].isalpha():
                time.sleep(0.05)  # a refused or broken connection: do not spin
        conn.close()
        with lock:
            result.latencies.extend(latencies)
            result.statuses.update(statuses)
            for key, path in samples.items():
                result.samples.setdefault(key, path)
            finished.append(last)

    threads = [
        threading.Thread(target=worker, args=(i,), daemon=True, name=f"bench-{i}")
        for i in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, measure_from - time.perf_counter()))
    meter.start()
    for thread in threads:
        while thread.is_alive():
            thread.join(0.2)
    meter.stop()
    result.seconds = max(duration, max(finished, default=until) - measure_from)
    result.cpu = meter.report
    return result


WRK_SCRIPT = """
local paths = {%(paths)s}
local threads = {}
bad = 0
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end
function init(args) math.randomseed(%(seed)d + id) end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
function response(status, headers, body) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency, requests)
  local notok = 0
  for _, t in ipairs(threads) do notok = notok + t:get("bad") end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %%d, "not200": %%d, "socket": %%d, "us": %%d, ' ..
    '"p50": %%d, "p90": %%d, "p99": %%d, "p100": %%d}\\n',
    summary.requests, notok, e.connect + e.read + e.write + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def wrk_load(
    *, port: int, name: str, urls: list[str], concurrency: int, duration: float,
    warmup: float, seed_value: int, stop: threading.Event, meter: CpuMeter,
) -> Result:  # fmt: skip
    """The same scenario with wrk (a warm-up run, then the measured run)."""
    del stop
    result = Result(name=name, urls=len(urls))
    paths = ", ".join(json.dumps(u) for u in urls)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"paths": paths, "seed": seed_value})
    try:
        base = ["wrk", "-t", str(min(concurrency, os.cpu_count() or 1)),
                "-c", str(concurrency), "-s", script.name, "--timeout", "30s"]  # fmt: skip
        url = f"http://{HOST}:{port}/"
        out = ""
        for seconds, measured in ((warmup, False), (duration, True)):
            if seconds > 0:
                if measured:
                    meter.start()
                done = subprocess.run(
                    [*base, "-d", f"{seconds:g}s", url], capture_output=True, text=True
                )
                if measured:
                    meter.stop()
                out = done.stdout
                if done.returncode:
                    raise RuntimeError(f"wrk failed: {done.stderr or done.stdout}")
    finally:
        os.unlink(script.name)
    line = next(x for x in out.splitlines() if x.startswith("WRKJSON "))
    data = json.loads(line.removeprefix("WRKJSON "))
    result.seconds = data["us"] / 1e6
    result.statuses["200"] = data["requests"] - data["not200"]
    if data["not200"]:
        result.statuses["not 200"] = data["not200"]
    if data["socket"]:
        result.statuses["socket error"] = data["socket"]
    result.percentiles_ms = {f"p{p}": data[f"p{p}"] / 1000 for p in (50, 90, 99, 100)}
    result.cpu = meter.report
    return result


def check_urls(port: int, scenarios: dict[str, list[str]]) -> list[str]:
    """GET every URL once (this also warms the server); returns the ones not answering 200."""
    bad: list[str] = []
    conn = _connect(port)
    for urls in scenarios.values():
        for path in dict.fromkeys(urls):
            try:
                status, reconnect = fetch(conn, path, "mindwell-bench/1 (check)")
            except (OSError, http.client.HTTPException) as error:
                status, reconnect = 0, True
                bad.append(f"{path}: {type(error).__name__}")
            else:
                if status != 200:
                    bad.append(f"{path}: {status}")
            if reconnect:
                conn.close()
                conn = _connect(port)
    conn.close()
    return bad


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
    add("--threads", type=int, default=2, help="gunicorn threads per worker (2, as run.sh)")
    add("--scenarios", default=",".join(SCENARIOS), help=f"comma-separated: {','.join(SCENARIOS)}")
    add("--seed", type=int, default=42, help="random seed of the data and the URL choice")
    add("--reseed", action="store_true", help="empty and seed the bench database again")
    add("--wrk", action="store_true", help="use wrk (when on PATH) instead of the Python client")
    add("--search", action="store_true", help="run the search benchmark (bench/search.py --help)")
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


def _terminate(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


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
    env = bench_env()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections

    seeding = prepare_database(scale=args.scale, seed_value=args.seed, reseed=args.reseed)
    sizes, database = data_sizes(), database_description()
    all_urls = scenario_urls(random.Random(args.seed))
    scenarios = {name: all_urls[name] for name in args.scenarios.split(",")}
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
        if bad := check_urls(server.port, scenarios):
            log(f"{len(bad)} URLs do not answer 200, e.g.: " + "; ".join(bad[:5]))
        meta["bad_urls"] = bad
        for name, urls in scenarios.items():
            if args.wait_idle > 0:
                wait_until_idle(args.wait_idle)
            log(f"scenario {name}: {len(urls)} URLs, {args.warmup:g} s warm-up + "
                f"{args.duration:g} s")  # fmt: skip
            result = load(
                port=server.port, name=name, urls=urls, concurrency=args.concurrency,
                duration=args.duration, warmup=args.warmup, seed_value=args.seed, stop=stop,
                meter=CpuMeter(server.proc.pid if server.proc else None, postgres_name),
            )  # fmt: skip
            rows.append(result.row())
            if result.samples:
                log(f"  not 200: {dict(result.statuses)}, e.g. {result.samples}")
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
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps({"meta": meta, "results": rows}, indent=2) + "\n")
    print(f"\nresults: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
