from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mindwell.core.errors import DomainError, RateLimited


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
    """errors/<status>.html with the error's message (and Retry-After when limited)."""
    template = f"errors/{error.status}.html"
    if error.status not in (400, 403, 404, 409, 429):
        template = "errors/400.html"
    response = render(request, template, {"message": error.message}, status=error.status)
    if isinstance(error, RateLimited):
        response["Retry-After"] = str(error.retry_after)
    return response
