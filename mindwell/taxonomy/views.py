from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mindwell.core import runtime
from mindwell.core.page_parts import add_parts
from mindwell.core.pagination import paginate
from mindwell.qa import selectors as qa_selectors
from mindwell.taxonomy import selectors


def category_list(request: HttpRequest) -> HttpResponse:
    return render(request, "taxonomy/category_list.html", {"tree": selectors.category_tree()})


def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = selectors.category_by_slug(slug)
    sort = request.GET.get("sort", "newest")
    if sort not in qa_selectors.SORT_LABELS:
        sort = "newest"
    questions = qa_selectors.category_questions(category, sort=sort)
    context = {
        "category": category,
        "ancestors": selectors.category_ancestors(category),
        "children": category.children.order_by("position", "name"),
        "page": paginate(
            questions,
            request.GET.get("page"),
            version="questions",
            count_key=f"category:{category.pk}",
        ),
        "sort": sort,
        "sorts": qa_selectors.SORT_LABELS,
    }
    add_parts("category", request, category, context)
    return render(request, "taxonomy/category_detail.html", context)


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
    questions = qa_selectors.tag_questions(tag, sort=sort)
    context = {
        "tag": tag,
        "page": paginate(
            questions, request.GET.get("page"), version="questions", count_key=f"tag:{tag.pk}"
        ),
        "sort": sort,
        "sorts": qa_selectors.SORT_LABELS,
    }
    add_parts("tag", request, tag, context)
    return render(request, "taxonomy/tag_detail.html", context)
