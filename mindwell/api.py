"""The JSON API v1 (docs at /api/v1/docs, OpenAPI 3.1 at /api/v1/openapi.json): each app's
router, authentication (accounts.api_auth), one error shape, conditional GET.

Errors are RFC 9457 problem details (`application/problem+json`) carrying the same
messages the pages show. Every successful read carries an ETag (a digest of the body) and
answers `If-None-Match` with 304.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_vary_headers
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError
from ninja.openapi.docs import DocsBase

from mindwell.accounts.api_auth import NotAuthenticated, viewer
from mindwell.core import ratelimit
from mindwell.core.api import PROBLEM_TYPE, problem_body
from mindwell.core.errors import DomainError
from mindwell.moderation.api import router as moderation_router
from mindwell.notifications.api import router as me_router
from mindwell.posting import api as posting_api  # noqa: F401  (adds the write operations)
from mindwell.qa.api import members_router
from mindwell.qa.api import router as qa_router
from mindwell.search.api import router as search_router
from mindwell.taxonomy.api import router as taxonomy_router


class SelfHostedDocs(DocsBase):
    """Swagger UI from the site's own static files (the CSP allows no other host and no
    inline script)."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        context = {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)}
        return render(request, "api/docs.html", context)


class MindwellAPI(NinjaAPI):
    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if response.status_code >= 400:
            response["Content-Type"] = PROBLEM_TYPE
        # What a read shows depends on who asks (a moderator sees more; /me is personal).
        patch_vary_headers(response, ("Authorization", "Cookie"))
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response["Cache-Control"] = "private, no-cache"
            conditional = get_conditional_response(
                request, etag=response["ETag"], response=response
            )
            if conditional is not None and conditional.status_code == 304:
                return conditional
        return response

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """Error responses are documented as problem details."""
        schema = super().get_openapi_schema(**kwargs)
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                for code, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(code) >= 400 and "application/json" in content:
                        content[PROBLEM_TYPE] = content.pop("application/json")
        return schema


api = MindwellAPI(
    title="Mindwell API",
    version="1",
    urls_namespace="api",
    docs=SelfHostedDocs(),
    description=(
        "Read and write everything a member can on the site. Authenticate with a personal "
        "access token (your settings → API tokens) as `Authorization: Bearer mw_…`; the "
        "site's own pages use the session cookie with CSRF. Lists are cursor-paginated "
        "(follow `next`); reads carry an ETag. Errors are RFC 9457 problem details."
    ),
)
api.add_router("/", qa_router)
api.add_router("/", taxonomy_router)
api.add_router("/", search_router)
api.add_router("/", me_router)
api.add_router("/", members_router)
api.add_router("/", moderation_router)


def limit_reads(operation: Callable[..., Any]) -> Callable[..., Any]:
    """Every read counts against the hourly `api_read` limit of its member (a token's or
    the session's) and its network, as writes count against theirs (core.ratelimit;
    moderators are exempt): over it, 429 with Retry-After. Runs after authentication, so
    a token's reads count as its member's."""

    @wraps(operation)
    def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.method in ("GET", "HEAD"):
            viewer(request)  # a Bearer token on a public read: count its member
            # Counted in the shared cache: a database row written (and on SQLite the
            # write lock taken) for every read cost 3 queries and ~3-6 ms a read.
            ratelimit.hit_from_request(request, "api_read", cached=True)
        return operation(request, *args, **kwargs)

    return limited


api.add_decorator(limit_reads)


def problem(
    request: HttpRequest, status: int, detail: str, code: str, retry_after: int | None = None
) -> HttpResponse:
    response = api.create_response(request, problem_body(status, detail, code), status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return problem(request, exc.status, exc.message, exc.code, getattr(exc, "retry_after", None))


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return problem(request, 400, " ".join(exc.messages), "invalid")


@api.exception_handler(RequestValidationError)
def request_invalid(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
    """A parameter or body that does not fit the schema: 400 with what was wrong."""
    problems = [
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
        for e in exc.errors
    ]
    return problem(request, 400, "; ".join(problems)[:1000], "invalid")


@api.exception_handler(AuthenticationError)
def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    error = NotAuthenticated()
    return problem(request, 401, error.message, error.code)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own refusals (a failed CSRF check on a session write)."""
    code = "csrf" if "CSRF" in str(exc) else "invalid"
    detail = (
        "The CSRF check failed: send the X-CSRFToken header with the session cookie, "
        "or use a personal access token."
        if code == "csrf"
        else str(exc)
    )
    return problem(request, exc.status_code, detail, code)
