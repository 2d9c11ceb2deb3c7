from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mindwell.safety.resources import country_for, crisis_options
from mindwell.safety.screening.detector import is_crisis_search
from mindwell.search import selectors
from mindwell.search.backends import SORTS, Filters
from mindwell.taxonomy.models import Category, Tag
from mindwell.taxonomy.selectors import category_options

STATUS_FILTERS = {"": "Any", "answered": "Answered", "unanswered": "Unanswered"}


def search(request: HttpRequest) -> HttpResponse:
    """Search results; any text is a valid query, bad filters are ignored."""
    text = request.GET.get("q", "")[:500]
    filters = Filters()
    # Most searches filter by neither: no query for an empty filter.
    slug, tag_name = request.GET.get("category", ""), request.GET.get("tag", "")[:40]
    category = Category.objects.filter(slug=slug).first() if slug else None
    if category:
        filters.category_path = category.path
    tag = Tag.objects.filter(name=tag_name).first() if tag_name else None
    if tag:
        filters.tag_id = tag.pk
    status = request.GET.get("status", "")
    filters.answered = {"answered": True, "unanswered": False}.get(status)
    sort = request.GET.get("sort", "relevance")
    page = selectors.search(text, filters=filters, sort=sort, page=request.GET.get("page", 1))
    context = {
        "crisis": crisis_options(country_for(request)) if is_crisis_search(text) else None,
        "page": page,
        "q": text,
        "sort": sort if sort in SORTS else "relevance",
        "sorts": {"relevance": "Relevance", "newest": "Newest", "votes": "Votes"},
        "status": status if status in STATUS_FILTERS else "",
        "statuses": STATUS_FILTERS,
        "category": category,
        "tag": tag,
        "categories": category_options(),
    }
    return render(request, "search/results.html", context)


def similar(request: HttpRequest) -> HttpResponse:
    """Similar questions for a title being typed on the ask page (an htmx fragment)."""
    title = request.GET.get("title", "")[:300]
    questions = selectors.similar_questions(title) if len(title.strip()) >= 4 else []
    return render(request, "search/partials/similar.html", {"questions": questions})
