from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from mindwell.core.api import is_api, problem_response
from mindwell.core.errors import DomainError, NotFound, RateLimited


class DomainErrorMiddleware:
    """Render a DomainError raised by a view as errors/<status>.html with its message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        return error_response(request, exception)


def error_response(request: HttpRequest, error: DomainError) -> HttpResponse:
    """errors/<status>.html with the error's message (and Retry-After when limited); for
    the JSON API, problem details with the same message."""
    if is_api(request):
        return problem_response(
            error.status, error.message, error.code, retry_after=getattr(error, "retry_after", None)
        )
    template = f"errors/{error.status}.html"
    if error.status not in (400, 403, 404, 409, 429):
        template = "errors/400.html"
    response = render(request, template, {"message": error.message}, status=error.status)
    if isinstance(error, RateLimited):
        response["Retry-After"] = str(error.retry_after)
    return response


class RequestHygieneMiddleware:
    """Two rules for every request, placed first among the middleware:

    - A NUL character anywhere in the input (path, query, form fields, a JSON body) is
      refused: 404 for a path, 400 otherwise. No page or API needs one, and PostgreSQL
      cannot store one (it answered 500 in seven places).
    - Pages for a signed-in member are never stored by shared or browser caches
      (`Cache-Control: private, no-store`), unless the view said otherwise.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if NUL in request.path:
            return error_response(request, NotFound("No such page."))
        if _has_nul(request):
            return error_response(request, DomainError("The request contains a NUL character."))
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_store=True)
        return response


NUL = "\x00"


def _has_nul(request: HttpRequest) -> bool:
    if NUL in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", ""):
        return True
    if request.method not in ("POST", "PUT", "PATCH"):
        return False
    if request.content_type == "application/json":
        return b"\x00" in request.body or b"\\u0000" in request.body
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return any(
            NUL in key or any(NUL in value for value in values)
            for key, values in request.POST.lists()
        )
    return False
