"""Error pages with the site layout (Django's handlers, pointed at our templates), and
/healthz."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from mindwell.core import health
from mindwell.core.api import is_api, problem_response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        if isinstance(exception, RequestDataTooBig):
            return problem_response(413, "The request is too large.", "too_large")
        return problem_response(400, "The request could not be read.", "invalid")
    if isinstance(exception, RequestDataTooBig):
        # Django refuses to read a body this large at all, so the text cannot be shown again.
        return render(request, "errors/413.html", status=413)
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return problem_response(403, "You cannot do that.", "forbidden")
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return problem_response(404, "No such API operation.", "not_found")
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors or database: the failure may be there.
    return HttpResponse(render_to_string("errors/500.html"), status=500)


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: 200 when the database, the cache and the background
    worker are well, 503 otherwise (core/health.py). No login, no member data, never cached."""
    healthy, report = health.check()
    response = JsonResponse(report, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response
