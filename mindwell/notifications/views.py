from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from mindwell.accounts import selectors as account_selectors
from mindwell.accounts.http import AuthedRequest
from mindwell.core.errors import NotFound
from mindwell.core.http import safe_next
from mindwell.core.pagination import paginate
from mindwell.notifications import selectors, services
from mindwell.notifications.models import EmailPreference
from mindwell.qa import selectors as qa_selectors
from mindwell.taxonomy import selectors as taxonomy_selectors


@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    page = paginate(selectors.inbox(request.user), request.GET.get("page"), 30)
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
def open_notification(request: AuthedRequest, notification_id: int) -> HttpResponse:
    notification = services.mark_read(user=request.user, notification_id=notification_id)
    return redirect(notification.target_url)


@login_required
@require_POST
def mark_all_read(request: AuthedRequest) -> HttpResponse:
    services.mark_all_read(user=request.user)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "notifications/partials/unread_badge.html", {"unread_count": 0})
    messages.success(request, "All notifications are marked as read.")
    return redirect("notifications:inbox")


def unread_badge(request: HttpRequest) -> HttpResponse:
    """The header's unread count, refreshed by htmx."""
    context = {"unread_count": services.unread_count(request.user)}
    return render(request, "notifications/partials/unread_badge.html", context)


def _target(kind: str, key: str, viewer: Any = None) -> Any:
    if kind == "question" and key.isdigit():
        return qa_selectors.question_by_id(question_id=int(key))
    if kind == "tag":
        return taxonomy_selectors.tag_by_name(key)
    if kind == "category":
        return taxonomy_selectors.category_by_slug(key)
    if kind == "member":
        return account_selectors.member_by_username(key, viewer=viewer)
    raise NotFound("Nothing to follow here.")


@login_required
@require_POST
def toggle_follow(request: AuthedRequest, kind: str, key: str) -> HttpResponse:
    target = _target(kind, key, request.user)
    if request.POST.get("follow") == "on":
        services.follow(user=request.user, target=target)
    else:
        services.unfollow(user=request.user, target=target)
    following = services.is_following(request.user, target)
    if request.htmx:  # type: ignore[attr-defined]
        context = {"following": following, "kind": kind, "key": key}
        return render(request, "notifications/partials/follow_button.html", context)
    messages.success(request, "Following." if following else "No longer following.")
    return redirect(safe_next(request, target.get_absolute_url()))


@login_required
def favourites(request: AuthedRequest) -> HttpResponse:
    """Everything the member follows, each with its unfollow button."""
    context = {"favourites": selectors.favourites(request.user)}
    return render(request, "notifications/favourites.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        for kind, _, _ in selectors.preferences(request.user):
            mode = request.POST.get(f"mode_{kind}", "")
            if mode in EmailPreference.Mode.values:
                services.set_email_preference(user=request.user, kind=kind, mode=mode)
        messages.success(request, "Your email settings are saved.")
        return redirect("notifications:preferences")
    context = {
        "rows": selectors.preferences(request.user),
        "modes": EmailPreference.Mode.choices,
    }
    return render(request, "notifications/preferences.html", context)


@csrf_exempt  # the signed token is the authorisation; mail clients POST without a form
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation (link scanners must not unsubscribe); POST, including
    RFC 8058 one-click from the mail client, unsubscribes."""
    info = services.describe_unsubscribe(token)
    if request.method == "POST":
        done = services.unsubscribe(token)
        return render(request, "notifications/unsubscribed.html", {"done": done})
    return render(request, "notifications/unsubscribe.html", {"info": info, "token": token})
