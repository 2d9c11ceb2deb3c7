from functools import partial
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from mindwell.core import runtime
from mindwell.core.cache import get_version
from mindwell.core.models import SiteConfiguration


def site(request: HttpRequest) -> dict[str, Any]:
    from mindwell.core.pages import footer_pages

    return {
        # The admin's run-time settings, read once per page and only if the page shows them.
        "SITE_NAME": SimpleLazyObject(partial(runtime.get, "general.site_name")),
        "SITE_TAGLINE": SimpleLazyObject(partial(runtime.get, "general.tagline")),
        "SITE_URL": settings.SITE_URL,
        "footer_pages": footer_pages(),
        # For fragment-cache keys of content lists; read only when a template asks.
        "questions_version": partial(get_version, "questions"),
        "site_config": SiteConfiguration.load,  # read only when a template asks
    }
