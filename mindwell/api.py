"""The JSON API (OpenAPI at /api/v1/docs): each app's router, one error shape."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError as RequestValidationError

from mindwell.core.errors import DomainError
from mindwell.posting import api as posting_api  # noqa: F401  (adds the write operations)
from mindwell.qa.api import router as qa_router
from mindwell.taxonomy.api import router as taxonomy_router

api = NinjaAPI(title="Mindwell API", version="1", urls_namespace="api")
api.add_router("/", qa_router)
api.add_router("/", taxonomy_router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    response = api.create_response(
        request, {"detail": exc.message, "code": exc.code}, status=exc.status
    )
    if retry_after := getattr(exc, "retry_after", None):
        response["Retry-After"] = str(retry_after)
    return response


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": " ".join(exc.messages), "code": "invalid"}, status=400
    )


@api.exception_handler(RequestValidationError)
def request_invalid(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
    """A parameter or body that does not fit the schema: 400 with what was wrong."""
    problems = [
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
        for e in exc.errors
    ]
    return api.create_response(
        request, {"detail": "; ".join(problems)[:1000], "code": "invalid"}, status=400
    )
