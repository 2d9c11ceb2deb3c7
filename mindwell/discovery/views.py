"""robots.txt: what crawlers may read, and where the sitemap is."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse


def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap_index"))
    lines = [
        "User-agent: *",
        "Disallow: /accounts/",
        "Disallow: /account/",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /ask/",
        "Disallow: /search/",
        "Disallow: /preview/",
        "Disallow: /vote/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")
