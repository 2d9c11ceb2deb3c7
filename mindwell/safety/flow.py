"""What the poster sees: a quiet support card while typing, and before a post that
screens as review or urgent (or contains contact details) goes out, a page with the
crisis lines for their country. It never blocks posting; drafts are not stored."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from mindwell.professionals.boundaries import contact_details
from mindwell.safety.resources import country_for, crisis_options
from mindwell.safety.screening import Tier
from mindwell.safety.services import screen_texts

SEEN_FIELD = "crisis_seen"


def _crisis(request: HttpRequest) -> Any:
    return crisis_options(country_for(request))


def feedback(request: HttpRequest, text: str) -> dict[str, Any]:
    """What the poster sees about a draft: its tier ("none", "support", "review",
    "urgent"), the crisis lines when it shows any, and contact details found in it. Used
    while typing (htmx) and on every form page shown again after an error, so the
    resources never disappear with JavaScript or without."""
    result = screen_texts([text]) if text.strip() else None
    tier = result.tier.label if result else "none"
    if result is not None and result.flagged and not result.sure:
        tier = "support"  # a quiet card: the poster sees the alarm only when the screen is sure
    return {
        "tier": tier,
        "crisis": _crisis(request) if result and result.tier >= Tier.SUPPORT else None,
        "contacts": contact_details(text),
    }


@require_POST
def draft_check(request: HttpRequest) -> HttpResponse:
    """Feedback on a draft while it is typed (htmx, debounced). Nothing is stored."""
    text = "\n".join(request.POST.get(k, "")[:20_000] for k in ("title", "body"))
    return render(request, "safety/partials/draft_feedback.html", feedback(request, text))


def interstitial(request: HttpRequest, *, crisis: bool, contacts: list[str]) -> HttpResponse | None:
    """The page shown once before a post goes out, or None: the crisis lines for the
    poster's country when the screen is sure (`crisis`), a warning about the contact
    details they are about to make public. The posting layer decides both, once."""
    if request.POST.get(SEEN_FIELD) or not (crisis or contacts):
        return None
    sure = crisis
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "preview", SEEN_FIELD)
        for value in values
    ]
    context = {
        "crisis": _crisis(request) if sure else None,
        "contacts": contacts,
        "fields": fields,
        "action": request.path,
        "seen_field": SEEN_FIELD,
    }
    return render(request, "safety/interstitial.html", context)
