from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mindwell.accounts.http import AuthedRequest
from mindwell.safety import reader
from mindwell.safety.forms import ReadingForm


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
        return redirect("safety_reader:reading_settings")
    status = 400 if form.errors else 200
    return render(request, "safety/reading_settings.html", {"form": form}, status=status)
