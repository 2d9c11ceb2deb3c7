"""Policy and help pages that admins edit (selectors and the view)."""

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mindwell.core import markdown
from mindwell.core.errors import NotFound
from mindwell.core.models import SitePage


def footer_pages() -> list[tuple[str, str]]:
    pages: list[tuple[str, str]] | None = cache.get("footer-pages")
    if pages is None:
        pages = [
            (p.get_absolute_url(), p.title) for p in SitePage.objects.filter(show_in_footer=True)
        ]
        cache.set("footer-pages", pages, 300)
    return pages


def page(request: HttpRequest, slug: str) -> HttpResponse:
    found = SitePage.objects.filter(slug=slug).first()
    if found is None:
        raise NotFound("Page not found.")
    key = f"page:{found.pk}:{found.updated_at.timestamp()}"
    html = cache.get(key)
    if html is None:
        html = markdown.render(found.body)
        cache.set(key, html, 3600)
    return render(request, "core/page.html", {"page": found, "html": html})
