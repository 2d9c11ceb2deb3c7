"""Reads for categories and tags."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from mindwell.core.errors import NotFound
from mindwell.taxonomy.models import Category, Tag


@dataclass
class CategoryNode:
    category: Category
    total: int = 0
    children: list["CategoryNode"] = field(default_factory=list)


def category_tree() -> list[CategoryNode]:
    """Top-level categories with their descendants; totals include sub-categories (1 query)."""
    nodes: dict[int, CategoryNode] = {}
    roots: list[CategoryNode] = []
    for category in Category.objects.order_by("depth", "position", "name"):
        node = CategoryNode(category=category, total=category.question_count)
        nodes[category.pk] = node
        if category.parent_id is None:
            roots.append(node)
        else:
            nodes[category.parent_id].children.append(node)

    def add_totals(node: CategoryNode) -> int:
        node.total = node.category.question_count + sum(add_totals(c) for c in node.children)
        return node.total

    for root in roots:
        add_totals(root)
    return roots


def category_choices() -> list[tuple[int, str]]:
    """(id, indented name) pairs for a select box, in tree order."""
    choices: list[tuple[int, str]] = []

    def walk(nodes: list[CategoryNode]) -> None:
        for node in nodes:
            indent = "\u2003" * (node.category.depth - 1)
            choices.append((node.category.pk, f"{indent}{node.category.name}"))
            walk(node.children)

    walk(category_tree())
    return choices


def category_by_slug(slug: str) -> Category:
    category = Category.objects.select_related("parent").filter(slug=slug).first()
    if category is None:
        raise NotFound("Category not found.")
    return category


def category_ancestors(category: Category) -> list[Category]:
    ids = [int(i) for i in category.path.strip("/").split("/") if i]
    by_id = Category.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id and i != category.pk]


def tag_by_name(name: str) -> Tag:
    tag = Tag.objects.filter(name=name).first()
    if tag is None:
        raise NotFound("Tag not found.")
    return tag


def tag_list(*, sort: str = "popular", prefix: str = "") -> QuerySet[Tag]:
    tags = Tag.objects.filter(question_count__gt=0)
    if prefix:
        tags = tags.filter(name__startswith=prefix.lower())
    if sort == "name":
        return tags.order_by("name")
    if sort == "new":
        return tags.order_by("-created_at", "name")
    return tags.order_by("-question_count", "name")
