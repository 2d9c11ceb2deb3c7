from functools import partial
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from mindwell.core.cache import get_version
from mindwell.core.models import SiteConfiguration


def site(request: HttpRequest) -> dict[str, Any]:
    from mindwell.core.pages import footer_pages

    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "footer_pages": footer_pages(),
        # For fragment-cache keys of content lists; read only when a template asks.
        "questions_version": partial(get_version, "questions"),
        "site_config": SiteConfiguration.load,  # read only when a template asks
    }
