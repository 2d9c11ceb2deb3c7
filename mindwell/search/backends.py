"""Full-text search on the database in use: SQLite FTS5 or PostgreSQL tsvector.

Both return the same contract: ranked question ids with highlighted title and
snippet (escaped HTML with <mark>), and the total number of matches.
"""

from __future__ import annotations

import hashlib
import json
import math
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


def _order(rows: list[tuple[Any, ...]], sort: str) -> list[int]:
    """Sort candidate rows (id, rank, key): the key is the creation time for "newest" and
    the score for "votes" (unused otherwise); rank is higher-is-better."""
    if sort == "newest":
        rows.sort(key=lambda r: (r[2], r[0]), reverse=True)
    elif sort == "votes":
        rows.sort(key=lambda r: (r[2], r[1], r[0]), reverse=True)
    else:
        rows.sort(key=lambda r: (r[1], r[0]), reverse=True)
    return [r[0] for r in rows]


def _sort_key(sort: str) -> str:
    """The column a sort needs besides the rank (converting 1,000 timestamps is not free)."""
    return {"newest": "d.created_at", "votes": "d.score"}.get(sort, "NULL")


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
            f"{_sort_key(sort)} FROM search_fts "
            # What ranking reads, from an index (migration 0006): the rows hold the body.
            "JOIN search_searchdocument d INDEXED BY search_document_ranking "
            "ON d.question_id = search_fts.rowid "
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
        clauses, params = _where(filters)
        pairs, pair_params = ([], []) if any_word else _phrase_pairs(query, config)
        if pairs:
            # The pairs index finds a phrase's documents; the words' own index would only
            # add every document holding both words (most of them, for common words). The
            # function form of @@ keeps the planner from using it, and the estimate is the
            # pairs' (the planner cannot estimate the function).
            match = _Match(
                tsquery, tsparams, "ts_match_vq(d.vector, q)", pairs + clauses,
                pair_params + params, planner_estimates_match=False,
            )  # fmt: skip
        else:
            match = _Match(tsquery, tsparams, "d.vector @@ q", clauses, params)
        if not details:  # related/similar questions: a few ids, no planner hint needed
            rows = _fetch(*match.candidates(sort))
            ids = _order(rows, sort)[offset : offset + limit]
            return [Hit(i, mark_safe(""), mark_safe("")) for i in ids], len(ids)
        with transaction.atomic(), connection.cursor() as cursor:
            rows = _newest_matches(cursor, match, sort)
        total = len(rows)
        ids = _order(rows, sort)[offset : offset + limit]
        if not ids:
            return [], total
        options = f"StartSel={START}, StopSel={STOP}"
        snippets = {
            r[0]: (r[1], r[2])
            for r in _fetch(
                "SELECT d.question_id, "  # noqa: S608 (source: SQL built from parameters)
                "ts_headline(%s::regconfig, d.title, q, %s), "
                "ts_headline(%s::regconfig, substr(d.body, "
                f"greatest(1, coalesce(w.at, 1) - {SNIPPET_BEFORE}), {SNIPPET_WINDOW}), q, %s) "
                f"FROM {match.source()}, "
                f"LATERAL (SELECT lower(left(d.body, {SNIPPET_SEARCHED})) AS b OFFSET 0) l, "
                "LATERAL (SELECT min(nullif(strpos(l.b, n), 0)) AS at "
                "FROM unnest(%s::text[]) AS n) w "
                "WHERE d.question_id = ANY(%s)",
                [
                    config,
                    options + ", HighlightAll=true",
                    config,
                    options + ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "',
                    *tsparams,
                    _needles(query),
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


SNIPPET_SEARCHED = 5000  # characters of the body searched for the first match (as before)
SNIPPET_BEFORE = 100  # characters of the body before the first match given to ts_headline
SNIPPET_WINDOW = 500  # characters of the body given to ts_headline (its cost grows with them)
WALK_ABOVE = 0.25  # share of the documents expected to match above which walking newest first wins
WINDOW_MATCHES = 2 * CANDIDATES  # matches a window of the newest documents is sized to hold


def _needles(query: ParsedQuery) -> list[str]:
    """What marks the first match in a body: the beginnings of the query's words (the
    stemmer keeps the start of most English words: "sessions" and "session" share
    "sessi"). ts_headline is given a window of the body from a little before the first
    one (within the first SNIPPET_SEARCHED characters, where it looked before) instead
    of all of those characters: it parses and stems every word it is given."""
    found: list[str] = []
    for term in query.positive:
        for word in term.words:
            needle = word if term.prefix else word[: max(3, len(word) - 3)]
            if needle not in found:
                found.append(needle)
    return found


@dataclass
class _Match:
    """The SQL of one PostgreSQL search: the tsquery, the match and the other conditions."""

    tsquery: str
    tsparams: list[Any]
    match: str  # the full-text condition on d.vector
    clauses: list[str]
    params: list[Any]
    planner_estimates_match: bool = True  # False: estimate from the other conditions alone

    def source(self) -> str:
        return f"search_searchdocument d, (SELECT {self.tsquery} AS q) qs"

    def candidates(self, sort: str, *, newer_than: int | None = None) -> tuple[str, list[Any]]:
        """The newest CANDIDATES matches (ids sorted alone, then joined to their vectors to
        rank them: sorting the vectors along with the ids spilled to disk), with their rank
        and the column the sort needs."""
        where, params = [self.match, *self.clauses], list(self.params)
        if newer_than is not None:
            where.append("d.question_id > %s")
            params.append(newer_than)
        sql = (
            f"SELECT d.question_id, ts_rank(d.vector, qs.q) * d.boost, {_sort_key(sort)} "  # noqa: S608
            f"FROM (SELECT d.question_id FROM {self.source()} WHERE {' AND '.join(where)} "
            f"ORDER BY d.question_id DESC LIMIT {CANDIDATES}) c "
            "JOIN search_searchdocument d ON d.question_id = c.question_id, "
            f"(SELECT {self.tsquery} AS q) qs"
        )
        return sql, [*self.tsparams, *params, *self.tsparams]

    def estimated(self) -> tuple[str, list[Any]]:
        """The statement whose row estimate is the number of matches."""
        where = [self.match, *self.clauses] if self.planner_estimates_match else self.clauses
        sql = f"SELECT 1 FROM {self.source()} WHERE {' AND '.join(where) or 'true'}"  # noqa: S608
        return sql, [*self.tsparams, *self.params]


def _newest_matches(cursor: Any, match: _Match, sort: str) -> list[tuple[Any, ...]]:
    """The CANDIDATES newest matches, read the cheapest way for how common the query is.

    Walking the primary key backwards and testing each document is cheapest when most
    documents match (it stops after CANDIDATES matches). Otherwise the GIN index finds the
    matches, and only those among the newest documents are read: the id range is sized
    from the planner's estimate to hold about WINDOW_MATCHES of them (the index's list and
    the range's are intersected before any row is read). When the estimate was too high
    and the range holds fewer than CANDIDATES matches, the search runs again over every
    document: the same rows as without a range, never fewer.
    """
    estimate, (low, high, documents) = _estimate(cursor, match)
    if documents and estimate >= WALK_ABOVE * documents:
        cursor.execute(*match.candidates(sort))
        return list(cursor.fetchall())
    cursor.execute("SET LOCAL enable_indexscan = off")
    span = high - low + 1
    window = math.ceil(span * WINDOW_MATCHES / max(estimate, 1.0))
    if window < span:
        cursor.execute(*match.candidates(sort, newer_than=high - window))
        rows = list(cursor.fetchall())
        if len(rows) >= CANDIDATES:
            return rows
    cursor.execute(*match.candidates(sort))
    return list(cursor.fetchall())


def _estimate(cursor: Any, match: _Match) -> tuple[float, tuple[int, int, float]]:
    """The planner's estimate of the matches (asked once per query text and configuration,
    kept in the cache for an hour: it moves slowly with the data), and the documents' id
    range and number (kept a minute; newer documents fall inside any range that reaches
    the newest)."""
    sql, params = match.estimated()
    key = "search-plan:" + hashlib.blake2b(repr((sql, params)).encode(), digest_size=12).hexdigest()
    found = cache.get_many([key, "search-bounds"])
    estimate, bounds = found.get(key), found.get("search-bounds")
    if estimate is None:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        estimate = float(plan[0]["Plan"]["Plan Rows"])
        cache.set(key, estimate, 3600)
    if bounds is None:
        cursor.execute(
            "SELECT coalesce(min(question_id), 0), coalesce(max(question_id), 0), "
            "(SELECT greatest(reltuples, 0) FROM pg_class "
            "WHERE oid = 'search_searchdocument'::regclass) FROM search_searchdocument"
        )
        bounds = tuple(cursor.fetchone())
        cache.set("search-bounds", bounds, 60)
    return estimate, bounds


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


def backend() -> SQLiteBackend | PostgresBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SQLiteBackend()
