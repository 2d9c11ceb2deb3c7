"""Queries whose SQL the ORM compiles once per process, run with each call's values.

Building and compiling a queryset costs Django 0.3-1 ms of CPU; running a small indexed query
costs SQLite 0.05-0.2 ms. On the pages every member opens (a question page drawn already for
others, their header) compiling is most of a query's cost, measured: the "did this member take
part in this thread" union 1.25 ms through the ORM, 0.18 ms as SQL.

A prepared query is a function of named integer arguments (ids) that returns a queryset.
It is built once with stand-in values for the arguments, compiled by the ORM for the
database in use (so it is the ORM's SQL on SQLite and PostgreSQL alike), and each call runs
that SQL with its own values. Rules, checked where they can be:

- every argument is an integer (an id), or a text where the function's signature says
  `str`, and reaches the SQL as one parameter as it is given (a compile that does not show
  each stand-in once raises: a text compared case-insensitively, say);
- every other value in the query is a constant (no dates of today, no lists whose length
  varies);
- `rows` returns the rows as the database driver gives them: ask for ids and text only;
  `converted` gives each value as the ORM would (booleans, dates and times).

The same holds for writes: `updating(queryset, **values)` is the UPDATE that
`queryset.update(**values)` runs (an increment such as ``F("points") + amount`` with `amount` an
argument), `deleting(queryset)` the DELETE of its rows without the collector (no signals, no
cascades: for models that have neither), both run with `Prepared.run`. `insert` writes rows of
any values, the SQL written once per model and fields. The vote is made of these: through
the ORM its transaction took 4-6 ms of CPU (2.2-2.6 ms prepared), while every other writer waited.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any, NamedTuple, cast

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field, Model, QuerySet
from django.db.models.sql import DeleteQuery, Query, UpdateQuery

# Stand-ins no id ever takes (negative and far beyond any row count), one per argument.
_STAND_IN = -7_340_000_000_000


class _Argument(str):
    """A parameter slot filled by the call's value of this argument, as the type the ORM
    gave its stand-in (int, or psycopg's Int4... where the ORM marks an integer column's)."""

    kind: type[int] | type[str]


class _Compiled(NamedTuple):
    sql: str
    slots: list[Any]  # the parameters: a constant, or an _Argument filled by each call
    converters: list[tuple[int, list[Any], Any]]  # (column, its converters, its expression)


class Prepared:
    def __init__(self, build: Callable[..., QuerySet[Any] | Query]) -> None:
        self.build = build
        parameters = inspect.signature(build).parameters
        self.names = tuple(parameters)
        self.texts = {n for n, p in parameters.items() if p.annotation in (str, "str")}
        self._compiled: dict[str, _Compiled] = {}  # by database alias

    def _compile(self, alias: str) -> _Compiled:
        stand_ins: dict[str, int | str] = {
            # A text with what LIKE escapes: a lookup that escapes or wraps it is refused.
            name: f"%_\\ stand-in {i}" if name in self.texts else _STAND_IN - i
            for i, name in enumerate(self.names)
        }
        names = {value: name for name, value in stand_ins.items()}

        def slot(param: Any) -> Any:
            if not isinstance(param, int | str) or isinstance(param, bool) or param not in names:
                return param
            argument = _Argument(names[param])
            argument.kind = type(param)
            return argument

        built = self.build(**stand_ins)
        query = built.query if isinstance(built, QuerySet) else built
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots = [slot(p) for p in params]
        missing = set(self.names) - {s for s in slots if isinstance(s, _Argument)}
        if missing:
            raise ValueError(
                f"{self.build.__qualname__}: {sorted(missing)} not in the SQL as given"
            )
        converters: list[tuple[int, list[Any], Any]] = []
        if type(query) is Query and not query.combinator:  # a plain SELECT: its columns
            columns = [column for column, *_ in compiler.select[: compiler.col_count]]
            found = compiler.get_converters(columns)
            converters = [(i, functions, column) for i, (functions, column) in found.items()]
        return _Compiled(sql, slots, converters)

    def _slots(self, alias: str) -> _Compiled:
        if (found := self._compiled.get(alias)) is None:
            found = self._compiled[alias] = self._compile(alias)
        return found

    def _execute(self, cursor: Any, values: Mapping[str, int | str]) -> _Compiled:
        compiled = self._slots(DEFAULT_DB_ALIAS)
        slots = compiled.slots
        cursor.execute(
            compiled.sql,
            [s.kind(values[s]) if isinstance(s, _Argument) else s for s in slots],
        )
        return compiled

    def rows(self, **values: int | str) -> list[tuple[Any, ...]]:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            self._execute(cursor, values)
            return cursor.fetchall()

    def converted(self, **values: int | str) -> list[list[Any]]:
        """The rows with each column's value as the ORM gives it (booleans, dates and
        times on SQLite), by the converters of the compiled SELECT's columns."""
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            compiled = self._execute(cursor, values)
            rows = [list(row) for row in cursor.fetchall()]
        for row in rows:
            for i, functions, column in compiled.converters:
                for convert in functions:
                    row[i] = convert(row[i], column, connection)
        return rows

    def run(self, **values: int | str) -> int:
        """Run a prepared UPDATE or DELETE; returns the number of rows it changed."""
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            self._execute(cursor, values)
            return int(cursor.rowcount)


def updating(queryset: QuerySet[Any], **values: Any) -> UpdateQuery:
    """The UPDATE that `queryset.update(**values)` runs, not run: for a prepared statement."""
    query = cast(UpdateQuery, queryset.query.chain(UpdateQuery))
    query.add_update_values(values)
    query.annotations = {}
    return query


def deleting(queryset: QuerySet[Any]) -> DeleteQuery:
    """The DELETE of the queryset's rows, not run, without Django's collector: no signals
    are sent and no related rows are deleted or nulled, so only for a model that has
    neither."""
    return cast(DeleteQuery, queryset.query.chain(DeleteQuery))


@cache
def _insert_sql(model: type[Model], fields: tuple[str, ...], rows: int, vendor: str) -> str:
    del vendor  # part of the key: the quoting is the database's
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    concrete = [cast(Field[Any, Any], model._meta.get_field(name)) for name in fields]
    columns = ", ".join(quote(field.column) for field in concrete)
    marks = ", ".join([f"({', '.join(['%s'] * len(fields))})"] * rows)
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {marks}"  # noqa: S608


def insert(model: type[Model], rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT these rows (field name -> value, the same fields in every row) in one
    statement, each value prepared by its field as the ORM prepares it. No instances are
    made, no signals sent and no defaults applied: give every column that has no database
    default."""
    if not rows:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    fields = tuple(rows[0])
    concrete = [cast(Field[Any, Any], model._meta.get_field(name)) for name in fields]
    params = [
        field.get_db_prep_save(row[name], connection)
        for row in rows
        for name, field in zip(fields, concrete, strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(model, fields, len(rows), connection.vendor), params)


def model_fields(model: type[Model], names: Iterable[str] | None = None) -> list[str]:
    """The model's columns (attnames: "author_id"), or those of `names`, in the model's order
    of fields: the order Model.from_db takes a prepared row's values in."""
    wanted = None if names is None else set(names)
    return [f.attname for f in model._meta.concrete_fields if wanted is None or f.attname in wanted]


def prepared(build: Callable[..., QuerySet[Any] | Query]) -> Prepared:
    """Decorator: `@prepared def q(user_id, question_id): return <queryset>`, then
    `q.rows(user_id=..., question_id=...)`."""
    return Prepared(build)
