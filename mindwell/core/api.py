"""What every JSON API operation shares: problem details (RFC 9457), cursor pages.

Apps' routers import from here; `mindwell/api.py` builds the NinjaAPI and renders errors.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from datetime import datetime
from http import HTTPStatus
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema

from mindwell.core.errors import DomainError

API_PREFIX = "/api/"
PROBLEM_TYPE = "application/problem+json"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class ProblemOut(Schema):
    """An error, as RFC 9457 problem details (`application/problem+json`)."""

    type: str = Field("about:blank", description="Always about:blank: see `code`.")
    title: str = Field(description="The HTTP status's name.")
    status: int
    detail: str = Field(description="What went wrong, in the words the site's pages use.")
    code: str = Field(description="A stable machine-readable reason, e.g. rate_limited.")


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def problem_body(status: int, detail: str, code: str) -> dict[str, Any]:
    """RFC 9457 problem details with the site's message and a stable code."""
    return {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
    }


def problem_response(
    status: int, detail: str, code: str, *, retry_after: int | None = None
) -> HttpResponse:
    """A problem-details response, for what refuses an API request before the API runs
    (middleware, Django's error handlers)."""
    response = HttpResponse(
        json.dumps(problem_body(status, detail, code)), status=status, content_type=PROBLEM_TYPE
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


# The error responses an operation documents (each one application/problem+json).
READ_ERRORS: dict[int, type[Schema]] = {
    400: ProblemOut,
    401: ProblemOut,
    404: ProblemOut,
    429: ProblemOut,
}
WRITE_ERRORS: dict[int, type[Schema]] = {
    400: ProblemOut,
    401: ProblemOut,
    403: ProblemOut,
    404: ProblemOut,
    409: ProblemOut,
    429: ProblemOut,
    503: ProblemOut,
}


class BadCursor(DomainError):
    def __init__(self) -> None:
        super().__init__("The cursor is not valid: use the `next` link of a page.", code="cursor")


def encode_cursor(values: list[Any]) -> str:
    plain = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    raw = json.dumps(plain, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, count: int) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise BadCursor from error
    if not isinstance(values, list) or len(values) != count:
        raise BadCursor
    return values


def next_link(request: HttpRequest, cursor: str | None) -> str | None:
    """The URL of the next page: this request's, with `cursor` replaced."""
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def keyset_page(
    queryset: QuerySet[Any],
    ordering: Sequence[str],
    *,
    cursor: str | None,
    limit: int,
) -> tuple[list[Any], str | None]:
    """One page of `queryset` in `ordering` (which must end with a unique field, e.g.
    "-id"), after the position `cursor` names; and the cursor of the next page, or None.

    Keyset ("seek") pagination: a page is found by the sort values of the last row seen,
    so rows added or removed meanwhile never shift or repeat a page, and deep pages cost
    what the first does. One query (limit + 1 rows)."""
    fields = [name.lstrip("-") for name in ordering]
    if cursor:
        values = decode_cursor(cursor, len(fields))
        try:
            values = [
                queryset.model._meta.get_field(name).to_python(value)
                for name, value in zip(fields, values, strict=True)
            ]
        except Exception as error:
            raise BadCursor from error
        after = Q()
        for i, name in enumerate(ordering):
            op = "lt" if name.startswith("-") else "gt"
            step = Q(**{f"{fields[i]}__{op}": values[i]})
            for j in range(i):
                step &= Q(**{fields[j]: values[j]})
            after |= step
        queryset = queryset.filter(after)
    rows = list(queryset.order_by(*ordering)[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, encode_cursor([getattr(last, name) for name in fields])
