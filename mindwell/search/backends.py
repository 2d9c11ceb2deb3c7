"""Full-text search on the database in use: SQLite FTS5 or PostgreSQL tsvector.

Both return the same contract: ranked question ids with highlighted title and
snippet (escaped HTML with <mark>), and the total number of matches.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mindwell.search.query import ParsedQuery, Term

START, STOP = "\x02", "\x03"  # never in stored text: core.markdown.clean_text strips them
SORTS = ("relevance", "newest", "votes")


@dataclass
class Filters:
    category_path: str = ""
    tag_id: int | None = None
    answered: bool | None = None  # True: has answers; False: none yet
    exclude_id: int | None = None


@dataclass
class Hit:
    question_id: int
    title_html: SafeString
    snippet_html: SafeString


def highlighted(text: str | None) -> SafeString:
    """Escape text and turn the database's START/STOP markers into <mark>."""
    html = escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags added


def _where(filters: Filters) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.category_path:
        clauses.append("d.category_path LIKE %s")
        params.append(filters.category_path + "%")
    if filters.tag_id is not None:
        clauses.append(
            "d.question_id IN (SELECT question_id FROM qa_question_tags WHERE tag_id = %s)"
        )
        params.append(filters.tag_id)
    if filters.answered is True:
        clauses.append("d.answer_count > 0")
    elif filters.answered is False:
        clauses.append("d.answer_count = 0")
    if filters.exclude_id is not None:
        clauses.append("d.question_id <> %s")
        params.append(filters.exclude_id)
    return clauses, params


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


CANDIDATES = 1000  # matches ranked per query: the newest ones
BITMAP_BELOW_ROWS = 10_000  # PostgreSQL: expected matches below which the GIN index wins


def _order(rows: list[tuple[int, float, Any, int]], sort: str) -> list[int]:
    """Sort candidate rows (id, rank, created_at, score); rank is higher-is-better."""
    if sort == "newest":
        rows.sort(key=lambda r: (r[2], r[0]), reverse=True)
    elif sort == "votes":
        rows.sort(key=lambda r: (r[3], r[1], r[0]), reverse=True)
    else:
        rows.sort(key=lambda r: (r[1], r[0]), reverse=True)
    return [r[0] for r in rows]


class SQLiteBackend:
    """FTS5 with bm25 (weights: title 10, tags 4, body 1) times the document's boost.

    Ranking every match of a common word costs time in proportion to the matches, so
    each query ranks at most the CANDIDATES newest matches (FTS5 walks its index in
    rowid order, so finding them is cheap); the total shown is capped the same way.
    """

    @staticmethod
    def expression(query: ParsedQuery, *, any_word: bool = False) -> str:
        def term(t: Term) -> str:
            text = '"' + " ".join(t.words) + '"'
            return text + "*" if t.prefix else text

        if any_word:
            return " OR ".join(term(t) for t in query.positive)
        expr = " AND ".join(term(t) for t in query.positive)
        for t in query.negative:
            expr += " NOT " + term(t)
        return expr

    def search(
        self,
        query: ParsedQuery,
        filters: Filters,
        *,
        sort: str,
        limit: int,
        offset: int,
        any_word: bool = False,
        details: bool = True,
    ) -> tuple[list[Hit], int]:
        match = self.expression(query, any_word=any_word)
        clauses, params = _where(filters)
        where = " AND ".join(["search_fts MATCH %s", *clauses])
        rows = _fetch(
            "SELECT d.question_id, -bm25(search_fts, 10.0, 4.0, 1.0) * d.boost, "  # noqa: S608
            "d.created_at, d.score FROM search_fts "
            "JOIN search_searchdocument d ON d.question_id = search_fts.rowid "
            f"WHERE {where} ORDER BY search_fts.rowid DESC LIMIT {CANDIDATES}",
            [match, *params],
        )
        total = len(rows)
        ids = _order(rows, sort)[offset : offset + limit]
        if not details:  # ids only, no snippets
            return [Hit(i, mark_safe(""), mark_safe("")) for i in ids], len(ids)
        if not ids:
            return [], total
        marks = ", ".join(["%s"] * len(ids))
        snippets = {
            r[0]: (r[1], r[2])
            for r in _fetch(
                f"SELECT rowid, highlight(search_fts, 0, %s, %s), "  # noqa: S608
                f"snippet(search_fts, 2, %s, %s, '…', 28) FROM search_fts "
                f"WHERE search_fts MATCH %s AND rowid IN ({marks})",
                [START, STOP, START, STOP, match, *ids],
            )
        }
        hits = [
            Hit(
                i,
                highlighted(snippets.get(i, ("", ""))[0]),
                highlighted(snippets.get(i, ("", ""))[1]),
            )
            for i in ids
        ]
        return hits, total


class PostgresBackend:
    """tsvector (title A, tags B, body C) with ts_rank times the document's boost, over
    the CANDIDATES newest matches (the planner walks the primary key backwards for
    common words and uses the GIN index for rare ones)."""

    @staticmethod
    def expression(query: ParsedQuery, *, any_word: bool = False) -> tuple[str, list[Any]]:
        """The query as a tsquery-valued SQL expression and its parameters. Whole words are
        read with the site's text-search configuration (stemmed, stop words dropped); a
        prefix (`anx*`, `the*`) also with 'simple' (not stemmed, no stop words): otherwise
        `the*` would be dropped as a stop word and `relationships*` would have to match the
        stem `relationship`. Words reach SQL only as parameters (and only word characters)."""
        config = settings.SEARCH_CONFIG
        params: list[Any] = []

        def word(w: str, prefix: bool) -> str:
            if not prefix:
                params.extend([config, f"'{w}'"])
                return "to_tsquery(%s::regconfig, %s)"
            params.extend([config, f"'{w}':*", f"'{w}':*"])
            return "(to_tsquery(%s::regconfig, %s) || to_tsquery('simple', %s))"

        def term(t: Term) -> str:
            if len(t.words) == 1:
                return word(t.words[0], t.prefix)
            # A phrase: phraseto_tsquery keeps the distance a stop word leaves ("fear of
            # failure" is 'fear' <2> 'failur'; chaining words with <-> lost it).
            params.extend([config, " ".join(t.words)])
            return "phraseto_tsquery(%s::regconfig, %s)"

        joined = (" || " if any_word else " && ").join(term(t) for t in query.positive)
        if not any_word and query.negative:
            joined = f"({joined})" + "".join(f" && !!{term(t)}" for t in query.negative)
        return joined, params

    def search(
        self,
        query: ParsedQuery,
        filters: Filters,
        *,
        sort: str,
        limit: int,
        offset: int,
        any_word: bool = False,
        details: bool = True,
    ) -> tuple[list[Hit], int]:
        config = settings.SEARCH_CONFIG
        tsquery, tsparams = self.expression(query, any_word=any_word)
        source = f"search_searchdocument d, (SELECT {tsquery} AS q) qs"
        clauses, params = _where(filters)
        if not any_word:
            pairs, pair_params = _phrase_pairs(query, config)
            clauses, params = pairs + clauses, pair_params + params
        where = " AND ".join(["d.vector @@ q", *clauses])
        sql = (
            "SELECT c.question_id, ts_rank(c.vector, c.q) * c.boost, c.created_at, c.score "  # noqa: S608
            "FROM (SELECT d.question_id, d.vector, d.boost, d.created_at, d.score, q "
            f"FROM {source} WHERE {where} "
            f"ORDER BY d.question_id DESC LIMIT {CANDIDATES}) c"
        )
        if not details:  # related/similar questions: a few ids, no planner hint needed
            rows = _fetch(sql, [*tsparams, *params])
            ids = _order(rows, sort)[offset : offset + limit]
            return [Hit(i, mark_safe(""), mark_safe("")) for i in ids], len(ids)
        with transaction.atomic(), connection.cursor() as cursor:
            # Walking the primary key backwards and testing each row is fast when most
            # rows match, slow when few do (each test reads the row's vector): for a
            # word the planner expects to be uncommon, use the GIN index instead. The
            # planner's estimate is asked once per query text and kept in the cache.
            if _uncommon(cursor, f"{source} WHERE {where}", [*tsparams, *params]):
                cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(sql, [*tsparams, *params])
            rows = list(cursor.fetchall())
        total = len(rows)
        ids = _order(rows, sort)[offset : offset + limit]
        if not details:  # ids only, no snippets
            return [Hit(i, mark_safe(""), mark_safe("")) for i in ids], len(ids)
        if not ids:
            return [], total
        options = f"StartSel={START}, StopSel={STOP}"
        snippets = {
            r[0]: (r[1], r[2])
            for r in _fetch(
                "SELECT d.question_id, "  # noqa: S608 (source: SQL built from parameters)
                "ts_headline(%s::regconfig, d.title, q, %s), "
                "ts_headline(%s::regconfig, left(d.body, 5000), q, %s) "
                f"FROM {source} "
                "WHERE d.question_id = ANY(%s)",
                [
                    config,
                    options + ", HighlightAll=true",
                    config,
                    options + ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "',
                    *tsparams,
                    ids,
                ],
            )
        }
        return [
            Hit(
                i,
                highlighted(snippets.get(i, ("", ""))[0]),
                highlighted(snippets.get(i, ("", ""))[1]),
            )
            for i in ids
        ], total


def _phrase_pairs(query: ParsedQuery, config: str) -> tuple[list[str], list[Any]]:
    """Conditions on the `pairs` index (migration 0004) for each phrase of the query: the
    documents holding every pair of the phrase's neighbouring words, a small superset of
    those holding the phrase (which `vector @@ q` then confirms). A phrase of stop words has
    no pairs and adds no condition. One round trip, only for queries with a phrase."""
    phrases = [" ".join(t.words) for t in query.positive if len(t.words) >= 2]
    if not phrases:
        return [], []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_pairs_query(%s::regconfig, p)::text FROM unnest(%s::text[]) AS p",
            [config, phrases],
        )
        found = [row[0] for row in cursor.fetchall() if row[0]]
    return ["d.pairs @@ %s::tsquery"] * len(found), found


def _uncommon(cursor: Any, source: str, params: list[Any]) -> bool:
    """Whether the planner expects few documents to match (cached per query text and
    configuration for an hour: the estimate moves slowly with the data). `source` is the
    FROM and WHERE of the search."""
    key = (
        "search-plan:"
        + hashlib.blake2b(repr((source, params)).encode(), digest_size=12).hexdigest()
    )
    found = cache.get(key)
    if found is None:
        explain = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {source}"  # noqa: S608
        cursor.execute(explain, params)
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        found = plan[0]["Plan"]["Plan Rows"] < BITMAP_BELOW_ROWS
        cache.set(key, found, 3600)
    return bool(found)


def backend() -> SQLiteBackend | PostgresBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SQLiteBackend()
