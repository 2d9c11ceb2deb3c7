"""The reading pages of Q&A: a question with its answers, revision history, lists.
Writes (asking, answering, editing, voting) are posting's pages (mindwell/posting/views.py)."""

from __future__ import annotations

import functools
import re
import secrets
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe

from mindwell.core.conditional import (
    CSRF_PLACEHOLDER,
    content_versions,
    keyed,
    on_cached_hit,
    shared_rendering,
    visitor_variants,
)
from mindwell.core.page_parts import add_parts, viewer_signature
from mindwell.core.pagination import paginate
from mindwell.core.privacy import visitor_key
from mindwell.core.shell import in_member_shell, render_page
from mindwell.qa import diff, permissions, selectors
from mindwell.qa.content import record_view
from mindwell.qa.models import CONTENT_WARNINGS, Answer, Question
from mindwell.qa.selectors import TookPart
from mindwell.reputation.privileges import privilege_refusal
from mindwell.taxonomy import selectors as taxonomy_selectors
from mindwell.taxonomy.services import max_tags


def attach_controls(user: Any, post: Question | Answer, my_votes: dict[str, int]) -> None:
    """Attach what the viewer may do to a post."""
    target: Any = post
    key = f"{'q' if isinstance(post, Question) else 'a'}{post.pk}"
    target.my_vote = my_votes.get(key, 0)
    target.can_vote = permissions.can_vote(user, post)
    target.vote_refusal = "" if target.can_vote else permissions.vote_refusal(user, post)
    target.down_refusal = target.vote_refusal or permissions.why_not_vote(user, post, -1)
    target.can_edit = permissions.can_edit(user, post)
    target.is_mine = post.is_by(user)
    target.flag_refusal = permissions.why_not_flag(user, post) if user.is_authenticated else ""


def question_controls(user: Any, question: Question) -> dict[str, Any]:
    """The question's own controls for the viewer."""
    return {
        "retag_allowed": permissions.can_retag(user, question),
        "close_vote_allowed": permissions.can_close_vote(user, question),
        "is_moderator": permissions.is_moderator(user),
    }


def retag_suggestions(question: Question, text: str | None = None) -> Any:
    """The retag field's suggestions; `text`: the question's tags as the field shows them,
    when they are known already (else they are read from the question)."""
    return taxonomy_selectors.tag_suggestions(
        text=tag_text(question) if text is None else text,
        category=question.category,
        limit=max_tags(),
    )


def tag_text(question: Question) -> str:
    """A question's tags as the tag field shows them."""
    return "".join(f"{tag.name} " for tag in question.tags.all())


def question_context(request: HttpRequest, question_id: int, **extra: Any) -> dict[str, Any]:
    """The question page's context: qa's own part, then what other apps contribute
    (core.page_parts), then `extra` (a posting page's bound form, say)."""
    # A page drawn for many members (`defer_controls`: `_draw_shared`) shows only published
    # posts and no one's votes, whoever draws it.
    for_many = bool(extra.get("defer_controls"))
    page = selectors.question_page(viewer=request.user, question_id=question_id, for_many=for_many)
    question = page.question
    attach_controls(request.user, question, page.my_votes)
    can_select = permissions.can_select_answer(request.user, question)
    for answer in page.answers:
        attach_controls(request.user, answer, page.my_votes)
        answer.is_best = answer.pk == question.accepted_answer_id  # type: ignore[attr-defined]
    context = {
        "question": question,
        "answers": page.answers,
        "question_comments": page.question_comments,
        "can_select": can_select,
        "is_editor": permissions.is_editor(request.user),
        "can_set_noindex": permissions.can_set_noindex(request.user, question),
        "can_post": permissions.can_post(request.user),
        "can_convert": permissions.can_convert(request.user),
        "content_warnings": CONTENT_WARNINGS,
        "answer_refusal": permissions.answer_refusal(request.user, question),
        "canonical_url": request.build_absolute_uri(question.get_absolute_url()),
        **question_controls(request.user, question),
    }
    if context["retag_allowed"]:
        context["retag_suggestions"] = retag_suggestions(question)
    add_parts("question", request, page, context)
    context.update(extra)
    return context


# What a member's privileges change on a question page they took no part in.
PRIVILEGES_SHOWN = (
    "comment_everywhere",
    "vote_down",
    "edit_others",
    "retag",
    "flag",
    "close_votes",
)
MEMBER_PAGE_SECONDS = 300


VOTE_WIDGET = "qa/partials/vote.html"

# The controls a member's privileges change, one template each: a page drawn for every
# member holds a marker where each goes (`defer_controls` in the templates), and the
# markers are filled once per privilege signature (`_fill_controls`).
CONTROL_TEMPLATES = {
    "edit": "qa/partials/edit_link.html",
    "flag": "qa/partials/flag_link.html",
    "close": "qa/partials/close_vote.html",
    "noindex": "qa/partials/noindex_form.html",
    "select": "qa/partials/select_form.html",
    "comment": "qa/partials/comment_edit_link.html",
}
CONTROL = re.compile(
    r"<!--([0-9a-f]{16}):(vote|edit|flag|close|retag|noindex|select|follow|answer|comment-form)"
    r":(question|answer|comment):(\d+)-->"
)
# What the controls read of each post (permissions.py): kept beside the shared drawing.
QUESTION_FIELDS = (
    "id", "author_id", "status", "score", "locked", "closed_at", "noindex", "accepted_answer_id",
)  # fmt: skip
ANSWER_FIELDS = ("id", "author_id", "status", "score")
COMMENT_FIELDS = ("id", "author_id")


# A post's controls differ from another's of the same shape (kind, what the member may do
# to it) only by its id and score: each shape is drawn once per process with these marks,
# which are then replaced (a page of 120 answers drew 360 templates for each member).
_PK_MARK, _SCORE_MARK = "918273645", "-735261849"
_VIEWERS = {True: SimpleNamespace(is_authenticated=True), False: AnonymousUser()}


@functools.lru_cache(maxsize=512)
def _stamp(template: str, kind: str, member: bool, *shape: tuple[str, Any]) -> str:
    post = SimpleNamespace(pk=int(_PK_MARK), score=int(_SCORE_MARK), **dict(shape))
    user = _VIEWERS[member]
    context = {"post": post, "kind": kind, "user": user, "csrf_token": CSRF_PLACEHOLDER}
    return get_template(template).render(context)


def _control(
    template: str, kind: str, pk: int, score: int = 0, *, member: bool = True, **shape: Any
) -> str:
    """A post's control drawn by `template` for a member or a visitor (see `_stamp`)."""
    drawn = _stamp(template, kind, member, *sorted(shape.items()))
    return drawn.replace(_SCORE_MARK, str(score)).replace(_PK_MARK, str(pk))


def _template(name: str) -> Any:
    return get_template(CONTROL_TEMPLATES[name])


def _vote_widget(widget: dict[str, Any], my_vote: int) -> str:
    """A drawn page's vote widget as the shared drawing has it (CSRF placeholder included)."""
    return _control(VOTE_WIDGET, **widget, my_vote=my_vote)


def _with_votes(content: str, widgets: dict[str, dict[str, Any]], votes: dict[str, int]) -> str:
    """The drawn page's content with a member's votes marked, or "" when a widget is not
    where it was drawn (then the page is drawn for them)."""
    for key, value in votes.items():
        if (widget := widgets.get(key)) is None:
            continue  # a post the page does not show (hidden since the vote)
        drawn = _vote_widget(widget, 0)
        if drawn not in content:
            return ""
        content = content.replace(drawn, _vote_widget(widget, value), 1)
    return content


def _draw_shared(request: HttpRequest, question_id: int) -> dict[str, Any]:
    """The page every viewer who took no part in the thread shares, visitor or member,
    whatever their privileges: what those change are markers, filled per viewer signature
    (`_fill_controls`)."""
    nonce = secrets.token_hex(8)
    context = question_context(request, question_id, defer_controls=nonce)
    question, answers = context["question"], context["answers"]
    comments = [*context["question_comments"], *(c for a in answers for c in a.visible_comments)]
    with shared_rendering(request):
        # The retag form, when the drawer may retag (it has the suggestions); else it is
        # drawn when a member who may retag first needs it (`_retag_form`).
        retag = ""
        if context.get("retag_suggestions") is not None:
            retag = render_to_string("qa/partials/retag_form.html", context, request)
        # Shown to members only; its state (following or not) is in the drawing's key.
        follow = {**context, "kind": "question", "key": question.pk}
        return {
            "nonce": nonce,
            "meta": render_to_string("qa/partials/question_meta.html", context, request),
            "content": render_to_string("qa/partials/question_page.html", context, request),
            "retag": retag,
            "tags": tag_text(question),
            "category": question.category,
            "follow": render_to_string(FOLLOW_BUTTON, follow, request),
            "question": {name: getattr(question, name) for name in QUESTION_FIELDS},
            "answers": [{name: getattr(a, name) for name in ANSWER_FIELDS} for a in answers],
            "comments": [{name: getattr(c, name) for name in COMMENT_FIELDS} for c in comments],
        }


FOLLOW_BUTTON = "notifications/partials/follow_button.html"


def _retag_form(question: Question, tags: str) -> str:
    """The retag form of a shared drawing whose drawer could not retag (`tags`: the
    question's tags as the field shows them)."""
    context = {
        "question": question,
        "retag_allowed": True,
        "retag_suggestions": retag_suggestions(question, tags),
        "csrf_token": CSRF_PLACEHOLDER,
    }
    return get_template("qa/partials/retag_form.html").render(context)


def _forms(request: HttpRequest, question: Question) -> dict[str, str]:
    """The viewer's forms on a shared drawing: the answer form (or why they cannot answer)
    and the question's comment form; a visitor's differ from a member's (the name to show,
    the challenge)."""
    user: Any = request.user
    context: dict[str, Any] = {
        "question": question,
        "user": user,
        "request": request,
        "csrf_token": CSRF_PLACEHOLDER,
        "can_post": permissions.can_post(user),
        "answer_refusal": permissions.answer_refusal(user, question),
    }
    add_parts("question.forms", request, question, context)
    return {
        "answer": get_template("qa/partials/your_answer.html").render(context),
        "comment-form": get_template("qa/partials/comment_form.html").render(
            {**context, "form": context.get("comment_form"), "answer_id": None}
        ),
    }


def _fill_controls(request: HttpRequest, shared: dict[str, Any]) -> dict[str, Any]:
    """The shared drawing with this viewer's controls in place of its markers, and what
    each vote widget shows (to mark their votes on it, `_with_votes`). A member who posted
    in the thread gets the controls of their own posts: edit links, and the asker's
    "select as best" and search-engine forms."""
    user: Any = request.user
    member = bool(user.is_authenticated)
    question = Question(**shared["question"])
    own = question_controls(user, question)
    html: dict[tuple[str, str, int], str] = {}
    widgets: dict[str, dict[str, Any]] = {}
    # What a member may do to a post depends on the thread, its kind, whether they wrote
    # it and its status (permissions.py reads nothing else of it): worked out once per
    # such shape, not for each of a busy thread's 120 answers.
    shapes: dict[tuple[str, bool, str], Any] = {}
    posts = [("question", shared["question"]), *(("answer", a) for a in shared["answers"])]
    for kind, fields in posts:
        pk, score = fields["id"], fields["score"]
        shape = (kind, member and fields["author_id"] == user.pk, fields["status"])
        post: Any = shapes.get(shape)
        if post is None:
            post = question if kind == "question" else Answer(question=question, **fields)
            attach_controls(user, post, {})
            shapes[shape] = post
        widget = widgets[f"{kind[0]}{pk}"] = {
            "kind": kind,
            "pk": pk,
            "score": score,
            "can_vote": post.can_vote,
            "vote_refusal": post.vote_refusal,
            "down_refusal": post.down_refusal,
        }
        # The very widget `_with_votes` looks for to mark a member's vote.
        html["vote", kind, pk] = _vote_widget(widget, 0)
        mine, may_edit = post.is_mine, post.can_edit
        html["edit", kind, pk] = _control(CONTROL_TEMPLATES["edit"], kind, pk, can_edit=may_edit)
        flag = post.flag_refusal
        html["flag", kind, pk] = _control(
            CONTROL_TEMPLATES["flag"], kind, pk, member=member, is_mine=mine, flag_refusal=flag
        )
    close = {"question": question, "user": user, **own}
    html["close", "question", question.pk] = _template("close").render(close)
    if own["retag_allowed"]:
        retag = shared["retag"]
        if not retag:
            question.category = shared["category"]
            retag = _retag_form(question, shared["tags"])
        html["retag", "question", question.pk] = retag
    html["follow", "question", question.pk] = shared["follow"] if member else ""
    for name, drawn in _forms(request, question).items():
        html[name, "question", question.pk] = drawn
    if permissions.can_set_noindex(user, question):
        context = {"question": question, "can_set_noindex": True, "csrf_token": CSRF_PLACEHOLDER}
        html["noindex", "question", question.pk] = _template("noindex").render(context)
    if permissions.can_select_answer(user, question):
        for fields in shared["answers"]:
            pk = fields["id"]
            best = SimpleNamespace(pk=pk, is_best=pk == question.accepted_answer_id)
            context = {
                "question": question, "answer": best, "can_select": True,
                "csrf_token": CSRF_PLACEHOLDER,
            }  # fmt: skip
            html["select", "answer", pk] = _template("select").render(context)
    for fields in shared["comments"]:
        if member and fields["author_id"] == user.pk:
            context = {"comment": SimpleNamespace(pk=fields["id"], **fields), "user": user}
            html["edit", "comment", fields["id"]] = _template("comment").render(context)
    nonce = shared["nonce"]

    def control(found: re.Match[str]) -> str:
        if found[1] != nonce:
            return found[0]
        return html.get((found[2], found[3], int(found[4])), "")

    return {
        "meta": shared["meta"],
        "content": CONTROL.sub(control, shared["content"]),
        "votes": widgets,
    }


def _shared_page(request: HttpRequest, question_id: int, slug: str) -> HttpResponse | None:
    """A question page from the drawing every viewer shares, or None to draw it for this
    viewer alone (they have a held or hidden post in it, edit or moderate, are restricted).

    Visitors and members see a thread alike, but for the header (a member's is drawn for
    them), a member's votes, which are marked on the drawing, their forms (a visitor's
    answer form asks for a name to show) and their controls (what their privileges allow;
    on their own posts, edit and the asker's forms): the page is drawn once per version for
    them all (`_draw_shared`), its controls and forms filled once per viewer signature, or
    per member for those who posted in it (`_fill_controls`). The first visitor's page
    leaves the drawing for the members who come next, and the other way round."""
    user: Any = request.user
    member = bool(user.is_authenticated)
    if member and permissions.has_own_controls(user):
        return None
    if member:
        question, took_part = selectors.member_head(user=user, question_id=question_id)
    else:
        question, took_part = selectors.visitor_head(question_id=question_id), TookPart()
    if question is None or took_part.pending:
        return None
    if slug != question.slug:
        return redirect(question, permanent=True)
    parts = viewer_signature("question", request, question)
    if parts is None:
        return None
    # A visitor may post (anonymous posting) or not; a member who may not is restricted.
    can_post = permissions.can_post(user)
    variants = visitor_variants(request)
    shared_as = "\n".join([str(question.pk), parts, f"post={can_post}", *variants])
    versions = content_versions(request.path)
    refusals = "|".join(privilege_refusal(user, name) for name in PRIVILEGES_SHOWN)
    # The controls on a member's own posts are theirs alone: their filling is theirs.
    own = f"\nposted:{user.pk}" if took_part.posted else ""
    viewer = f"member={member}\n{refusals}{own}"
    key = "question-page:2:" + keyed(f"{shared_as}\n{viewer}\n{versions}")
    drawn = cache.get(key)
    if drawn is None:
        shared_key = "question-shared:2:" + keyed(f"{shared_as}\n{versions}")
        shared = cache.get(shared_key)
        if shared is None:
            shared = _draw_shared(request, question_id)
            cache.set(shared_key, shared, MEMBER_PAGE_SECONDS)
        drawn = _fill_controls(request, shared)
        cache.set(key, drawn, MEMBER_PAGE_SECONDS)
    content = drawn["content"]
    if took_part.voted:
        votes = selectors.thread_votes(user=user, question_id=question.pk)
        if not (content := _with_votes(content, drawn["votes"], votes)):
            return None
    record_view(question_id=question.pk, visitor_key=visitor_key(request))
    meta = drawn["meta"]
    if member:
        page = in_member_shell(
            request, title=question.title, meta=meta, content=content, versions=versions
        )
        if page is not None:
            return HttpResponse(page)
    parts_drawn = {"meta": mark_safe(meta), "content": mark_safe(content)}  # noqa: S308
    response = render(
        request, "qa/question_detail.html", {"question": question, "drawn": parts_drawn}
    )
    if not member:
        on_cached_hit(response, VIEW_HIT, question.pk)  # a visitor served from the cache
    return response


def question_detail(request: HttpRequest, question_id: int, slug: str = "") -> HttpResponse:
    if found := _shared_page(request, question_id, slug):
        return found
    context = question_context(request, question_id)
    question = context["question"]
    if slug != question.slug:
        return redirect(question, permanent=True)
    if record_view(question_id=question.pk, visitor_key=visitor_key(request)):
        question.view_count += 1
    response = render(request, "qa/question_detail.html", context)
    on_cached_hit(response, VIEW_HIT, question.pk)  # a visitor served from the cache is a view
    return response


VIEW_HIT = "qa.question-view"


def count_cached_view(request: HttpRequest, question_id: int) -> None:
    record_view(question_id=question_id, visitor_key=visitor_key(request))


def answer_permalink(request: HttpRequest, answer_id: int) -> HttpResponse:
    answer = selectors.answer_by_id(answer_id=answer_id)
    return redirect(f"{answer.question.get_absolute_url()}#{answer.anchor}")


def _history(request: HttpRequest, post: Any, question: Question) -> HttpResponse:
    revisions = selectors.revisions_of(post)
    hidden = 0
    if not permissions.is_moderator(request.user):
        # Revisions that held method details a moderator took out are theirs only; the
        # diffs shown start from the first revision without them.
        shown = [r for r in revisions if not r.moderators_only]
        hidden = len(revisions) - len(shown)
        revisions = shown
    steps = diff.revision_steps(revisions)
    context = {"post": post, "question": question, "steps": steps, "hidden_revisions": hidden}
    return render(request, "qa/history.html", context)


def question_history(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.question_by_id(question_id=question_id)
    return _history(request, question, question)


def answer_history(request: HttpRequest, answer_id: int) -> HttpResponse:
    answer = selectors.answer_by_id(answer_id=answer_id)
    return _history(request, answer, answer.question)


def question_list(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "newest")
    if sort not in selectors.SORT_LABELS:
        sort = "newest"
    page = paginate(
        lambda: selectors.question_list(sort=sort),
        request.GET.get("page"),
        version="questions",
        count_key="published",
    )
    context = {"page": page, "sort": sort, "sorts": selectors.SORT_LABELS, "heading": "Questions"}
    return render_page(request, "qa/question_list.html", context, shared="")


def unanswered(request: HttpRequest) -> HttpResponse:
    by = request.GET.get("by", "answers")
    if by not in selectors.UNANSWERED_FILTERS:
        by = "answers"
    page = paginate(
        lambda: selectors.unanswered_questions(by=by),
        request.GET.get("page"),
        version="questions",
        count_key=f"unanswered:{by}",
    )
    filters = {key: label for key, (label, _) in selectors.UNANSWERED_FILTERS.items()}
    context = {"page": page, "by": by, "filters": filters, "heading": "Unanswered questions"}
    return render(request, "qa/unanswered.html", context)


def home(request: HttpRequest) -> HttpResponse:
    page = paginate(
        selectors.recent_activity,
        request.GET.get("page"),
        version="questions",
        count_key="published",
    )
    return render_page(request, "qa/home.html", {"page": page}, shared="")


def recent_answers(request: HttpRequest) -> HttpResponse:
    page = paginate(selectors.recent_answers(), request.GET.get("page"))
    context = {"page": page, "heading": "Recent answers", "kind": "answer"}
    return render(request, "qa/recent_posts.html", context)


def recent_comments(request: HttpRequest) -> HttpResponse:
    page = paginate(selectors.recent_comments(), request.GET.get("page"))
    context = {"page": page, "heading": "Recent comments", "kind": "comment"}
    return render(request, "qa/recent_posts.html", context)
