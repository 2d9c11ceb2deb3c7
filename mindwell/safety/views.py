from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.vary import vary_on_headers

from mindwell.safety import resources


@vary_on_headers("Accept-Language", "Cookie")
def help_page(request: HttpRequest) -> HttpResponse:
    """The "Get help now" page: the reader's crisis lines and a country picker."""
    country = resources.country_for(request)
    context = {
        "crisis": resources.crisis_options(country),
        "countries": resources.countries_with_lines(),
    }
    return render(request, "safety/help.html", context)
