"""One page of any list, the same way everywhere."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any, cast

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import SimpleLazyObject

from mindwell.core import runtime
from mindwell.core.cache import get_version

COUNT_SECONDS = 300


class VersionedCountPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator whose COUNT(*) is kept in the shared cache until the named content
    version changes (a post, an edit, a vote, a moderation action bumps "questions"), so
    a list page does not count every row on every view."""

    def __init__(self, *args: Any, version: str, count_key: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        what = self.count_key
        if not what:  # hash the SQL (compiling it costs a few milliseconds on a list query)
            sql, params = self.object_list.query.sql_with_params()  # type: ignore[attr-defined]
            what = hashlib.blake2b(f"{sql}|{params!r}".encode(), digest_size=12).hexdigest()
        key = f"count:{self.version}:{get_version(self.version)}:{what}"
        found = cache.get(key)
        if found is None:
            found = super().count
            cache.set(key, found, COUNT_SECONDS)
        return int(found)


class Deferred:
    """An ordered queryset built when its rows are first wanted: a list whose page is drawn
    from the cache (its template's `{% cache %}` fragment) and whose count is cached never
    builds it. Building a list's queryset (filters, joins, prefetches, ordering) cost
    0.25-0.35 ms of a member's 4-5 ms list page, for rows that were not read."""

    ordered = True  # for the Paginator's check: what build() returns must be ordered

    def __init__(self, build: Callable[[], QuerySet[Any]]) -> None:
        self._build = build
        self._built: QuerySet[Any] | None = None

    @property
    def queryset(self) -> QuerySet[Any]:
        if self._built is None:
            self._built = self._build()
        return self._built

    def __getitem__(self, index: Any) -> Deferred:
        return Deferred(lambda: self.queryset[index])

    def __iter__(self) -> Iterator[Any]:
        return iter(self.queryset)

    def __len__(self) -> int:
        return len(self.queryset)

    def __bool__(self) -> bool:
        return bool(self.queryset)

    def count(self) -> int:
        return self.queryset.count()

    @property
    def query(self) -> Any:
        return self.queryset.query


def paginate(
    queryset: QuerySet[Any] | Callable[[], QuerySet[Any]],
    page: Any,
    per_page: int | None = None,
    *,
    version: str = "",
    count_key: str = "",
) -> Page[Any]:
    """One page of results; an out-of-range or junk page number shows the last/first page.
    `version`: the content version that changes the list's length ("questions" for lists
    of questions and tags), so its count can be cached until then; `count_key` names what
    the list counts (e.g. "tag:12": the same for every sort), else its SQL is hashed.
    `queryset` may be a function that builds an ordered one: it is called only when the
    page's rows or count are read (`Deferred`), and the page is then found when first read."""
    rows: Any = queryset
    if callable(queryset) and not isinstance(queryset, QuerySet):
        rows = Deferred(queryset)
    size = per_page or runtime.get("lists.page_size")
    paginator: Paginator[Any] = (
        VersionedCountPaginator(rows, size, version=version, count_key=count_key)
        if version
        else Paginator(rows, size)
    )
    if isinstance(rows, Deferred):
        # Nor is the page number checked against the count until the page is read: a
        # member's list page whose blocks come drawn (core.shell) reads neither.
        return cast(Page[Any], SimpleLazyObject(lambda: paginator.get_page(page)))
    return paginator.get_page(page)
