from functools import partial
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from mindwell.core import runtime
from mindwell.core.cache import get_version
from mindwell.core.models import SiteConfiguration


def _list_version() -> str:
    """What a cached list of questions depends on: the content, and the site's settings
    (how many a page shows)."""
    found = cache.get_many(["version:questions", "version:site"])
    questions = found.get("version:questions") or get_version("questions")
    return f"{questions}.{found.get('version:site') or get_version('site')}"


def site(request: HttpRequest) -> dict[str, Any]:
    from mindwell.core.pages import footer_pages

    return {
        # The admin's run-time settings, read once per page and only if the page shows them.
        "SITE_NAME": SimpleLazyObject(partial(runtime.get, "general.site_name")),
        "SITE_TAGLINE": SimpleLazyObject(partial(runtime.get, "general.tagline")),
        "SITE_URL": settings.SITE_URL,
        "footer_pages": footer_pages(),
        # For fragment-cache keys of content lists; read only when a template asks.
        "questions_version": _list_version,
        "site_config": SiteConfiguration.load,  # read only when a template asks
    }
