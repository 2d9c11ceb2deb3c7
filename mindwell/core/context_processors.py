from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    from mindwell.core.pages import footer_pages

    return {"SITE_NAME": settings.SITE_NAME, "footer_pages": footer_pages()}
