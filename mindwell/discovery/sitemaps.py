"""sitemap.xml: an index split into pages, leaving out hidden and noindex questions."""

from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from mindwell.qa.models import Question, Status
from mindwell.taxonomy.models import Category, Tag


class _Base(Sitemap):  # type: ignore[type-arg]
    limit = 10_000

    @property
    def protocol(self) -> str:  # type: ignore[override]
        return "https" if settings.HTTPS else "http"


class QuestionSitemap(_Base):
    changefreq = "daily"

    def items(self) -> QuerySet[Question]:
        return (
            Question.objects.filter(status=Status.PUBLISHED, noindex=False)
            .only("id", "slug", "last_activity_at")
            .order_by("id")
        )

    def lastmod(self, item: Question) -> Any:
        return item.last_activity_at


class CategorySitemap(_Base):
    changefreq = "daily"

    def items(self) -> QuerySet[Category]:
        return Category.objects.order_by("path")


class TagSitemap(_Base):
    changefreq = "weekly"

    def items(self) -> QuerySet[Tag]:
        return Tag.objects.filter(question_count__gt=0).order_by("name")


class PageSitemap(_Base):
    changefreq = "hourly"

    def items(self) -> list[str]:
        return [
            "qa:home",
            "qa:question_list",
            "qa:unanswered",
            "taxonomy:tag_list",
            "taxonomy:category_list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "questions": QuestionSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
}
