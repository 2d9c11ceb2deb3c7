"""Moderation pages: flags, queues, actions on posts and members, the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mindwell.accounts import roles
from mindwell.accounts import selectors as account_selectors
from mindwell.accounts.http import AuthedRequest
from mindwell.core import ratelimit
from mindwell.core.errors import DomainError, NotAllowed, NotFound
from mindwell.core.health import worker_status
from mindwell.core.pagination import paginate
from mindwell.core.privacy import ip_digest
from mindwell.moderation import maintenance, screening, selectors, services
from mindwell.moderation.forms import (
    CloseForm,
    FlagForm,
    RestrictForm,
    RevealAuthorForm,
    VisitorReportForm,
    WatchedWordTestForm,
)
from mindwell.moderation.models import MaintenanceRun, ReviewItem
from mindwell.posting import services as qa_services
from mindwell.qa import permissions
from mindwell.qa.models import Question, Status


def _require_moderator(request: AuthedRequest) -> None:
    if not permissions.is_moderator(request.user):
        raise NotAllowed("Only moderators can see this page.")


@login_required
@require_http_methods(["GET", "POST"])
def flag(request: AuthedRequest, kind: str, post_id: int) -> HttpResponse:
    post = selectors.post_by_kind(kind, post_id)
    if not permissions.can_see(request.user, post):
        raise NotFound("Post not found.")
    if refusal := permissions.why_not_flag(request.user, post):
        raise NotAllowed(refusal)
    initial = {"reason": request.GET.get("reason")} if request.GET.get("reason") else None
    form = FlagForm(request.POST or None, initial=initial)
    status, retry_after = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            ratelimit.hit_from_request(request, "flag")
            services.flag_post(flagger=request.user, post=post, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            status = error.status
            retry_after = getattr(error, "retry_after", None)
        else:
            messages.success(request, "Thank you. A moderator will look at it.")
            return redirect(post.page_url)
    if form.errors and status == 200:
        status = 400
    response = render(request, "moderation/flag.html", {"form": form, "post": post}, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@require_http_methods(["GET", "POST"])
def report_at_risk(request: HttpRequest, kind: str, post_id: int) -> HttpResponse:
    """Anyone, logged in or not, can report that someone may be at risk. Members go
    to the flag form with that reason chosen; visitors answer the challenge."""
    post = selectors.post_by_kind(kind, post_id)
    if not permissions.can_see(request.user, post) or post.status != Status.PUBLISHED:
        raise NotFound("Post not found.")
    if request.user.is_authenticated:
        return redirect(f"{reverse('moderation:flag', args=[kind, post_id])}?reason=at_risk")
    form = VisitorReportForm(request.POST if request.method == "POST" else None)
    status, retry_after = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            ratelimit.hit_from_request(request, "visitor_report")
            services.report_at_risk_as_visitor(post=post, reporter_digest=ip_digest(request))
        except DomainError as error:
            form.add_error(None, error.message)
            status = error.status
            retry_after = getattr(error, "retry_after", None)
        else:
            messages.success(
                request,
                "Thank you for caring. The moderators on duty have been alerted and will "
                "reach out to the person privately.",
            )
            return redirect(post.page_url)
    if form.errors and status == 200:
        status = 400
    response = render(
        request, "moderation/report_at_risk.html", {"form": form, "post": post}, status=status
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@login_required
def queue(request: AuthedRequest, name: str = "flagged") -> HttpResponse:
    if not permissions.can_review(request.user):
        raise NotAllowed("You need more points to see the review queue.")
    if name not in ReviewItem.Queue.values:
        raise NotFound("No such queue.")
    moderator = permissions.is_moderator(request.user)
    queues = selectors.visible_queues(moderator=moderator)
    if name not in dict(queues):
        raise NotAllowed("Only moderators can open this queue.")
    context = {
        "queue": name,
        "queues": queues,
        "counts": selectors.queue_counts(moderator=moderator),
        "items": selectors.open_items(name, moderator=moderator),
        "canned": selectors.canned_messages() if moderator else [],
        "is_moderator": moderator,
        # Alerts, escalations and emails need the worker: say so where crises are handled.
        "worker_silent": moderator and name == "crisis" and worker_status().silent,
    }
    return render(request, "moderation/queue.html", context)


@login_required
@require_POST
def resolve(request: AuthedRequest, item_id: int) -> HttpResponse:
    item = ReviewItem.objects.filter(pk=item_id).first()
    if item is None:
        raise NotFound("Review item not found.")
    services.resolve_review(
        moderator=request.user,
        item=item,
        action=request.POST.get("action", ""),
        message=request.POST.get("message", "")[:2000],
    )
    messages.success(request, "Done.")
    return redirect("moderation:queue", name=item.queue)


ACTIONS = {
    "hide": services.hide_post,
    "restore": services.restore_post,
    "delete": services.delete_post,
    "undelete": services.undelete_post,
}


@login_required
@require_POST
def moderate_post(request: AuthedRequest, kind: str, post_id: int) -> HttpResponse:
    post = selectors.post_by_kind(kind, post_id)
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")[:2000]
    if action == "reveal_author":
        return _reveal_author(request, post)
    if action == "content_warning":
        qa_services.set_content_warning(
            actor=request.user, post=post, topic=request.POST.get("topic", "")
        )
        messages.success(request, "The content warning is updated.")
        return redirect(post.page_url)
    if action == "block_ip":
        services.block_ip_of_post(moderator=request.user, post=post, reason=reason or "abuse")
        messages.success(request, "Posting from that network is blocked for 30 days.")
    elif action in ACTIONS:
        ACTIONS[action](moderator=request.user, post=post, reason=reason)
        messages.success(request, f"Done: {action}.")
    else:
        raise DomainError("Unknown moderation action.")
    if action == "delete" and isinstance(post, Question):
        return redirect("qa:home")
    return redirect(post.page_url)


def _reveal_author(request: AuthedRequest, post: Any) -> HttpResponse:
    """Admins only, with a reason (audited): who wrote an anonymous post. The answer is
    shown on this response only (never in a message stored for a later page)."""
    if not roles.is_admin(request.user):
        raise NotAllowed(services.ONLY_ADMINS_REVEAL)
    form = RevealAuthorForm(request.POST)
    context: dict[str, Any] = {"form": form, "post": post, "kind": post.post_kind}
    if not form.is_valid():
        return render(request, "moderation/reveal_author.html", context, status=400)
    member = services.reveal_author(
        admin=request.user, post=post, reason=form.cleaned_data["reason"]
    )
    context.update(revealed=True, member=member)
    return render(request, "moderation/reveal_author.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def close(request: AuthedRequest, question_id: int) -> HttpResponse:
    question = Question.objects.filter(pk=question_id, status="published").first()
    if question is None:
        raise NotFound("Question not found.")
    moderator = permissions.is_moderator(request.user)
    if not moderator and (refusal := permissions.why_not_close_vote(request.user, question)):
        raise NotAllowed(refusal)
    form = CloseForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicate = None
        if data.get("duplicate_of"):
            duplicate = Question.objects.filter(pk=data["duplicate_of"], status="published").first()
            if duplicate is None:
                form.add_error("duplicate_of", "No such question.")
        if not form.errors:
            try:
                done = services.close_or_vote(
                    actor=request.user,
                    question=question,
                    reason=data["reason"],
                    note=data.get("note", "") if moderator else "",
                    duplicate_of=duplicate,
                )
                messages.success(request, done)
                return redirect(question)
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status
    if form.errors and status == 200:
        status = 400
    context = {"form": form, "question": question, "moderator": moderator}
    return render(request, "moderation/close.html", context, status=status)


@login_required
@require_POST
def question_state(request: AuthedRequest, question_id: int) -> HttpResponse:
    """reopen, lock, unlock, pin, unpin."""
    question = Question.objects.filter(pk=question_id).first()
    if question is None:
        raise NotFound("Question not found.")
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")[:2000]
    if action == "reopen":
        services.reopen_question(moderator=request.user, question=question, reason=reason)
    elif action in ("lock", "unlock"):
        services.set_locked(
            moderator=request.user, question=question, locked=action == "lock", reason=reason
        )
    elif action in ("pin", "unpin"):
        services.set_pinned(moderator=request.user, question=question, pinned=action == "pin")
    else:
        raise DomainError("Unknown action.")
    messages.success(request, f"Done: {action}.")
    return redirect(question)


@login_required
@require_http_methods(["GET", "POST"])
def restrict(request: AuthedRequest, username: str) -> HttpResponse:
    _require_moderator(request)
    member = account_selectors.member_by_username(username, viewer=request.user)
    form = RestrictForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "lift":
            services.lift_restriction(moderator=request.user, member=member)
            messages.success(request, "The restriction is lifted.")
            return redirect(member)
        if form.is_valid():
            try:
                services.restrict_member(
                    moderator=request.user,
                    member=member,
                    kind=form.cleaned_data["kind"],
                    reason=form.cleaned_data["reason"],
                    days=form.cleaned_data.get("days"),
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, "The member is restricted.")
                return redirect(member)
        if status == 200:
            status = 400
    context = {"form": form, "member": member}
    return render(request, "moderation/restrict.html", context, status=status)


@login_required
@require_POST
def on_duty(request: AuthedRequest) -> HttpResponse:
    """A moderator says they are (or no longer are) on duty for crisis alerts."""
    services.set_on_duty(moderator=request.user, on_duty=request.POST.get("on_duty") == "on")
    if request.POST.get("next") == "duty":
        return redirect("safety:duty")
    return redirect("moderation:queue", name="crisis")


@login_required
def audit_log(request: AuthedRequest) -> HttpResponse:
    _require_moderator(request)
    filters = {
        "action": request.GET.get("action", "")[:40],
        "actor": request.GET.get("actor", "")[:150],
        "target_type": request.GET.get("target_type", "")[:20],
    }
    # Members' own entries (e.g. replying to an outreach on their anonymous post) could
    # link them to a post: only admins see their names or find them by name.
    admin = roles.is_admin(request.user)
    entries = selectors.audit_entries(**filters, name_members=admin)
    page = paginate(entries, request.GET.get("page"), 50)
    selectors.describe_targets(list(page.object_list))
    context = {"page": page, "name_members": admin, **filters}
    return render(request, "moderation/audit_log.html", context)


@login_required
def stats(request: AuthedRequest) -> HttpResponse:
    """The site's activity at a glance, for admins: posts, votes, flags and crisis items per
    day, week and month, and the background worker's backlog."""
    if not roles.is_admin(request.user):
        raise NotAllowed("Only admins can see the site's statistics.")
    context = {
        "rows": selectors.site_stats(),
        "windows": [name for name, _ in selectors.STATS_WINDOWS],
        "worker": worker_status(),
    }
    return render(request, "moderation/stats.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def watched_words(request: AuthedRequest) -> HttpResponse:
    """Try a text against the watched-words list (the list is edited in the admin)."""
    _require_moderator(request)
    form = WatchedWordTestForm(request.POST or None)
    matches: list[Any] = []
    replaced = ""
    tested = False
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        matches = screening.watched_matches(text)
        replaced = screening.apply_replacements(text)
        tested = True
    context = {"form": form, "matches": matches, "replaced": replaced, "tested": tested}
    return render(request, "moderation/watched_words.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def maintenance_page(request: AuthedRequest) -> HttpResponse:
    """Admins queue the maintenance commands for the worker and watch their progress
    (htmx polls each waiting or running task; a reload shows the same)."""
    if not roles.is_admin(request.user):
        raise NotAllowed("Only admins can run maintenance tasks.")
    if request.method == "POST":
        run = maintenance.queue_maintenance(
            admin=request.user, command=request.POST.get("command", "")[:40]
        )
        messages.success(request, f"Queued: {run.get_command_display()}.")
        return redirect("moderation:maintenance")
    context = {
        "commands": MaintenanceRun.Command.choices,
        "runs": maintenance.recent_runs(),
        "worker": worker_status(),
    }
    return render(request, "moderation/maintenance.html", context)


@login_required
@require_http_methods(["GET"])
def maintenance_run(request: AuthedRequest, run_id: int) -> HttpResponse:
    """One task's state, for polling (an htmx fragment; the page itself without it)."""
    run = maintenance.run_for_admin(admin=request.user, run_id=run_id)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "moderation/partials/maintenance_run.html", {"run": run})
    return redirect(f"{reverse('moderation:maintenance')}#run-{run.pk}")
