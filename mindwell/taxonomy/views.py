from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mindwell.core import runtime
from mindwell.core.errors import DomainError
from mindwell.core.page_parts import add_parts, added_signature
from mindwell.core.pagination import paginate
from mindwell.core.shell import render_page
from mindwell.qa import selectors as qa_selectors
from mindwell.taxonomy import selectors, services
from mindwell.taxonomy.services import TAG_MAX_LENGTH, max_tags


def category_list(request: HttpRequest) -> HttpResponse:
    return render(request, "taxonomy/category_list.html", {"tree": selectors.category_tree()})


def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = selectors.category_by_slug(slug)
    sort = request.GET.get("sort", "newest")
    if sort not in qa_selectors.SORT_LABELS:
        sort = "newest"
    context = {
        "category": category,
        "ancestors": selectors.category_ancestors(category),
        "children": category.children.order_by("position", "name"),
        "page": paginate(
            lambda: qa_selectors.category_questions(category, sort=sort),
            request.GET.get("page"),
            version="questions",
            count_key=f"category:{category.pk}",
        ),
        "sort": sort,
        "sorts": qa_selectors.SORT_LABELS,
    }
    shared = added_signature(add_parts("category", request, category, context))
    return render_page(request, "taxonomy/category_detail.html", context, shared=shared)


def tag_list(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "popular")
    if sort not in ("popular", "name", "new"):
        sort = "popular"
    prefix = request.GET.get("q", "").strip()[:40]
    tags = selectors.tag_list(sort=sort, prefix=prefix)
    page = paginate(tags, request.GET.get("page"), per_page=runtime.get("lists.tags_page_size"))
    return render(request, "taxonomy/tag_list.html", {"page": page, "sort": sort, "q": prefix})


def tag_detail(request: HttpRequest, name: str) -> HttpResponse:
    tag = selectors.tag_by_name(name)
    sort = request.GET.get("sort", "newest")
    if sort not in qa_selectors.SORT_LABELS:
        sort = "newest"
    context = {
        "tag": tag,
        "page": paginate(
            lambda: qa_selectors.tag_questions(tag, sort=sort),
            request.GET.get("page"),
            version="questions",
            count_key=f"tag:{tag.pk}",
        ),
        "sort": sort,
        "sorts": qa_selectors.SORT_LABELS,
    }
    shared = added_signature(add_parts("tag", request, tag, context))
    return render_page(request, "taxonomy/tag_detail.html", context, shared=shared)


# The tag fields that ask for suggestions: the ask and edit forms', the retag form's.
TAG_FIELDS = ("id_tags", "retag-tags")


def tag_suggestions(request: HttpRequest) -> HttpResponse:
    """Suggestions under a tag field as it is typed in (an htmx fragment): tags in use that
    start with the word being typed, popular tags of the chosen category, and how many of
    the tags the site allows are used. With `add`, the tag is put into the field and the whole field
    comes back (the suggestion buttons)."""
    field_id = request.GET.get("field", "")
    if field_id not in TAG_FIELDS:
        raise DomainError("Unknown tag field.")
    text = request.GET.get("tags", "")[:300]
    category = selectors.category_or_none(request.GET.get("category", "")[:12])
    added = services.normalise_tag(request.GET.get("add", "")[:TAG_MAX_LENGTH])
    if added:
        text = _with_tag(text, added)
    suggestions = selectors.tag_suggestions(text=text, category=category, limit=max_tags())
    context = {"field_id": field_id, "suggestions": suggestions, "category": category}
    if added:
        context.update(value=text, refocus=True)
        return render(request, "taxonomy/partials/tag_field.html", context)
    return render(request, "taxonomy/partials/tag_suggestions.html", context)


def _with_tag(text: str, added: str) -> str:
    """The field's text with a suggested tag put in place of the word being typed (when
    the tag starts with it) or after the others; a space follows, ready for the next."""
    names, partial = selectors.split_tag_text(text)
    if partial and not added.startswith(partial):
        names.append(partial)
    if added not in names:
        names.append(added)
    return " ".join(names) + " "
