"""The safety app's pages: Get help now, reading settings, and the draft check (flow.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from mindwell.accounts.http import AuthedRequest
from mindwell.safety import reader, resources
from mindwell.safety.forms import ReadingForm


@vary_on_headers("Accept-Language", "Cookie")
def help_page(request: HttpRequest) -> HttpResponse:
    """The "Get help now" page: the reader's crisis lines and a country picker."""
    country = resources.country_for(request)
    context = {
        "crisis": resources.crisis_options(country),
        "countries": resources.countries_with_lines(),
    }
    return render(request, "safety/help.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reading_settings(request: AuthedRequest) -> HttpResponse:
    prefs = reader.preferences_for(request.user)
    initial = {
        "country": prefs.country if prefs else "",
        "muted_words": prefs.muted_words if prefs else "",
        "muted_topics": prefs.muted_topics if prefs else [],
    }
    form = ReadingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        reader.save_preferences(user=request.user, **form.cleaned_data)
        messages.success(request, "Your reading settings are saved.")
        return redirect("safety:reading_settings")
    status = 400 if form.errors else 200
    return render(request, "safety/reading_settings.html", {"form": form}, status=status)
