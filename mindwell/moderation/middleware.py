from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import LazyObject

from mindwell.qa.permissions import restriction_refusal


class SuspensionMiddleware:
    """A suspended member is logged out and told why (and until when)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.active_restriction() == "suspend":
            message = restriction_refusal(user)
            logout(request)
            return render(request, "errors/403.html", {"message": message}, status=403)
        if isinstance(user, LazyObject):
            # Read above already: from here on the member (or visitor) itself, not the lazy
            # wrapper, whose every attribute read is a few function calls (a busy thread's
            # page read about 450, 1 ms).
            request.user = user._wrapped  # type: ignore[attr-defined]
        return self.get_response(request)
