"""What every benchmark script shares: its own database and environment, the real server
(gunicorn as scripts/run.sh starts it), CPU meters, waiting for a quiet machine, the HTTP load
generators and the URL check. `bench/run.py` (pages) and `bench/search.py` (search) import it;
neither imports the other.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


BENCH_VAR = ROOT / "var" / "bench"


RESULTS_DIR = ROOT / "bench" / "results"


HOST = "127.0.0.1"


MAX_REQUESTS_PER_THREAD = 5_000_000  # a bound on every loop, far above what 10 s can reach


REQUEST_TIMEOUT = 30.0


OTHER_CORES_WARNING = 0.15  # busy cores outside the benchmark that make a run "disturbed"


def log(message: str) -> None:
    print(message, flush=True)


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
        # The vote scenario's clients are many members on many networks (X-Forwarded-For);
        # without the header a request's address is the socket's, as before.
        BEHIND_PROXY="true",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
    )
    if url := env.get("DATABASE_URL", ""):
        env["DATABASE_URL"] = bench_database_url(url, database_suffix)
        if urlsplit(url).scheme.startswith("postgres"):
            ensure_postgres_database(env["DATABASE_URL"])
        # Its own cache: the pages drawn from the other database's run (the same data, the
        # same ids) would otherwise be served warm within their five minutes.
        if not env.get("REDIS_URL"):
            env["CACHE_DIR"] = str(var_dir / f"cache-{urlsplit(url).scheme.split('+')[0]}")
    return env


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
        self.worker: subprocess.Popen[bytes] | None = None

    @property
    def settings(self) -> str:
        kind = "gthread" if self.threads > 1 else "sync"
        return (f"gunicorn {kind}, {self.workers} workers x {self.threads} threads, "
                f"--preload, DEBUG off, no access log, {HOST}:{self.port}; "
                "the task worker beside it")  # fmt: skip

    def start(self, timeout: float = 60.0) -> None:
        cmd = [
            sys.executable, "-m", "gunicorn", "mindwell.wsgi",
            "--bind", f"{HOST}:{self.port}", "--workers", str(self.workers),
            "--threads", str(self.threads), "--preload", "--log-level", "warning",
            "--error-logfile", "-",
        ]  # fmt: skip
        log(f"starting {self.settings}")
        # The 100,000-question runs keep their data elsewhere: this directory may not exist yet.
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as out:
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
            # The background worker, as scripts/run.sh starts it beside the web server: its
            # memory counts in `make run`'s, and its heartbeat keeps /healthz green.
            self.worker = subprocess.Popen(
                [sys.executable, "manage.py", "worker"], cwd=ROOT, env=self.env, stdout=out,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
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

    def memory(self) -> dict[str, float]:
        """Proportional set size (PSS, MiB) of every process `make run` would run: the gunicorn
        master, its workers (summed) and the task worker. PSS splits pages shared after the
        fork among the processes sharing them, so the sum is what the machine really spends."""
        if self.proc is None:
            return {}
        workers = _children(self.proc.pid)
        found = {
            "master": _pss_mib(self.proc.pid),
            "web workers": sum(_pss_mib(pid) for pid in workers),
            "task worker": _pss_mib(self.worker.pid) if self.worker else 0.0,
        }
        found["total"] = sum(found.values())
        found["web worker count"] = len(workers)
        return found

    def stop(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None and worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait(timeout=10)
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


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _pss_mib(pid: int) -> float:
    """A process's PSS in MiB from /proc/<pid>/smaps_rollup (Linux), 0 when unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


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
        if server_pid and pid == server_pid:
            # With the workers it has reaped (gunicorn replaces a worker after a few thousand
            # requests, gunicorn.conf.py): their CPU would otherwise show as "other".
            found["server"][pid] = seconds + (int(fields[13]) + int(fields[14])) / TICKS
        elif server_pid and int(fields[1]) == server_pid:
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
    the measurement is not counted (its share shows as "other"), but for gunicorn's workers,
    which their master reaps (counted with it)."""

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
        # gunicorn: everything now (the master holds what its reaped workers used, over their
        # whole life) less everything at the start (a worker reaped since was counted there).
        server = sum(end["server"].values()) - sum(a["server"].values())
        database = sum(cpu - a["database"].get(pid, 0.0) for pid, cpu in end["database"].items())
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
    exhausted: bool = False  # python_load(once=True) ran out of URLs before the time was up

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def errors(self) -> int:
        return self.requests - self.statuses.get("200", 0) - self.statuses.get("304", 0)

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
            "exhausted": self.exhausted,
        }  # fmt: skip


def _connect(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)


def fetch(
    conn: http.client.HTTPConnection,
    path: str,
    agent: str,
    etags: dict[str, str] | None = None,
    cookie: str = "",
    form: str = "",
    extra: dict[str, str] | None = None,
) -> tuple[int, bool]:
    """GET path on a keep-alive connection (POST `form` when given); returns the status and
    whether it must reconnect. With `etags` (a browser's cache) it revalidates pages it has
    seen (If-None-Match); with `cookie` it is a signed-in member's browser."""
    headers = {"User-Agent": agent, "Accept": "text/html", **(extra or {})}
    if cookie:
        headers["Cookie"] = cookie
    if form:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request("POST", path, body=form.encode(), headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, response.will_close
    if etags is not None and path in etags:
        headers["If-None-Match"] = etags[path]
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    if etags is not None and response.status == 200 and (etag := response.getheader("ETag")):
        etags[path] = etag
    return response.status, response.will_close


def python_load(
    *, port: int, name: str, urls: list[str], concurrency: int, duration: float,
    warmup: float, seed_value: int, stop: threading.Event, meter: CpuMeter,
    cookies: list[str] | None = None,
    voters: list[tuple[str, str, str]] | None = None,
    once: bool = False,
) -> Result:  # fmt: skip
    """`concurrency` threads, each with one keep-alive connection, request URLs picked at
    random (deterministically) back to back; requests started in the measured window count.
    With `once`, the threads take the URLs in order instead, each URL once (every request
    is a first visit, e.g. a search nobody made before); a thread stops when none are left
    (`Result.exhausted`).
    With `cookies`, thread i is the member whose session cookie is cookies[i % len]; with
    `voters` (session cookie, CSRF secret, address), thread i is voter i, voting up on a URL
    it has not voted on and withdrawing where it has (htmx, as the page's buttons do)."""
    result = Result(name=name, urls=len(urls))
    lock = threading.Lock()
    begin = time.perf_counter() + 0.2
    measure_from, until = begin + warmup, begin + warmup + duration
    finished: list[float] = []
    queue = iter(urls)

    def next_url(rng: random.Random) -> str | None:
        if not once:
            return rng.choice(urls)
        with lock:
            return next(queue, None)

    def worker(index: int) -> None:
        rng = random.Random(f"{seed_value}:{name}:{index}")
        agent = f"mindwell-bench/1 (client {index})"  # one visitor per client thread
        latencies: list[float] = []
        statuses: Counter[str] = Counter()
        samples: dict[str, str] = {}
        conn = _connect(port)
        etags: dict[str, str] | None = {} if name.startswith("revalidate") else None
        cookie = cookies[index % len(cookies)] if cookies else ""
        extra: dict[str, str] = {}
        voted: set[str] = set()
        if voters:
            session, secret, address = voters[index % len(voters)]
            cookie = f"{session}; csrftoken={secret}"
            extra = {"X-CSRFToken": secret, "X-Forwarded-For": address, "HX-Request": "true"}
        while time.perf_counter() < begin:
            time.sleep(0.01)
        last = begin
        for _ in range(MAX_REQUESTS_PER_THREAD):
            start = time.perf_counter()
            if start >= until or stop.is_set():
                break
            path = next_url(rng)
            if path is None:
                result.exhausted = True
                break
            try:
                form = ""
                if voters:
                    form = "value=withdraw" if path in voted else "value=up"
                    voted.symmetric_difference_update({path})
                status, reconnect = fetch(conn, path, agent, etags, cookie, form, extra)
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
                if key not in ("200", "304"):
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
    ended = max(finished, default=until) - measure_from
    result.seconds = ended if result.exhausted else max(duration, ended)
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
    cookies: list[str] | None = None,
    voters: list[tuple[str, str, str]] | None = None,
) -> Result:  # fmt: skip
    """The same scenario with wrk (a warm-up run, then the measured run): visitors only
    (the members' and voters' scenarios use `python_load`, which `cookies` and `voters`
    are for)."""
    if cookies or voters:
        raise ValueError("wrk_load runs visitors' scenarios only")
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


def _terminate(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def format_table(columns: list[str], cells: list[list[str]], left: int = 1) -> str:
    """A Markdown table, the first `left` columns left-aligned, the others right-aligned."""
    everything = [columns, *cells]
    widths = [max(len(row[i]) for row in everything) for i in range(len(columns))]

    def line(row: list[str]) -> str:
        padded = [c.ljust(w) if i < left else c.rjust(w)
                  for i, (c, w) in enumerate(zip(row, widths, strict=True))]  # fmt: skip
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 1) + (":" if i >= left else "-") for i, w in enumerate(widths))
    return "\n".join([line(columns), rule + "|", *(line(row) for row in cells)])
