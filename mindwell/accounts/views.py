from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mindwell.accounts import selectors, services
from mindwell.accounts.forms import ProfileForm
from mindwell.accounts.http import AuthedRequest
from mindwell.core import runtime
from mindwell.core.pagination import paginate
from mindwell.notifications import services as notifications
from mindwell.professionals import selectors as professionals
from mindwell.qa import selectors as qa_selectors


def profile(request: HttpRequest, username: str) -> HttpResponse:
    member = selectors.member_by_username(username, viewer=request.user)
    questions = qa_selectors.user_questions(member)
    answers = qa_selectors.user_answers(member)
    context = {
        "member": member,
        "questions": questions[:20],
        "question_count": questions.count(),
        "answers": answers[:20],
        "answer_count": answers.count(),
        "following": notifications.is_following(request.user, member),
        "professional_badge": professionals.profile_badge(member),
    }
    return render(request, "accounts/profile.html", context)


def member_list(request: HttpRequest) -> HttpResponse:
    page = paginate(
        selectors.members_by_points(),
        request.GET.get("page"),
        runtime.get("lists.members_page_size"),
    )
    return render(request, "accounts/member_list.html", {"page": page})


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
    return render(
        request, "accounts/edit_profile.html", {"form": form}, status=400 if form.errors else 200
    )
