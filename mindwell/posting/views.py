"""The pages where members write: ask, answer, comment, edit, retag, vote, best answer.

Each is thin: the form cleans, `Origin` says who is posting and from where,
`screening.decide` runs every pre-publication check once (the crisis interstitial reads
the same decision), and a service in `posting.services` does the write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mindwell.accounts.http import AuthedRequest
from mindwell.core import markdown, ratelimit
from mindwell.core.errors import DomainError, NotAllowed, NotFound
from mindwell.posting import claims, conversion, screening, services
from mindwell.posting.forms import (
    AnswerForm,
    CommentForm,
    EditAnswerForm,
    EditCommentForm,
    QuestionForm,
)
from mindwell.posting.origin import Origin
from mindwell.qa import permissions, selectors
from mindwell.qa.models import BODY_MAX, Answer, Comment, Question, Status
from mindwell.qa.views import attach_controls, question_context
from mindwell.safety import flow as safety_flow
from mindwell.taxonomy import services as taxonomy_services


def _respond(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    status: int,
    retry_after: int | None,
) -> HttpResponse:
    """A form page again, keeping the text; 429 responses say when to retry. A draft
    that shows crisis resources shows them on the error page too (no JavaScript needed)."""
    if status >= 400:
        draft = "\n".join(request.POST.get(k, "")[:20_000] for k in ("title", "body"))
        context["draft_feedback"] = safety_flow.feedback(request, draft)
    response = render(request, template, context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _posted_message(request: HttpRequest, post: Any, noun: str) -> None:
    if post.status == Status.QUEUED:
        messages.info(
            request,
            f"Thank you. Your {noun} is waiting for a moderator's approval; "
            "it will appear as soon as it is approved.",
        )
    else:
        messages.success(request, f"Your {noun} is posted.")


def _edited_message(request: HttpRequest, post: Any) -> None:
    if post.status == Status.HIDDEN:
        messages.warning(
            request,
            "Your edit is saved, and the post is waiting for a moderator: it seems to share "
            "contact details or offer your services, which professionals can't do here.",
        )
    else:
        messages.success(request, "Your edit is saved.")


@dataclass
class _Submitted:
    """What became of a posting form's submission."""

    post: Any = None  # the new post, when it was written
    page: HttpResponse | None = None  # the crisis page to show first
    status: int = 400
    retry_after: int | None = None


def _submit(
    request: HttpRequest,
    form: Any,
    *,
    action: str,
    texts: list[str],
    write: Callable[..., Any],
    thread: Question | None = None,
) -> _Submitted:
    """One path for asking, answering and commenting: who posts from where, the one
    pre-publication decision (and the crisis page it may ask for), the rate limit, then
    the service (`write`, given the decision and the author fields). Refusals go on the
    form, with the status and Retry-After they carry."""
    origin = Origin.from_form(request, form.cleaned_data)
    try:
        decision, page = _decide(request, origin, texts, thread)
        if page is not None:
            return _Submitted(page=page)
        ratelimit.hit_from_request(request, action)
        post = write(decision=decision, **origin.author_kwargs(), **form.warning_kwargs())
    except ValidationError as error:
        form.add_error(None, error)
        return _Submitted()
    except DomainError as error:
        form.add_error(None, error.message)
        return _Submitted(status=error.status, retry_after=getattr(error, "retry_after", None))
    return _Submitted(post=post)


def _decide(
    request: HttpRequest, origin: Origin, texts: list[str], thread: Question | None = None
) -> tuple[screening.Decision, HttpResponse | None]:
    """The one pre-publication decision, and the crisis page when it asks for one."""
    decision = screening.decide(
        author=origin.author, texts=texts, ip_digest=origin.ip_digest, thread=thread
    )
    page = None
    if decision.needs_interstitial:
        page = safety_flow.interstitial(
            request, crisis=decision.crisis_sure, contacts=decision.contacts
        )
    return decision, page


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    if not permissions.can_post(request.user):
        return redirect(f"{reverse('account_login')}?next={request.path}")
    preview, status, retry_after = "", 0, None
    if "preview" in request.POST:
        # Show the draft rendered, without judging it yet.
        ratelimit.hit_from_request(request, "preview")
        form = QuestionForm(initial=request.POST.dict(), user=request.user)
        preview = markdown.render(markdown.clean_text(request.POST.get("body", "")[:BODY_MAX]))
        return render(request, "posting/ask.html", {"form": form, "preview": preview})
    initial = {"follow_on": request.GET.get("follow_on", "")[:12]}
    form = QuestionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _submit(
            request,
            form,
            action="question",
            texts=[data["title"], data["body"]],
            write=partial(
                services.ask_question,
                title=data["title"],
                body=data["body"],
                category=data["category"],
                tags=data["tags"],
                follow_on=data.get("follow_on"),
            ),
        )
        if done.page is not None:
            return done.page
        if done.post is not None:
            _posted_message(request, done.post, "question")
            return redirect(done.post)
        status, retry_after = done.status, done.retry_after
    status = status if form.errors and status else (400 if form.errors else 200)
    context = {"form": form, "preview": preview, "follow_on": _follow_on(form)}
    return _respond(request, "posting/ask.html", context, status, retry_after)


def _follow_on(form: QuestionForm) -> Answer | None:
    """The answer a new question is asked from, to name it above the form (the form's
    cleaned value once it was checked; else looked up from the link's id)."""
    if "follow_on" not in form.fields:
        return None
    if "follow_on" in getattr(form, "cleaned_data", {}):
        found: Answer | None = form.cleaned_data["follow_on"]
        return found
    value = form["follow_on"].value()
    if not str(value or "").isdigit():
        return None
    return selectors.published_answer(int(str(value)))


@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """The rendered Markdown of a draft, for the live preview (not stored); limited per
    member and per network like posting, since rendering costs the server."""
    ratelimit.hit_from_request(request, "preview")
    html = markdown.render(markdown.clean_text(request.POST.get("body", "")[:BODY_MAX]))
    return render(request, "qa/partials/preview.html", {"preview": html})


@require_POST
def answer_create(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.question_by_id(question_id=question_id, with_tags=False)
    if reason := permissions.why_not_answer(request.user, question):
        raise NotAllowed(reason)
    if "preview" in request.POST:  # back from the crisis page: keep the draft
        form = AnswerForm(initial=request.POST.dict(), user=request.user)
        context = question_context(request, question_id, answer_form=form)
        return render(request, "qa/question_detail.html", context)
    form = AnswerForm(request.POST, user=request.user)
    status, retry_after = 400, None
    if form.is_valid():
        body = form.cleaned_data["body"]
        done = _submit(
            request,
            form,
            action="answer",
            texts=[body],
            thread=question,
            write=partial(services.post_answer, question=question, body=body),
        )
        if done.page is not None:
            return done.page
        if done.post is not None:
            _posted_message(request, done.post, "answer")
            return redirect(f"{question.get_absolute_url()}#{done.post.anchor}")
        status, retry_after = done.status, done.retry_after
    context = question_context(request, question_id, answer_form=form)
    return _respond(request, "qa/question_detail.html", context, status, retry_after)


@require_http_methods(["GET", "POST"])
def comment_create(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.question_by_id(question_id=question_id)
    if reason := permissions.why_not_post(request.user):
        raise NotAllowed(reason)
    if request.method == "GET":
        target = request.GET.get("answer", "")
        auto_id = f"ca{target}-%s" if target.isdigit() else "cq-%s"
        form = CommentForm(
            initial={"answer": target if target.isdigit() else None},
            user=request.user,
            auto_id=auto_id,
        )
        context = {"question": question, "form": form, "answer_id": form.initial["answer"]}
        if request.htmx:  # type: ignore[attr-defined]
            return render(request, "qa/partials/comment_form.html", context)
        return render(request, "posting/comment_form.html", context)
    form = CommentForm(request.POST, user=request.user)
    answer, status, retry_after = None, 400, None
    if "preview" in request.POST:  # back from the crisis page: keep the draft
        form = CommentForm(initial=request.POST.dict(), user=request.user)
        return render(request, "posting/comment_form.html", {"question": question, "form": form})
    if form.is_valid():
        if answer_id := form.cleaned_data.get("answer"):
            answer = selectors.answer_by_id(answer_id=answer_id)
        body = form.cleaned_data["body"]
        done = _submit(
            request,
            form,
            action="comment",
            texts=[body],
            thread=question,
            write=partial(services.post_comment, question=question, answer=answer, body=body),
        )
        if done.page is not None:
            return done.page
        if done.post is not None:
            _posted_message(request, done.post, "comment")
            return redirect(f"{question.get_absolute_url()}#{done.post.anchor}")
        status, retry_after = done.status, done.retry_after
    context = {"question": question, "form": form}
    return _respond(request, "posting/comment_form.html", context, status, retry_after)


VOTABLE: dict[str, type[Question] | type[Answer]] = {"question": Question, "answer": Answer}


@login_required
@require_POST
def vote(request: AuthedRequest, kind: str, post_id: int) -> HttpResponse:
    model = VOTABLE.get(kind)
    if model is None:
        raise NotFound("Post not found.")
    value = {"up": 1, "down": -1, "withdraw": 0}.get(request.POST.get("value", ""))
    if value is None:
        raise DomainError("A vote is up, down or withdraw.")
    post: Question | Answer
    try:
        # Only the id is given: cast_vote reads the post's row once, locked (404 if gone),
        # after counting the attempt against the rate limit in the same transaction.
        post = services.cast_vote(
            voter=request.user,
            post=model(pk=post_id),
            value=value,
            first=partial(ratelimit.hit_from_request, request, "vote"),
        )
    except NotAllowed as refused:
        # Said in words where the buttons are (a tooltip is invisible on a touch screen);
        # without JavaScript the refusal page says it.
        if not request.htmx:  # type: ignore[attr-defined]
            raise
        if model is Question:
            post = selectors.question_by_id(question_id=post_id)
        else:
            post = selectors.answer_by_id(answer_id=post_id)
        mine = selectors.my_vote(user=request.user, post=post)
        attach_controls(request.user, post, {f"{kind[0]}{post.pk}": mine})
        context = {"post": post, "kind": kind, "refusal": refused.message}
        return render(request, "qa/partials/vote.html", context)
    if request.htmx:  # type: ignore[attr-defined]
        attach_controls(request.user, post, {f"{kind[0]}{post.pk}": value})
        return render(request, "qa/partials/vote.html", {"post": post, "kind": kind})
    return redirect(post.page_url)


@login_required
@require_POST
def select_answer(request: AuthedRequest, question_id: int) -> HttpResponse:
    question = selectors.question_by_id(question_id=question_id)
    answer = None
    if answer_id := request.POST.get("answer", ""):
        if not answer_id.isdigit():
            raise NotFound("Answer not found.")
        answer = selectors.answer_by_id(answer_id=int(answer_id))
    services.select_best_answer(actor=request.user, question=question, answer=answer)
    messages.success(request, "Best answer selected." if answer else "Best answer unselected.")
    anchor = f"#{answer.anchor}" if answer else ""
    return redirect(f"{question.get_absolute_url()}{anchor}")


@login_required
@require_POST
def set_noindex(request: AuthedRequest, question_id: int) -> HttpResponse:
    question = selectors.question_by_id(question_id=question_id)
    noindex = request.POST.get("noindex") == "on"
    services.set_noindex(actor=request.user, question=question, noindex=noindex)
    messages.success(
        request,
        "Search engines are asked not to index this question."
        if noindex
        else "Search engines may index this question.",
    )
    return redirect(question)


@login_required
@require_POST
def retag(request: AuthedRequest, question_id: int) -> HttpResponse:
    question = selectors.question_by_id(question_id=question_id)
    try:
        tags = taxonomy_services.parse_tags(request.POST.get("tags", ""))
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error
    services.retag_question(editor=request.user, question=question, tags=tags)
    messages.success(request, "Tags updated.")
    return redirect(question)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: AuthedRequest, question_id: int) -> HttpResponse:
    question = selectors.post_for_author(viewer=request.user, model=Question, post_id=question_id)
    if not permissions.can_edit(request.user, question):
        raise NotAllowed("You cannot edit this question.")
    initial = {
        "content_warning": question.content_warning,
        "title": question.title,
        "body": question.body,
        "category": question.category_id,
        "tags": " ".join(t.name for t in question.tags.all()),
    }
    form = QuestionForm(request.POST or None, initial=initial, user=request.user, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            edited = services.edit_question(
                editor=request.user,
                question=question,
                title=data["title"],
                body=data["body"],
                category=data["category"],
                tags=data["tags"],
                summary=data.get("summary", ""),
                content_warning=data.get("content_warning", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _edited_message(request, edited)
            return redirect(question)
    status = 400 if form.errors else 200
    context = {"form": form, "question": question}
    return render(request, "posting/question_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def answer_edit(request: AuthedRequest, answer_id: int) -> HttpResponse:
    answer = selectors.post_for_author(viewer=request.user, model=Answer, post_id=answer_id)
    if not permissions.can_edit(request.user, answer):
        raise NotAllowed("You cannot edit this answer.")
    form = EditAnswerForm(request.POST or None, initial={"body": answer.body})
    if request.method == "POST" and form.is_valid():
        edited = services.edit_answer(
            editor=request.user,
            answer=answer,
            body=form.cleaned_data["body"],
            summary=form.cleaned_data["summary"],
        )
        _edited_message(request, edited)
        return redirect(f"{answer.question.get_absolute_url()}#{answer.anchor}")
    status = 400 if form.errors else 200
    context = {"form": form, "answer": answer, "question": answer.question}
    return render(request, "posting/answer_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: AuthedRequest, comment_id: int) -> HttpResponse:
    comment = selectors.post_for_author(viewer=request.user, model=Comment, post_id=comment_id)
    if not permissions.can_edit(request.user, comment):
        raise NotAllowed("You cannot edit this comment.")
    form = EditCommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        edited = services.edit_comment(
            editor=request.user, comment=comment, body=form.cleaned_data["body"]
        )
        _edited_message(request, edited)
        return redirect(f"{comment.question.get_absolute_url()}#{comment.anchor}")
    status = 400 if form.errors else 200
    context = {"form": form, "comment": comment, "question": comment.question}
    return render(request, "posting/comment_edit.html", context, status=status)


@login_required
@require_POST
def convert_answer(request: AuthedRequest, answer_id: int) -> HttpResponse:
    """An editor or moderator makes an answer a comment on the question or on another
    answer of it (`parent`: "question" or an answer's id)."""
    answer = selectors.answer_by_id(answer_id=answer_id)
    if reason := permissions.why_not_convert(request.user, answer):
        raise NotAllowed(reason)
    choice = request.POST.get("parent", "")
    parent = None
    if choice.isdigit():
        parent = selectors.answer_by_id(answer_id=int(choice))
    elif choice != "question":
        raise DomainError("Choose where the comment goes: the question or another answer.")
    comment = conversion.convert_answer_to_comment(
        editor=request.user,
        answer=answer,
        parent=parent,
        reason=request.POST.get("reason", "")[:300],
    )
    messages.success(request, "The answer is now a comment.")
    return redirect(comment.page_url)


@login_required
@require_POST
def convert_comment(request: AuthedRequest, comment_id: int) -> HttpResponse:
    """An editor or moderator makes a comment an answer to its question."""
    comment = selectors.comment_by_id(comment_id=comment_id)
    answer = conversion.convert_comment_to_answer(
        editor=request.user, comment=comment, reason=request.POST.get("reason", "")[:300]
    )
    messages.success(request, "The comment is now an answer.")
    return redirect(answer.page_url)


@login_required
@require_GET
def claim_posts(request: AuthedRequest) -> HttpResponse:
    """The posts a member wrote as a visitor, found by their verified email addresses."""
    posts = claims.claimable_posts(member=request.user)
    return render(request, "posting/claim_posts.html", {"posts": posts})


@login_required
@require_POST
def claim_post(request: AuthedRequest, kind: str, post_id: int) -> HttpResponse:
    show_name = request.POST.get("show_name") == "on"
    claims.claim_post(member=request.user, kind=kind, post_id=post_id, show_name=show_name)
    if show_name:
        messages.success(request, "The post is now yours, shown with your name.")
    else:
        messages.success(
            request, "The post is now yours. It still shows as anonymous: nobody can tell."
        )
    return redirect("posting:claim_posts")
