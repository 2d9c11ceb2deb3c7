"""Pages for applying as a verified professional, the moderators' verification queue
and recusals. Every page works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mindwell.accounts.http import AuthedRequest
from mindwell.core.errors import DomainError, NotAllowed, NotFound
from mindwell.core.pagination import paginate
from mindwell.professionals import permissions, selectors, services
from mindwell.professionals.forms import ApplicationForm, DecisionForm
from mindwell.professionals.models import ProfessionalProfile
from mindwell.qa.selectors import question_by_id
from mindwell.taxonomy.selectors import category_tree


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: AuthedRequest) -> HttpResponse:
    active = selectors.active_application(request.user)
    if active is not None and not active.is_lapsed:
        messages.info(request, "You already have an application or a verified profile.")
        return redirect("professionals:application")
    form = ApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_as_professional(member=request.user, **form.application_kwargs())
        except DomainError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(
                request,
                "Thank you. A moderator will check your license with the licensing body; "
                "the outcome will show on this page.",
            )
            return redirect("professionals:application")
    if form.errors and status == 200:
        status = 400
    return render(request, "professionals/apply.html", {"form": form}, status=status)


@login_required
def application(request: AuthedRequest) -> HttpResponse:
    """The member's applications and their outcomes (with the moderator's note)."""
    applications = selectors.applications_of(request.user)
    active = next((a for a in applications if a.status in ProfessionalProfile.ACTIVE), None)
    badge = active if active is not None and active.is_current else None
    context = {
        "applications": applications,
        "badge": badge,
        "can_apply": active is None or active.is_lapsed,
        "categories": category_tree() if badge is not None else [],
        "competence": {int(i) for i in badge.competence} if badge is not None else set(),
    }
    return render(request, "professionals/application.html", context)


@login_required
@require_POST
def competence(request: AuthedRequest) -> HttpResponse:
    """A verified professional chooses the categories they answer in as a professional."""
    ids = [int(v) for v in request.POST.getlist("category") if v.isdigit()]
    services.set_competence(professional=request.user, category_ids=ids)
    messages.success(
        request,
        "Saved. Your badge shows where you answer as a professional"
        + (" (all categories)." if not ids else "; elsewhere you answer as a peer."),
    )
    return redirect("professionals:application")


def _require_moderator(request: AuthedRequest) -> None:
    if not permissions.can_review_applications(request.user):
        raise NotAllowed("Only moderators can see this page.")


@login_required
def review_queue(request: AuthedRequest) -> HttpResponse:
    _require_moderator(request)
    tab = request.GET.get("tab", "pending")
    if tab not in selectors.REVIEW_TABS:
        raise NotFound("No such list.")
    context = {
        "tab": tab,
        "tabs": selectors.REVIEW_TABS,
        "page": paginate(selectors.review_queue(tab), request.GET.get("page")),
    }
    return render(request, "professionals/review_queue.html", context)


@login_required
@require_POST
def decide(request: AuthedRequest, profile_id: int) -> HttpResponse:
    _require_moderator(request)
    profile = ProfessionalProfile.objects.filter(pk=profile_id).first()
    if profile is None:
        raise NotFound("Application not found.")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise DomainError("Choose verify, reject or revoke.")
    tab = request.POST.get("tab", "")
    tab = tab if tab in selectors.REVIEW_TABS else "pending"
    back = redirect(f"{reverse('professionals:review_queue')}?tab={tab}")
    try:
        services.decide(moderator=request.user, application=profile, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return back
    done = {"verify": "verified", "reject": "rejected", "revoke": "revoked"}
    messages.success(request, f"{profile.member.public_name}: {done[form.cleaned_data['action']]}.")
    return back


@login_required
@require_POST
def recusal(request: AuthedRequest, question_id: int) -> HttpResponse:
    """Step back from a thread, or take that back (`recused` = "on" or "off")."""
    question = question_by_id(question_id=question_id)
    if request.POST.get("recused") == "off":
        services.unrecuse(professional=request.user, question=question)
        messages.success(request, "You are no longer recused from this thread.")
    else:
        services.recuse(professional=request.user, question=question)
        messages.success(
            request,
            "You have recused yourself from this thread. Only you and moderators can see this.",
        )
    return redirect(question)
