from django.http import HttpRequest
from ninja import Query, Router

from mindwell.taxonomy.models import Category, Tag
from mindwell.taxonomy.schemas import CategoryOut, TagOut

router = Router(tags=["taxonomy"])


@router.get("/categories", response=list[CategoryOut], auth=None)
def list_categories(request: HttpRequest) -> list[CategoryOut]:
    return [
        CategoryOut(
            slug=c.slug,
            name=c.name,
            parent=c.parent.slug if c.parent else None,
            question_count=c.question_count,
        )
        for c in Category.objects.select_related("parent").order_by("path")
    ]


@router.get("/tags", response=list[TagOut], auth=None)
def list_tags(request: HttpRequest, limit: int = Query(100, ge=1, le=500)) -> list[Tag]:  # type: ignore[type-arg]
    """The most used tags; `limit` from 1 to 500 (anything else: 400)."""
    return list(Tag.objects.filter(question_count__gt=0).order_by("-question_count")[:limit])
