"""One page of any list, the same way everywhere."""

from __future__ import annotations

import hashlib
from functools import cached_property
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

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


def paginate(
    queryset: QuerySet[Any],
    page: Any,
    per_page: int | None = None,
    *,
    version: str = "",
    count_key: str = "",
) -> Page[Any]:
    """One page of results; an out-of-range or junk page number shows the last/first page.
    `version`: the content version that changes the list's length ("questions" for lists
    of questions and tags), so its count can be cached until then; `count_key` names what
    the list counts (e.g. "tag:12": the same for every sort), else its SQL is hashed."""
    size = per_page or runtime.get("lists.page_size")
    paginator: Paginator[Any] = (
        VersionedCountPaginator(queryset, size, version=version, count_key=count_key)
        if version
        else Paginator(queryset, size)
    )
    return paginator.get_page(page)
