#!/usr/bin/env python3
"""Where the time of a search goes, and what candidate patches of mindwell/search/backends.py
would gain: a bench-only experiment on the search bench's data (run bench/search.py first).

Nothing in mindwell/ is edited: the variants are subclasses of the backends put in place of
`selectors.backend` for the measurement; index experiments run inside a transaction that is
rolled back. Three parts (all by default):

- breakdown: selectors.search() per class, with the time of each SQL statement (ids and rank,
  count, snippets) and of the question rows (`_questions`);
- explain: the plans of the backend's statements for a common word (EXPLAIN QUERY PLAN on
  SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL);
- variants: the same queries through each variant, p50/p95/p99 per class, and how much its
  results agree with the current code (top-20 overlap, equal totals).

`python bench/search_experiments.py [--queries 100] [--parts breakdown,explain,variants]`
(mind DATABASE_URL: the same database as bench/search.py uses).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import search as search_bench  # noqa: E402

log = search_bench.log
CAP = 1000  # MAX_PAGE (50) x PAGE_SIZE (20): no page beyond the 1,000th result is reachable


# Variants --------------------------------------------------------------------------------------


def sqlite_variant(*, count: str = "join", candidates: int = 0) -> Any:
    """SQLiteBackend with another count and/or a bounded ranking.

    count: "join" (current), "fts" (exact: count the FTS5 matches alone when there is no
    filter, every match has its document), "cap" (stop counting at CAP + 1, or at
    candidates + 1).
    candidates: 0 (current: rank every match), or K: when there are more than K matches, rank
    only the K newest (highest question ids, FTS5 reads its doclist backwards and stops);
    with at most K matches the ranking is the current, exact one."""
    from django.utils.safestring import mark_safe

    from mindwell.search import backends

    class Patched(backends.SQLiteBackend):
        def search(self, query, filters, *, sort, limit, offset, any_word=False, details=True):  # type: ignore[no-untyped-def]
            fetch = backends._fetch
            match = self.expression(query, any_word=any_word)
            clauses, params = backends._where(filters)
            where = " AND ".join(["search_fts MATCH %s", *clauses])
            order = {"relevance": "rank", "newest": "d.created_at DESC",
                     "votes": "d.score DESC, rank"}[sort]  # fmt: skip
            base = (
                "FROM search_fts JOIN search_searchdocument d "
                f"ON d.question_id = search_fts.rowid WHERE {where}"
            )
            if count == "fts" and not clauses:
                count_sql = "SELECT count(*) FROM search_fts WHERE search_fts MATCH %s"
            elif count == "cap":  # (at least as far as the candidates, to know if there are more)
                cap = max(CAP, candidates) + 1
                count_sql = f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {cap})"  # noqa: S608
            else:
                count_sql = f"SELECT count(*) {base}"
            total = fetch(count_sql, [match, *params])[0][0] if details or candidates else None
            rank = "bm25(search_fts, 10.0, 4.0, 1.0) * d.boost AS rank"
            if candidates and total is not None and total > candidates:
                rows = fetch(
                    f"SELECT question_id, rank FROM (SELECT d.question_id, d.created_at, "  # noqa: S608
                    f"d.score, {rank} {base} ORDER BY search_fts.rowid DESC LIMIT %s) d "
                    f"ORDER BY {order}, d.question_id DESC LIMIT %s OFFSET %s",
                    [match, *params, candidates, limit, offset],
                )
            else:
                rows = fetch(
                    f"SELECT d.question_id, {rank} {base} "
                    f"ORDER BY {order}, d.question_id DESC LIMIT %s OFFSET %s",
                    [match, *params, limit, offset],
                )
            ids = [r[0] for r in rows]
            if not details:
                return [backends.Hit(i, mark_safe(""), mark_safe("")) for i in ids], len(ids)
            if not ids:
                return [], total
            marks = ", ".join(["%s"] * len(ids))
            snippets = {
                r[0]: (r[1], r[2])
                for r in fetch(
                    f"SELECT rowid, highlight(search_fts, 0, %s, %s), "  # noqa: S608
                    f"snippet(search_fts, 2, %s, %s, '…', 28) FROM search_fts "
                    f"WHERE search_fts MATCH %s AND rowid IN ({marks})",
                    [backends.START, backends.STOP, backends.START, backends.STOP, match, *ids],
                )
            }
            empty = ("", "")
            return [
                backends.Hit(i, backends.highlighted(snippets.get(i, empty)[0]),
                             backends.highlighted(snippets.get(i, empty)[1]))
                for i in ids
            ], total  # fmt: skip

    return Patched()


def postgres_variant(
    *,
    count: str = "full",
    candidates: int = 0,
    rank_on: str = "vector",
    snippet_chars: int = 20000,
) -> Any:
    """PostgresBackend with another count and/or a bounded or cheaper ranking.

    count: "full" (current), "cap" (stop counting at CAP + 1, or at candidates + 1), "window"
    (exact: count(*) OVER () in the ranking statement, one scan of the matches instead of two).
    candidates: 0 (current: rank every match) or K: when there are more than K matches, rank
    only the K newest (highest question ids, from the primary key's order).
    rank_on: "vector" (current: ts_rank over the whole stored tsvector, detoasted for every
    match) or "title": ts_rank over to_tsvector(title) only (a small text, never toasted),
    as the candidate of a cheaper rank.
    snippet_chars: how much of the body ts_headline reads (current: 20,000)."""
    from django.conf import settings
    from django.utils.safestring import mark_safe

    from mindwell.search import backends

    class Patched(backends.PostgresBackend):
        def search(self, query, filters, *, sort, limit, offset, any_word=False, details=True):  # type: ignore[no-untyped-def]
            fetch = backends._fetch
            config = settings.SEARCH_CONFIG
            tsquery = self.expression(query, any_word=any_word)
            clauses, params = backends._where(filters)
            where = " AND ".join(["d.vector @@ q", *clauses])
            order = {"relevance": "rank DESC", "newest": "d.created_at DESC",
                     "votes": "d.score DESC, rank DESC"}[sort]  # fmt: skip
            base = f"FROM search_searchdocument d, to_tsquery(%s::regconfig, %s) q WHERE {where}"
            if count == "cap":  # (at least as far as the candidates, to know if there are more)
                cap = max(CAP, candidates) + 1
                count_sql = f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {cap}) c"  # noqa: S608
            else:
                count_sql = f"SELECT count(*) {base}"
            total = (
                fetch(count_sql, [config, tsquery, *params])[0][0]
                if (details or candidates) and count != "window" else None
            )  # fmt: skip
            if rank_on == "title":
                rank = "ts_rank(setweight(to_tsvector(%s::regconfig, d.title), 'A'), q) * d.boost"
                rank_params: list[Any] = [config]
            else:
                rank, rank_params = "ts_rank(d.vector, q) * d.boost", []
            if candidates and total is not None and total > candidates:
                rows = fetch(
                    f"SELECT question_id, {rank} AS rank FROM (SELECT d.question_id, d.vector, "  # noqa: S608
                    f"d.title, d.boost, d.created_at, d.score, q {base} "
                    f"ORDER BY d.question_id DESC LIMIT %s) d "
                    f"ORDER BY {order}, d.question_id DESC LIMIT %s OFFSET %s",
                    [*rank_params, config, tsquery, *params, candidates, limit, offset],
                )
            else:
                window = ", count(*) OVER ()" if count == "window" else ""
                rows = fetch(
                    f"SELECT d.question_id, {rank} AS rank{window} {base} "
                    f"ORDER BY {order}, d.question_id DESC LIMIT %s OFFSET %s",
                    [*rank_params, config, tsquery, *params, limit, offset],
                )
                if count == "window":
                    total = rows[0][2] if rows else 0
                    if not rows and offset:  # a page past the end: count on its own
                        total = fetch(count_sql, [config, tsquery, *params])[0][0]
            ids = [r[0] for r in rows]
            if not details:
                return [backends.Hit(i, mark_safe(""), mark_safe("")) for i in ids], len(ids)
            if not ids:
                return [], total
            options = f"StartSel={backends.START}, StopSel={backends.STOP}"
            snippets = {
                r[0]: (r[1], r[2])
                for r in fetch(
                    "SELECT d.question_id, "
                    "ts_headline(%s::regconfig, d.title, q, %s), "
                    "ts_headline(%s::regconfig, left(d.body, %s), q, %s) "
                    "FROM search_searchdocument d, to_tsquery(%s::regconfig, %s) q "
                    "WHERE d.question_id = ANY(%s)",
                    [config, options + ", HighlightAll=true", config, snippet_chars,
                     options + ', MaxWords=30, MinWords=12, MaxFragments=2, '
                     'FragmentDelimiter=" … "', config, tsquery, ids],
                )
            }  # fmt: skip
            empty = ("", "")
            return [
                backends.Hit(i, backends.highlighted(snippets.get(i, empty)[0]),
                             backends.highlighted(snippets.get(i, empty)[1]))
                for i in ids
            ], total  # fmt: skip

    return Patched()


@contextlib.contextmanager
def rolled_back(statements: list[str]) -> Iterator[None]:
    """Run DDL (e.g. CREATE INDEX) in a transaction that is rolled back afterwards."""
    from django.db import connection, transaction

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                for sql in statements:
                    started = time.perf_counter()
                    cursor.execute(sql)
                    log(f"  {sql[:90]} ({time.perf_counter() - started:.1f} s)")
                if connection.vendor == "postgresql":
                    cursor.execute("ANALYZE search_searchdocument")
            yield
            raise Rollback
    except Rollback:
        pass


def questions_by_pk(ids: list[int]) -> dict[int, Any]:
    """selectors._questions with the status checked in Python: the same rows, but SQLite (no
    ANALYZE statistics) then looks the ids up by primary key instead of scanning the index
    q_activity (status, ...) over every published question."""
    from django.db.models import Prefetch

    from mindwell.qa.models import Question, Status
    from mindwell.taxonomy.models import Tag

    rows = (
        Question.objects.filter(pk__in=ids)
        .select_related("author", "category")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .defer("body", "body_html", "notify_email")
    )
    return {q.pk: q for q in rows if q.status == Status.PUBLISHED}


SQLITE_PREFIX_234 = [
    "DROP TABLE search_fts",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, tags, body,
        content='search_searchdocument', content_rowid='question_id',
        tokenize='porter unicode61 remove_diacritics 2', prefix='2 3 4'
    )""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "INSERT INTO search_fts(search_fts) VALUES ('optimize')",
]
SQLITE_COVERING = [
    "CREATE INDEX bench_search_rank ON search_searchdocument "
    "(question_id, boost, score, created_at)"
]


def current_backend() -> Any:
    """The backend of the code in the tree, as selectors.search() uses it."""
    from mindwell.search import backends

    return backends.backend()


def postgres_phrases_by_gin() -> Any:
    """The current PostgresBackend, but queries with a phrase always go through the GIN index:
    the planner estimates a phrase like the AND of its words, far above its real matches, so
    the current code walks the primary key testing (detoasting) nearly every row."""
    from mindwell.search import backends

    class Patched(backends.PostgresBackend):
        def search(self, query, filters, **kwargs):  # type: ignore[no-untyped-def]
            if not any(len(t.words) > 1 for t in query.positive):
                return super().search(query, filters, **kwargs)
            saved = backends.BITMAP_BELOW_ROWS  # type: ignore[attr-defined]
            backends.BITMAP_BELOW_ROWS = 10**12  # type: ignore[attr-defined]
            try:
                return super().search(query, filters, **kwargs)
            finally:
                backends.BITMAP_BELOW_ROWS = saved  # type: ignore[attr-defined]

    return Patched()


PHRASE_FROM = "FROM search_searchdocument d, to_tsquery(%s::regconfig, %s) q WHERE "


def phrases_within_newest(window: int) -> Callable[[], Any]:
    """An execute wrapper for the current PostgresBackend: a query with a phrase is checked
    only on the `window` newest documents that have all its words (the GIN index finds
    those without reading the rows), not on every such document: checking a phrase reads
    (detoasts) the row's whole vector, and common words co-occur in half the documents."""

    def wrapper(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        if (
            PHRASE_FROM in sql
            and "ts_rank(" in sql
            and any(isinstance(p, str) and "<->" in p for p in params)
        ):
            i = next(i for i, p in enumerate(params) if isinstance(p, str) and "<->" in p)
            words = params[i].replace(" <-> ", " & ")
            sql = sql.replace(
                PHRASE_FROM,
                "FROM (SELECT d.* FROM search_searchdocument d, to_tsquery(%s::regconfig, %s) w "  # noqa: S608
                f"WHERE d.vector @@ w ORDER BY d.question_id DESC LIMIT {window}) d, "
                "to_tsquery(%s::regconfig, %s) q WHERE ",
            )
            params = [*params[: i - 1], params[i - 1], words, *params[i - 1 :]]
        return execute(sql, params, many, context)

    return lambda: wrapper


@dataclass
class Variant:
    name: str
    backend: Callable[[], Any] = current_backend
    ddl: list[str] = field(default_factory=list)  # run first, rolled back afterwards
    questions_by_pk: bool = False
    session: list[str] = field(default_factory=list)  # e.g. SET random_page_cost (then RESET)
    rewrite: tuple[str, str] | None = None  # (old, new) text in every statement of the backend
    needs: str = ""  # text that must be in backends.py for the variant to mean anything
    wrapper: Callable[[], Any] | None = None  # a connection.execute_wrapper during the pass


SNIPPET_5000 = ("left(d.body, 20000)", "left(d.body, 5000)")


def variants(vendor: str, previous: bool) -> list[Variant]:
    """Patches on top of the code in the tree (the first row); with `previous`, those measured
    against the code before the CANDIDATES change (exact ranking of every match)."""
    if vendor == "sqlite" and previous:
        return [
            Variant("previous code (ranks every match)", lambda: sqlite_variant()),
            Variant("A: exact count from FTS5 alone", lambda: sqlite_variant(count="fts")),
            Variant("C: A + covering index (question_id, boost, ...)",
                    lambda: sqlite_variant(count="fts"), SQLITE_COVERING),
            Variant("K5: A + rank the newest 5,000 of more",
                    lambda: sqlite_variant(count="fts", candidates=5000)),
            Variant("K2: A + rank the newest 2,000 of more",
                    lambda: sqlite_variant(count="fts", candidates=2000)),
        ]  # fmt: skip
    if vendor == "sqlite":
        return [
            Variant("current code"),
            Variant("Q: _questions by primary key", questions_by_pk=True),
            Variant("P: FTS5 prefix index '2 3 4'", ddl=SQLITE_PREFIX_234),
            Variant("QP: Q + P", ddl=SQLITE_PREFIX_234, questions_by_pk=True),
            Variant("exact: rank every match (previous code)", lambda: sqlite_variant()),
        ]  # fmt: skip
    if previous:
        rpc = ["SET random_page_cost = 1.1"]
        return [
            Variant("previous code (ranks every match)", lambda: postgres_variant()),
            Variant("B: count capped at 1,001", lambda: postgres_variant(count="cap")),
            Variant("W: exact count by count(*) OVER () in the ranking statement",
                    lambda: postgres_variant(count="window")),
            Variant("T: rank on the title only", lambda: postgres_variant(rank_on="title")),
            Variant("R: random_page_cost 1.1 (GIN bitmap scans)", lambda: postgres_variant(),
                    session=rpc),
            Variant("K2: R + B + rank the newest 2,000 of more",
                    lambda: postgres_variant(count="cap", candidates=2000), session=rpc),
        ]  # fmt: skip
    return [
        Variant("current code"),
        Variant("Q: _questions by primary key", questions_by_pk=True),
        Variant("F: phrases always through the GIN index", postgres_phrases_by_gin,
                needs="BITMAP_BELOW_ROWS"),
        Variant("S: snippets from the first 5,000 characters", rewrite=SNIPPET_5000,
                needs=SNIPPET_5000[0]),
        Variant("FS: F + S", postgres_phrases_by_gin, rewrite=SNIPPET_5000,
                needs="BITMAP_BELOW_ROWS"),
        Variant("N5: phrases checked in the newest 5,000 documents with all their words",
                wrapper=phrases_within_newest(5000), needs=PHRASE_FROM),
        Variant("N2: phrases checked in the newest 2,000 documents with all their words",
                wrapper=phrases_within_newest(2000), needs=PHRASE_FROM),
        Variant("SN2: S + N2", rewrite=SNIPPET_5000, wrapper=phrases_within_newest(2000),
                needs=PHRASE_FROM),
        Variant("exact: rank every match (previous code)", lambda: postgres_variant()),
    ]  # fmt: skip


# Measurements ----------------------------------------------------------------------------------


def statement_kind(sql: str) -> str:
    if sql.startswith(("EXPLAIN", "SET", "SAVEPOINT", "RELEASE", "BEGIN", "COMMIT")):
        return "other"
    if "highlight(" in sql or "ts_headline(" in sql:
        return "snippets"
    if '"qa_question' in sql or '"taxonomy_tag"' in sql:
        return "questions"
    if "count(*)" in sql and "OVER" not in sql:
        return "count"
    return "ids"


def breakdown(queries: dict[str, list[search_bench.Query]]) -> None:
    """The time of each kind of SQL statement of selectors.search(), per class: the ranking
    statement (ids), the count, the snippets, the question rows, other statements (EXPLAIN,
    SET, savepoints) and the rest (Python). Statements run through backends._fetch and
    selectors._questions are timed with their fetching (SQLite computes most rows while they
    are fetched); the others (cursor.execute) by an execute wrapper."""
    from django.db import connection

    from mindwell.search import backends, selectors

    spent: dict[str, float] = {}
    inside = [0]
    original_fetch, original_questions = backends._fetch, selectors._questions

    def add(kind: str, started: float) -> None:
        spent[kind] = spent.get(kind, 0.0) + time.perf_counter() - started

    def timed_fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        started, inside[0] = time.perf_counter(), inside[0] + 1
        try:
            return original_fetch(sql, params)
        finally:
            inside[0] -= 1
            add(statement_kind(sql.lstrip()), started)

    def timed_questions(ids: list[int]) -> Any:
        started, inside[0] = time.perf_counter(), inside[0] + 1
        try:
            return original_questions(ids)
        finally:
            inside[0] -= 1
            add("questions", started)

    def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if not inside[0]:
                add(statement_kind(sql.lstrip()), started)

    parts = ("ids", "count", "snippets", "questions", "other", "python", "total")
    cells: list[list[str]] = []
    backends._fetch = timed_fetch  # type: ignore[assignment]
    selectors._questions = timed_questions  # type: ignore[assignment]
    try:
        with connection.execute_wrapper(timed):
            for kind, items in queries.items():
                samples: dict[str, list[float]] = {p: [] for p in parts}
                for q in items:
                    spent.clear()
                    started = time.perf_counter()
                    selectors.search(q.text)
                    total = time.perf_counter() - started
                    for p in parts[:5]:
                        samples[p].append(spent.get(p, 0.0) * 1000)
                    samples["python"].append((total - sum(spent.values())) * 1000)
                    samples["total"].append(total * 1000)
                cells.append([kind] + [
                    f"{search_bench.percentile(samples[p], 50):.1f} / "
                    f"{search_bench.percentile(samples[p], 95):.1f}" for p in parts
                ])  # fmt: skip
    finally:
        backends._fetch = original_fetch  # type: ignore[assignment]
        selectors._questions = original_questions  # type: ignore[assignment]
    print("\nWhere the time goes: p50 / p95 ms of each part of selectors.search()\n")
    print(search_bench.format_table(["class", *parts], cells))


def explain(texts: Any, queries: dict[str, list[search_bench.Query]]) -> None:
    """The plans of the statements the code in the tree runs for a common word, a phrase and
    a 4-letter prefix (EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL;
    a SET LOCAL the backend does first is not repeated)."""
    from django.db import connection

    from mindwell.search import selectors

    picks = [texts.content_words[0], queries["phrase"][0].text]
    picks += [q.text for q in queries["prefix"] if len(q.text) == 5][:1]
    for text in picks:
        captured: list[tuple[str, Any]] = []

        def capture(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            captured.append((sql, params))  # noqa: B023 - used in this pass
            return execute(sql, params, many, context)

        with connection.execute_wrapper(capture):
            selectors.search(text)
        print(f"\nPlans for the query {text!r}")
        for sql, params in captured:
            kind = statement_kind(sql.lstrip())
            if kind not in ("ids", "count", "snippets"):
                continue
            prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else (
                "EXPLAIN (ANALYZE, BUFFERS) ")  # fmt: skip
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql, params)
                print(f"  {kind}: {' '.join(sql.split())[:160]}...")
                for row in cursor.fetchall():
                    print(f"      {row[-1]}")


def run_variants(
    queries: dict[str, list[search_bench.Query]], names: list[str] | None, previous: bool
) -> None:
    from django.db import connection

    from mindwell.search import backends, selectors

    source = Path(backends.__file__).read_text()
    saved = selectors.backend, selectors._questions, backends._fetch
    reference: dict[str, list[tuple[list[int], int]]] = {}
    cells: list[list[str]] = []
    for number, variant in enumerate(variants(connection.vendor, previous)):
        name = variant.name
        if number and names and not any(name.startswith(n) for n in names):
            continue
        if variant.needs and variant.needs not in source:
            log(f"variant {name}: skipped, {variant.needs!r} is no longer in backends.py")
            continue
        log(f"variant {name}")
        selectors.backend = variant.backend  # type: ignore[assignment]
        if variant.questions_by_pk:
            selectors._questions = questions_by_pk  # type: ignore[assignment]
        if variant.rewrite:
            old, new = variant.rewrite
            fetch = saved[2]

            def rewritten(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
                return fetch(sql.replace(old, new), params)  # noqa: B023 - used in this pass

            backends._fetch = rewritten  # type: ignore[assignment]
        with connection.cursor() as cursor:
            for sql in variant.session:
                cursor.execute(sql)
        wrapping = (
            connection.execute_wrapper(variant.wrapper()) if variant.wrapper
            else contextlib.nullcontext()
        )  # fmt: skip
        try:
            with wrapping, rolled_back(variant.ddl) if variant.ddl else contextlib.nullcontext():
                for kind, items in queries.items():
                    for q in items[:10]:  # warm-up
                        selectors.search(q.text)
                    ms: list[float] = []
                    found: list[tuple[list[int], int]] = []
                    for q in items:
                        started = time.perf_counter()
                        page = selectors.search(q.text)
                        ms.append((time.perf_counter() - started) * 1000)
                        found.append(([r.question.pk for r in page.results], page.total))
                    reference.setdefault(kind, found)
                    same = [
                        (len(set(a[0]) & set(b[0])) / len(b[0]) if b[0] else float(not a[0]),
                         a[1] == b[1])
                        for a, b in zip(found, reference[kind], strict=True)
                    ]  # fmt: skip
                    overlap = sum(s[0] for s in same) / len(same) * 100
                    totals = sum(s[1] for s in same) / len(same) * 100
                    cells.append([
                        name, kind, f"{search_bench.percentile(ms, 50):.1f}",
                        f"{search_bench.percentile(ms, 95):.1f}",
                        f"{search_bench.percentile(ms, 99):.1f}",
                        f"{overlap:.0f} %", f"{totals:.0f} %",
                    ])  # fmt: skip
        finally:
            selectors.backend, selectors._questions, backends._fetch = saved  # type: ignore[assignment]
            if variant.session:
                with connection.cursor() as cursor:
                    cursor.execute("RESET ALL")
    first = "the first row" if not previous else "the previous code"
    print(f"\nVariants: selectors.search() p50/p95/p99 ms; agreement with {first}\n")
    columns = ["variant", "class", "p50 ms", "p95 ms", "p99 ms", "same top 20", "same total"]
    print(search_bench.format_table(columns, cells, left=2))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--queries", type=int, default=100, help="queries per class (100)")
    parser.add_argument("--seed", type=int, default=42, help="as bench/search.py (42)")
    parser.add_argument("--parts", default="breakdown,explain,variants")
    parser.add_argument("--variants", default="", help="name prefixes, e.g. Q,P (all)")
    parser.add_argument(
        "--previous",
        action="store_true",
        help="the variants of the code before CANDIDATES (exact ranking of every match)",
    )
    parser.add_argument("--wait-idle", type=float, default=30.0, metavar="S")
    args = parser.parse_args(argv)
    search_bench.setup_django()
    from mindwell.search.models import SearchDocument

    if not SearchDocument.objects.exists():
        parser.error("no search index: run bench/search.py first (same DATABASE_URL)")
    texts = search_bench.SearchTexts(args.seed)
    queries = search_bench.query_sets(texts, args.queries, args.seed)
    parts = set(args.parts.split(","))
    if args.wait_idle > 0:
        search_bench.bench_run.wait_until_idle(args.wait_idle)
    if "breakdown" in parts:
        breakdown(queries)
    if "explain" in parts:
        explain(texts, queries)
    if "variants" in parts:
        names = [n.strip() for n in args.variants.split(",") if n.strip()] or None
        run_variants(queries, names, args.previous)
    return 0


if __name__ == "__main__":
    sys.exit(main())
