"""JSON API for reading questions, answers, comments and revisions: the same selectors
and visibility rules as the pages. Writes are posting's (mindwell/posting/api.py).

An anonymous post shows the name it was posted under and no account, to everyone (its
author's own token too: only /me lists a member's anonymous posts)."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router

from mindwell.accounts import selectors as accounts
from mindwell.accounts.api_auth import viewer
from mindwell.accounts.models import User
from mindwell.core.api import DEFAULT_LIMIT, MAX_LIMIT, READ_ERRORS, keyset_page, next_link
from mindwell.core.errors import NotFound
from mindwell.qa import permissions, selectors
from mindwell.qa.models import Answer, Comment, Question, Revision
from mindwell.qa.schemas import (
    AnswerOut,
    AuthorOut,
    CommentOut,
    MemberOut,
    MemberPageOut,
    QuestionOut,
    QuestionPageOut,
    RevisionOut,
    avatar_url,
)
from mindwell.taxonomy.models import Category, Tag

router = Router(tags=["questions"])
members_router = Router(tags=["members"])

Sort = Literal["newest", "hot", "votes", "answers", "views", "activity"]
StatusFilter = Literal["open", "closed", "answered", "unanswered"]


def question_summary(q: Question) -> dict[str, Any]:
    return {
        "id": q.pk,
        "title": q.title,
        "url": q.get_absolute_url(),
        "category": q.category.slug,
        "tags": [t.name for t in q.tags.all()],
        "author": AuthorOut.of(q),
        "score": q.score,
        "answer_count": q.answer_count,
        "view_count": q.view_count,
        "has_best_answer": q.accepted_answer_id is not None,
        "closed": q.closed_at is not None,
        "status": q.status,
        "created_at": q.created_at,
        "last_activity_at": q.last_activity_at,
    }


def comment_out(c: Comment) -> CommentOut:
    return CommentOut(
        id=c.pk,
        question_id=c.question_id,
        answer_id=c.answer_id,
        body=c.body,
        body_html=c.body_html,
        author=AuthorOut.of(c),
        status=c.status,
        created_at=c.created_at,
        edited_at=c.edited_at,
    )


def answer_out(a: Answer, best_id: int | None, comments: list[Comment]) -> AnswerOut:
    return AnswerOut(
        id=a.pk,
        question_id=a.question_id,
        body=a.body,
        body_html=a.body_html,
        author=AuthorOut.of(a),
        score=a.score,
        is_best=a.pk == best_id,
        status=a.status,
        created_at=a.created_at,
        edited_at=a.edited_at,
        comments=[comment_out(c) for c in comments],
    )


def question_out(page: selectors.QuestionPage) -> dict[str, Any]:
    q = page.question
    return {
        **question_summary(q),
        "body": q.body,
        "body_html": q.body_html,
        "edited_at": q.edited_at,
        "close_reason": q.close_reason,
        "comments": [comment_out(c) for c in page.question_comments],
        "answers": [
            answer_out(a, q.accepted_answer_id, getattr(a, "visible_comments", []))
            for a in page.answers
        ],
        "my_votes": page.my_votes,
    }


@router.get("/questions", response={200: QuestionPageOut, **READ_ERRORS}, auth=None)
def list_questions(
    request: HttpRequest,
    sort: Sort = "newest",
    category: str | None = Query(  # type: ignore[type-arg]
        None, max_length=100, description="A category slug (with its sub-categories)."
    ),
    tag: str | None = Query(None, max_length=100, description="A tag name."),  # type: ignore[type-arg]
    status: StatusFilter | None = None,
    unanswered: bool = Query(False, description="Only questions with no answer yet."),  # type: ignore[type-arg]
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),  # type: ignore[type-arg]
    cursor: str | None = Query(None, max_length=500),  # type: ignore[type-arg]
) -> dict[str, Any]:
    """Published questions, as the site's lists sort them. Follow `next` for more."""
    viewer(request)
    questions = selectors.question_list(sort=sort)
    if category:
        found = Category.objects.filter(slug=category).first()
        if found is None:
            raise NotFound("Category not found.")
        questions = questions.filter(category__path__startswith=found.path)
    if tag:
        found_tag = Tag.objects.filter(name=tag.lower()).first()
        if found_tag is None:
            raise NotFound("Tag not found.")
        questions = questions.filter(tags=found_tag)
    if unanswered or status == "unanswered":
        questions = questions.filter(answer_count=0)
    if status == "open":
        questions = questions.filter(closed_at__isnull=True)
    elif status == "closed":
        questions = questions.filter(closed_at__isnull=False)
    elif status == "answered":
        questions = questions.filter(accepted_answer__isnull=False)
    ordering = [*selectors.QUESTION_SORTS[sort]]
    if ordering[-1].lstrip("-") != "id":
        ordering.append("-id")  # a unique last key: pages never skip or repeat a question
    rows, after = keyset_page(questions, ordering, cursor=cursor, limit=limit)
    return {"results": [question_summary(q) for q in rows], "next": next_link(request, after)}


@router.get("/questions/{question_id}", response={200: QuestionOut, **READ_ERRORS}, auth=None)
def get_question(request: HttpRequest, question_id: int) -> dict[str, Any]:
    """One question with its answers (best first, then by votes) and comments."""
    page = selectors.question_page(viewer=viewer(request), question_id=question_id)
    return question_out(page)


@router.get("/answers/{answer_id}", response={200: AnswerOut, **READ_ERRORS}, auth=None)
def get_answer(request: HttpRequest, answer_id: int) -> AnswerOut:
    who = viewer(request)
    answer = selectors.post_for_author(viewer=who, model=Answer, post_id=answer_id)
    comments = [c for c in answer.comments.select_related("author") if permissions.can_see(who, c)]
    comments.sort(key=lambda c: (c.created_at, c.pk))
    return answer_out(answer, answer.question.accepted_answer_id, comments)


@router.get("/comments/{comment_id}", response={200: CommentOut, **READ_ERRORS}, auth=None)
def get_comment(request: HttpRequest, comment_id: int) -> CommentOut:
    comment = selectors.post_for_author(viewer=viewer(request), model=Comment, post_id=comment_id)
    return comment_out(comment)


def _revisions(request: HttpRequest, post: Any) -> list[RevisionOut]:
    revisions: list[Revision] = selectors.revisions_of(post)
    if not permissions.is_moderator(request.user):
        revisions = [r for r in revisions if not r.moderators_only]
    return [
        RevisionOut(
            number=r.number,
            title=r.title,
            body=r.body,
            tags=r.tags,
            editor=r.editor_display,
            summary=r.summary,
            created_at=r.created_at,
        )
        for r in revisions
    ]


@router.get(
    "/questions/{question_id}/revisions",
    response={200: list[RevisionOut], **READ_ERRORS},
    auth=None,
)
def question_revisions(request: HttpRequest, question_id: int) -> list[RevisionOut]:
    """Every version of the question, oldest first (as its history page shows)."""
    viewer(request)
    return _revisions(request, selectors.question_by_id(question_id=question_id))


@router.get(
    "/answers/{answer_id}/revisions", response={200: list[RevisionOut], **READ_ERRORS}, auth=None
)
def answer_revisions(request: HttpRequest, answer_id: int) -> list[RevisionOut]:
    viewer(request)
    return _revisions(request, selectors.answer_by_id(answer_id=answer_id))


def member_out(user: User, *, counts: bool = False) -> MemberOut:
    return MemberOut(
        username=user.username,
        name=user.public_name,
        about=user.about,
        level=user.get_level_display(),
        points=user.points,
        joined=user.date_joined,
        url=user.get_absolute_url(),
        avatar_url=avatar_url(user),
        question_count=selectors.user_questions(user).count() if counts else 0,
        answer_count=selectors.user_answers(user).count() if counts else 0,
    )


@members_router.get("/members", response={200: MemberPageOut, **READ_ERRORS}, auth=None)
def list_members(
    request: HttpRequest,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),  # type: ignore[type-arg]
    cursor: str | None = Query(None, max_length=500),  # type: ignore[type-arg]
) -> dict[str, Any]:
    """Members with a public profile (at least one signed post), most points first.
    The counts are 0 here: ask for one member to have them."""
    viewer(request)
    rows, after = keyset_page(
        accounts.members_by_points(), ["-points", "id"], cursor=cursor, limit=limit
    )
    return {"results": [member_out(m) for m in rows], "next": next_link(request, after)}


@members_router.get("/members/{username}", response={200: MemberOut, **READ_ERRORS}, auth=None)
def get_member(request: HttpRequest, username: str) -> MemberOut:
    """One member's public profile, as their profile page shows it."""
    member = accounts.member_by_username(username[:150], viewer=viewer(request))
    return member_out(member, counts=True)
