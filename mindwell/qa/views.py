"""The reading pages of Q&A: a question with its answers, revision history, lists.
Writes (asking, answering, editing, voting) are posting's pages (mindwell/posting/views.py)."""

from __future__ import annotations

import functools
import re
import secrets
from types import SimpleNamespace
from typing import Any

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


def retag_suggestions(question: Question) -> Any:
    return taxonomy_selectors.tag_suggestions(
        text="".join(f"{tag.name} " for tag in question.tags.all()),
        category=question.category,
        limit=max_tags(),
    )


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
        "answer_refusal": (
            permissions.why_not_answer(request.user, question)
            if question.closed_at or question.locked
            else ""
        ),
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
    r"<!--([0-9a-f]{16}):(vote|edit|flag|close|retag|noindex|select)"
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
_MEMBER = SimpleNamespace(is_authenticated=True)


@functools.lru_cache(maxsize=512)
def _stamp(template: str, kind: str, *shape: tuple[str, Any]) -> str:
    post = SimpleNamespace(pk=int(_PK_MARK), score=int(_SCORE_MARK), **dict(shape))
    context = {"post": post, "kind": kind, "user": _MEMBER, "csrf_token": CSRF_PLACEHOLDER}
    return get_template(template).render(context)


def _control(template: str, kind: str, pk: int, score: int = 0, **shape: Any) -> str:
    """A post's control drawn by `template` (see `_stamp`)."""
    drawn = _stamp(template, kind, *sorted(shape.items()))
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
    """The page every member who took no part in the thread shares, whatever their
    privileges: the controls those change are markers, filled per privilege signature."""
    nonce = secrets.token_hex(8)
    context = question_context(request, question_id, defer_controls=nonce)
    question, answers = context["question"], context["answers"]
    comments = [*context["question_comments"], *(c for a in answers for c in a.visible_comments)]
    with shared_rendering(request):
        suggestions = context.get("retag_suggestions")  # there when the drawer may retag
        if suggestions is None:
            suggestions = retag_suggestions(question)
        retag = {**context, "retag_allowed": True, "retag_suggestions": suggestions}
        return {
            "nonce": nonce,
            "meta": render_to_string("qa/partials/question_meta.html", context, request),
            "content": render_to_string("qa/partials/question_page.html", context, request),
            "retag": render_to_string("qa/partials/retag_form.html", retag, request),
            "question": {name: getattr(question, name) for name in QUESTION_FIELDS},
            "answers": [{name: getattr(a, name) for name in ANSWER_FIELDS} for a in answers],
            "comments": [{name: getattr(c, name) for name in COMMENT_FIELDS} for c in comments],
        }


def _fill_controls(user: Any, shared: dict[str, Any]) -> dict[str, Any]:
    """The shared drawing with this member's controls in place of its markers, and what
    each vote widget shows (to mark their votes on it, `_with_votes`). A member who posted
    in the thread gets the controls of their own posts: edit links, and the asker's
    "select as best" and search-engine forms."""
    question = Question(**shared["question"])
    posts: dict[tuple[str, int], Question | Answer] = {("question", question.pk): question}
    for fields in shared["answers"]:
        posts["answer", fields["id"]] = Answer(question=question, **fields)
    for post in posts.values():
        attach_controls(user, post, {})
    own = question_controls(user, question)
    html: dict[tuple[str, str, int], str] = {}
    widgets: dict[str, dict[str, Any]] = {}
    for (kind, pk), post in posts.items():
        widget = widgets[f"{kind[0]}{pk}"] = {
            "kind": kind,
            "pk": pk,
            "score": post.score,
            "can_vote": post.can_vote,  # type: ignore[union-attr]
            "vote_refusal": post.vote_refusal,  # type: ignore[union-attr]
            "down_refusal": post.down_refusal,  # type: ignore[union-attr]
        }
        # The very widget `_with_votes` looks for to mark a member's vote.
        html["vote", kind, pk] = _vote_widget(widget, 0)
        mine, may_edit = post.is_mine, post.can_edit  # type: ignore[union-attr]
        html["edit", kind, pk] = _control(CONTROL_TEMPLATES["edit"], kind, pk, can_edit=may_edit)
        flag = post.flag_refusal  # type: ignore[union-attr]
        html["flag", kind, pk] = _control(
            CONTROL_TEMPLATES["flag"], kind, pk, is_mine=mine, flag_refusal=flag
        )
    close = {"question": question, "user": user, **own}
    html["close", "question", question.pk] = _template("close").render(close)
    html["retag", "question", question.pk] = shared["retag"] if own["retag_allowed"] else ""
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
        if fields["author_id"] == user.pk:
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


def _member_page(request: HttpRequest, question_id: int, slug: str) -> HttpResponse | None:
    """A member's question page from the shared cache, or None to draw it for them (they
    have a held or hidden post in it, edit or moderate, are restricted).

    Members see a thread as others do, but for the header, which is drawn for them, their
    votes, which are marked on the drawing, and their controls (what their privileges allow;
    on their own posts, edit and the asker's forms): the page is drawn once per version for
    them all (`_draw_shared`), its controls filled once per privilege signature, or per
    member for those who posted in it (`_fill_controls`)."""
    user: Any = request.user
    if permissions.has_own_controls(user):
        return None
    question, took_part = selectors.member_head(user=user, question_id=question_id)
    if question is None or took_part.pending:
        return None
    if slug != question.slug:
        return redirect(question, permanent=True)
    parts = viewer_signature("question", request, question)
    if parts is None:
        return None
    refusals = "|".join(privilege_refusal(user, name) for name in PRIVILEGES_SHOWN)
    shared_as = "\n".join([str(question.pk), parts, *visitor_variants(request)])
    versions = content_versions(request.path)
    # The controls on a member's own posts are theirs alone: their filling is theirs.
    own = f"\nposted:{user.pk}" if took_part.posted else ""
    key = "member-page:4:" + keyed(f"{shared_as}\n{refusals}{own}\n{versions}")
    drawn = cache.get(key)
    if drawn is None:
        shared_key = "member-shared:1:" + keyed(f"{shared_as}\n{versions}")
        shared = cache.get(shared_key)
        if shared is None:
            shared = _draw_shared(request, question_id)
            cache.set(shared_key, shared, MEMBER_PAGE_SECONDS)
        drawn = _fill_controls(user, shared)
        cache.set(key, drawn, MEMBER_PAGE_SECONDS)
    content = drawn["content"]
    if took_part.voted:
        votes = selectors.thread_votes(user=user, question_id=question.pk)
        if not (content := _with_votes(content, drawn["votes"], votes)):
            return None
    record_view(question_id=question.pk, visitor_key=visitor_key(request))
    meta = drawn["meta"]
    page = in_member_shell(
        request, title=question.title, meta=meta, content=content, versions=versions
    )
    if page is not None:
        return HttpResponse(page)
    parts_drawn = {"meta": mark_safe(meta), "content": mark_safe(content)}  # noqa: S308
    return render(request, "qa/question_detail.html", {"question": question, "drawn": parts_drawn})


def question_detail(request: HttpRequest, question_id: int, slug: str = "") -> HttpResponse:
    if request.user.is_authenticated and (found := _member_page(request, question_id, slug)):
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
