"""The crisis pages for moderators (duty rota, outreach, assessment, method details)
and the poster's private thread. Thin: each calls safety.duty or safety.playbook."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from mindwell.accounts import roles
from mindwell.accounts.http import AuthedRequest
from mindwell.core.errors import DomainError, NotAllowed, NotFound
from mindwell.moderation.selectors import post_by_kind
from mindwell.posting import services as posting
from mindwell.safety import duty, playbook
from mindwell.safety.models import RiskRecord


def _require_moderator(request: AuthedRequest) -> None:
    if not roles.is_moderator(request.user):
        raise NotAllowed("Only moderators can see this page.")


@login_required
def duty_page(request: AuthedRequest) -> HttpResponse:
    """Who is on duty for crisis alerts, and until when."""
    _require_moderator(request)
    context = {"on_duty": list(duty.on_duty()), "shift_hours": settings.DUTY_SHIFT_HOURS}
    return render(request, "safety/duty.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def outreach(request: AuthedRequest, kind: str, post_id: int) -> HttpResponse:
    """The moderator's side: the thread, the templates, the assessment."""
    _require_moderator(request)
    post = post_by_kind(kind, post_id)
    status, body = 200, ""
    if request.method == "POST":
        body = request.POST.get("body", "")[: playbook.MESSAGE_MAX + 1]
        try:
            playbook.send_outreach(moderator=request.user, post=post, body=body)
        except DomainError as error:
            messages.error(request, error.message)
            status = error.status
        else:
            messages.success(
                request, "Your message is sent. Only the poster and moderators see it."
            )
            return redirect("safety:outreach", kind=kind, post_id=post_id)
    context = {
        "post": post,
        "kind": kind,
        "thread": list(playbook.thread(post)),
        "templates": playbook.templates_for(post),
        "assessments": [
            {
                "record": record,
                "fields": [
                    (
                        name,
                        getattr(RiskRecord._meta.get_field(name), "verbose_name", name),
                        getattr(record, name),
                    )
                    for name in RiskRecord.ASSESSMENT_FIELDS
                ],
            }
            for record in playbook.records_for(post)
        ],
        "body": body,
        "reachable": post.author_id is not None or bool(post.notify_email),
    }
    return render(request, "safety/outreach.html", context, status=status)


@login_required
@require_POST
def assess(request: AuthedRequest, record_id: int) -> HttpResponse:
    _require_moderator(request)
    record = RiskRecord.objects.filter(pk=record_id).first()
    if record is None:
        raise NotFound("Risk record not found.")
    answers = {name: request.POST.get(name) == "on" for name in RiskRecord.ASSESSMENT_FIELDS}
    playbook.assess(
        moderator=request.user,
        record=record,
        answers=answers,
        note=request.POST.get("note", "")[:2000],
    )
    messages.success(request, "Assessment saved with the risk record.")
    post = record.post
    return redirect("safety:outreach", kind=post.post_kind, post_id=post.pk)  # type: ignore[attr-defined]


@login_required
@require_POST
def hold_method_details(request: AuthedRequest, kind: str, post_id: int) -> HttpResponse:
    _require_moderator(request)
    post = post_by_kind(kind, post_id)
    try:
        posting.hold_back_passage(
            moderator=request.user,
            post=post,
            passage=request.POST.get("passage", "")[:4000],
            note=request.POST.get("note", "")[:200],
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("safety:outreach", kind=kind, post_id=post_id)
    messages.success(
        request, "The passage is held back; earlier revisions are for moderators only."
    )
    return redirect("safety:outreach", kind=kind, post_id=post_id)


@login_required
def my_threads(request: AuthedRequest) -> HttpResponse:
    """The poster's private threads with the moderators."""
    return render(request, "safety/threads.html", {"posts": playbook.threads_for(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def outreach_thread(request: AuthedRequest, kind: str, post_id: int) -> HttpResponse:
    """The poster's side of one thread (moderators are sent to their own page)."""
    post = post_by_kind(kind, post_id)
    if roles.is_moderator(request.user) and post.author_id != request.user.pk:
        return redirect("safety:outreach", kind=kind, post_id=post_id)
    if post.author_id != request.user.pk or not playbook.thread(post).exists():
        raise NotFound("Message not found.")
    status = 200
    if request.method == "POST":
        try:
            playbook.reply(poster=request.user, post=post, body=request.POST.get("body", "")[:4001])
        except DomainError as error:
            messages.error(request, error.message)
            status = error.status
        else:
            messages.success(request, "Your reply is sent to the moderators.")
            return redirect("safety:outreach_thread", kind=kind, post_id=post_id)
    context = {"post": post, "thread": list(playbook.thread(post))}
    return render(request, "safety/outreach_thread.html", context, status=status)
