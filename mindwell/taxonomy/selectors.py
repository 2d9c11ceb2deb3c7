"""Reads for categories and tags."""

import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, QuerySet

from mindwell.core.cache import get_version
from mindwell.core.errors import NotFound
from mindwell.core.prepared import model_fields, prepared
from mindwell.qa.models import Status
from mindwell.taxonomy.models import Category, Tag
from mindwell.taxonomy.services import normalise_tag

_TAG_SPLIT = re.compile(r"[,\s]+")


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


_CATEGORY_OPTIONS = prepared(
    lambda: Category.objects.order_by("path").values_list("slug", "name", "depth")
)


def category_options() -> list[tuple[str, str]]:
    """(slug, name) pairs for a filter's select box, in tree order, each name indented
    with an en dash and a space per level below the top. Every search page shows them: one
    prepared query (the ORM took 0.45 ms to build and read these; the template loop as long)."""
    return [(slug, "– " * (depth - 1) + name) for slug, name, depth in _CATEGORY_OPTIONS.rows()]


def category_by_slug(slug: str) -> Category:
    category = Category.objects.select_related("parent").filter(slug=slug).first()
    if category is None:
        raise NotFound("Category not found.")
    return category


def category_ancestors(category: Category) -> list[Category]:
    ids = [int(i) for i in category.path.strip("/").split("/") if i]
    by_id = Category.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id and i != category.pk]


_TAG_FIELDS = model_fields(Tag)


@prepared
def _tag_named(name: str) -> QuerySet[Tag]:
    return Tag.objects.filter(name=name).values_list(*_TAG_FIELDS)


def tag_by_name(name: str) -> Tag:
    """The tag of a tag page (a prepared query: every tag page asks)."""
    found = _tag_named.converted(name=name)
    if not found:
        raise NotFound("Tag not found.")
    return Tag.from_db(DEFAULT_DB_ALIAS, _TAG_FIELDS, found[0])


def tag_list(*, sort: str = "popular", prefix: str = "") -> QuerySet[Tag]:
    tags = Tag.objects.filter(question_count__gt=0)
    if prefix:
        tags = tags.filter(name__startswith=prefix.lower())
    if sort == "name":
        return tags.order_by("name")
    if sort == "new":
        return tags.order_by("-created_at", "name")
    return tags.order_by("-question_count", "name")


SUGGESTIONS_SHOWN = 8
# Popular tags of a category: counted with this many spare (the tags already in a field are
# left out afterwards), kept this long at most.
POPULAR_SPARE = 10
POPULAR_SECONDS = 600


def matching_tags(prefix: str, *, exclude: list[str], limit: int = SUGGESTIONS_SHOWN) -> list[Tag]:
    """Tags in use that start with what is being typed, most used first (one indexed query)."""
    if not prefix:
        return []
    tags = Tag.objects.filter(question_count__gt=0, name__startswith=prefix.lower())
    return list(tags.exclude(name__in=exclude).order_by("-question_count", "name")[:limit])


def popular_tags(
    *, category: Category | None, exclude: list[str], limit: int = SUGGESTIONS_SHOWN
) -> list[Tag]:
    """The tags most used on published questions of a category and its sub-categories, or
    across the site without a category. A category's list is counted once per content
    version of the questions and kept in the shared cache (a question page's retag form and
    every keystroke in a tag field ask for it)."""
    if category is None:
        tags = Tag.objects.filter(question_count__gt=0).exclude(name__in=exclude)
        return list(tags.order_by("-question_count", "name")[:limit])
    key = f"popular-tags:{category.pk}:{category.path}:{get_version('questions')}"
    counted: list[Tag] | None = cache.get(key)
    if counted is None:
        in_category = Tag.objects.filter(
            questions__status=Status.PUBLISHED,
            questions__category__path__startswith=category.path,
        )
        # Enough to leave `limit` after taking out the most a field can hold.
        most = limit + POPULAR_SPARE
        counted = list(
            in_category.annotate(uses=Count("questions")).order_by("-uses", "name")[:most]
        )
        cache.set(key, counted, POPULAR_SECONDS)
    return [tag for tag in counted if tag.name not in exclude][:limit]


@dataclass
class TagSuggestions:
    """What the tag field shows under itself: how many tags are chosen of the limit, the
    tags in use that start with the word being typed, and popular tags of the category."""

    text: str
    chosen: list[str]
    partial: str
    limit: int
    matching: list[Tag]
    popular: list[Tag]
    category: Category | None

    @property
    def count(self) -> int:
        return len(self.chosen) + (1 if self.partial else 0)

    @property
    def remaining(self) -> int:
        return max(self.limit - self.count, 0)

    @property
    def too_many(self) -> bool:
        return self.count > self.limit


def split_tag_text(text: str) -> tuple[list[str], str]:
    """The tags a field's text holds, as (finished tags, the word being typed): the last
    word counts as being typed unless a space or comma follows it."""
    words = [normalise_tag(w) for w in _TAG_SPLIT.split(text)]
    names = list(dict.fromkeys(w for w in words if w))
    partial = ""
    if names and not _TAG_SPLIT.match(text[-1]) and words[-1] == names[-1]:
        partial = names.pop()
    return names, partial


def tag_suggestions(*, text: str, category: Category | None, limit: int) -> TagSuggestions:
    """Suggestions for a tag field holding `text` (2 queries at most)."""
    chosen, partial = split_tag_text(text)
    full = len(chosen) >= limit
    matching = [] if full else matching_tags(partial, exclude=chosen)
    popular = [] if full else popular_tags(category=category, exclude=[*chosen, partial])
    return TagSuggestions(
        text=text,
        chosen=chosen,
        partial=partial,
        limit=limit,
        matching=matching,
        popular=popular,
        category=category,
    )


def category_or_none(value: object) -> Category | None:
    """The category a form's value names, or None for an empty or unknown value."""
    text = str(value or "")
    if not text.isdigit():
        return None
    return Category.objects.filter(pk=int(text)).first()
