"""JSON API for categories (a tree) and tags."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from mindwell.core.api import DEFAULT_LIMIT, READ_ERRORS, keyset_page, next_link
from mindwell.taxonomy.models import Category, Tag
from mindwell.taxonomy.schemas import CategoryOut, TagPageOut

router = Router(tags=["taxonomy"])


@router.get("/categories", response={200: list[CategoryOut], **READ_ERRORS}, auth=None)
def list_categories(request: HttpRequest) -> list[CategoryOut]:
    """Every category as a tree (top-level categories, each with its `children`)."""
    nodes: dict[int, CategoryOut] = {}
    roots: list[CategoryOut] = []
    for c in Category.objects.order_by("path"):  # a parent's path sorts before its children's
        node = CategoryOut(
            slug=c.slug,
            name=c.name,
            description=c.description,
            question_count=c.question_count,
            url=c.get_absolute_url(),
        )
        nodes[c.pk] = node
        parent = nodes.get(c.parent_id) if c.parent_id else None
        (parent.children if parent is not None else roots).append(node)
    return roots


@router.get("/tags", response={200: TagPageOut, **READ_ERRORS}, auth=None)
def list_tags(
    request: HttpRequest,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=500),  # type: ignore[type-arg]
    cursor: str | None = Query(None, max_length=500),  # type: ignore[type-arg]
) -> dict[str, Any]:
    """Tags in use, the most used first (`limit` up to 500)."""
    tags = Tag.objects.filter(question_count__gt=0)
    rows, after = keyset_page(tags, ["-question_count", "name"], cursor=cursor, limit=limit)
    return {
        "results": [
            {"name": t.name, "question_count": t.question_count, "url": t.get_absolute_url()}
            for t in rows
        ],
        "next": next_link(request, after),
    }
