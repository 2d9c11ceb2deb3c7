from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mindwell.accounts import avatars, selectors, services
from mindwell.accounts.forms import AvatarForm, ProfileForm
from mindwell.accounts.http import AuthedRequest
from mindwell.accounts.titles import title_for
from mindwell.core import ratelimit, runtime, uploads
from mindwell.core.pagination import paginate
from mindwell.notifications import services as notifications
from mindwell.professionals import selectors as professionals
from mindwell.qa import selectors as qa_selectors

PROFILE_TABS = {
    "activity": "Recent activity",
    "questions": "Questions",
    "answers": "Answers",
    "comments": "Comments",
}
PROFILE_PAGE_SIZE = 20
YEAR = 365 * 24 * 3600


def profile(request: HttpRequest, username: str, tab: str = "activity") -> HttpResponse:
    if tab not in PROFILE_TABS:
        raise Http404("No such tab.")
    member = selectors.member_by_username(username, viewer=request.user)
    context = {
        "member": member,
        "tab": tab,
        "tabs": PROFILE_TABS,
        "counts": qa_selectors.user_post_counts(member),
        "title": title_for(member.points),
        "following": notifications.is_following(request.user, member),
        "professional_badge": professionals.profile_badge(member),
    }
    lists = {
        "questions": qa_selectors.user_questions,
        "answers": qa_selectors.user_answers,
        "comments": qa_selectors.user_comments,
    }
    if tab == "activity":
        context["activity"] = qa_selectors.user_activity(member)
    else:
        context["page"] = paginate(
            lists[tab](member),
            request.GET.get("page"),
            PROFILE_PAGE_SIZE,
            version="questions",
            count_key=f"profile:{member.pk}:{tab}",
        )
    return render(request, "accounts/profile.html", context)


def member_list(request: HttpRequest) -> HttpResponse:
    page = paginate(
        selectors.members_by_points(),
        request.GET.get("page"),
        runtime.get("lists.members_page_size"),
    )
    return render(request, "accounts/member_list.html", {"page": page})


def _edit_page(
    request: AuthedRequest, form: ProfileForm, avatar_form: AvatarForm, status: int = 200
) -> HttpResponse:
    context = {"form": form, "avatar_form": avatar_form, "member": request.user}
    return render(request, "accounts/edit_profile.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit_profile(request: AuthedRequest) -> HttpResponse:
    user = request.user
    initial = {"display_name": user.display_name, "about": user.about}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(user=user, **form.cleaned_data)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect(user)
    return _edit_page(request, form, AvatarForm(), status=400 if form.errors else 200)


@login_required
@require_POST
def upload_avatar(request: AuthedRequest) -> HttpResponse:
    user = request.user
    avatar_form = AvatarForm(request.POST, request.FILES)
    if uploads.upload_too_large(request):
        limit = avatars.size_label(settings.FILE_UPLOAD_MAX_BYTES)
        avatar_form.is_valid()
        avatar_form.errors.clear()
        avatar_form.add_error("avatar", f"This file is too big; a picture can be at most {limit}.")
    elif avatar_form.is_valid():
        ratelimit.hit_from_request(request, "avatar")
        try:
            services.set_avatar(user=user, upload=avatar_form.cleaned_data["avatar"])
        except ValidationError as error:
            for problems in error.message_dict.values():
                for problem in problems:
                    avatar_form.add_error("avatar", problem)
        else:
            messages.success(request, "Your new picture is saved.")
            return redirect("accounts:edit_profile")
    form = ProfileForm(initial={"display_name": user.display_name, "about": user.about})
    return _edit_page(request, form, avatar_form, status=400)


@login_required
@require_POST
def remove_avatar(request: AuthedRequest) -> HttpResponse:
    services.remove_avatar(user=request.user)
    messages.success(request, "Your picture is removed: your initials are shown instead.")
    return redirect("accounts:edit_profile")


@require_GET
def generated_avatar(request: HttpRequest, colour: int, letters: str) -> HttpResponse:
    """Initials on a colour, drawn once per process and cached by browsers for a year (the
    URL names everything the picture shows)."""
    if colour >= len(avatars.PALETTE) or not avatars.valid_initials(letters):
        raise Http404("No such picture.")
    response = HttpResponse(avatars.initials_svg(colour, letters), content_type="image/svg+xml")
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response


@require_GET
def media_file(request: HttpRequest, name: str) -> FileResponse:
    """An uploaded avatar from local storage (whitenoise serves only static files). Only
    names this site writes are served, always as WebP pictures."""
    if not avatars.FILE_NAME.match(name):
        raise Http404("No such picture.")
    path = f"avatars/{name}"
    if not default_storage.exists(path):
        raise Http404("No such picture.")
    response = FileResponse(default_storage.open(path, "rb"), content_type="image/webp")
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    response["Content-Disposition"] = "inline"
    return response
