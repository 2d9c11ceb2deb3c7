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
    """The "Get help now" page: the reader's crisis lines and a country picker.

    Without a country (a browser language with no region, such as "de", or "Another
    country" chosen) the picker comes first, as "Choose your country", with the
    countries of the browser's language at the top, next to the international line.
    """
    country = resources.country_for(request)
    crisis = resources.crisis_options(country)
    suggested, others = resources.picker_countries(
        resources.suggested_countries(request.headers.get("Accept-Language", ""))
    )
    codes = {code for code, _ in suggested} | {code for code, _ in others}
    context = {
        "crisis": crisis,
        "suggested_countries": suggested,
        "other_countries": others,
        "picked_country": crisis.country if crisis.country in codes else "",
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
