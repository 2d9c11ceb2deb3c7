"""One page of any list, the same way everywhere."""

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def paginate(queryset: QuerySet[Any], page: Any, per_page: int | None = None) -> Page[Any]:
    """One page of results; an out-of-range or junk page number shows the last/first page."""
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    return paginator.get_page(page)
