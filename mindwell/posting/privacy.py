"""The posts, votes and revisions of a member (qa's content, written through posting): their
part of the member's download and of deleting the account (accounts/signals.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q

from mindwell.accounts.models import User
from mindwell.accounts.privacy import (
    DELETED_TEXT,
    FORMER_MEMBER,
    Erasure,
    Scrubber,
    rewrite,
    target_of,
    when,
)
from mindwell.accounts.signals import member_erase, member_export
from mindwell.core.errors import DomainError
from mindwell.core.http import site_url
from mindwell.posting import lifecycle, services
from mindwell.qa import content
from mindwell.qa.models import Answer, Comment, Question, Revision, Status, Vote
from mindwell.reputation import services as reputation
from mindwell.search import services as search

HANDLES = {"qa.Question", "qa.Answer", "qa.Comment", "qa.Vote", "qa.Revision"}
PostModel = type[Question] | type[Answer] | type[Comment]
POST_MODELS: tuple[PostModel, ...] = (Question, Answer, Comment)


def connect() -> None:
    member_export.connect(export, sender=User, dispatch_uid="posting.privacy.export")
    member_erase.connect(erase, sender=User, dispatch_uid="posting.privacy.erase")


def export(sender: Any, *, user: User, **kwargs: Any) -> dict[str, Any]:
    return {
        "questions": _questions(user),
        "answers": _answers(user),
        "comments": _comments(user),
        "revisions": _revisions(user),
        "votes": [
            {
                **target_of(v, ("question", "answer")),
                "value": v.value,
                "created_at": when(v.created_at),
            }
            for v in Vote.objects.filter(voter=user).order_by("created_at", "pk")
        ],
    }


def erase(sender: Any, *, erasure: Erasure, phase: str, **kwargs: Any) -> None:
    user = erasure.user
    if phase == "collect":
        erasure.own = _own_posts(user)
        erasure.notify_addresses |= {
            e.lower()
            for model in POST_MODELS
            for e in model.objects.filter(author=user)
            .exclude(notify_email="")
            .values_list("notify_email", flat=True)
        }
        if erasure.deleting:
            erasure.titles |= set(
                Question.objects.filter(author=user).values_list("title", flat=True)
            )
    elif phase == "votes":
        _withdraw_votes(user)
    elif phase == "names":
        _replace_copied_names(user, erasure.scrub)
    elif phase == "posts":
        if erasure.deleting:
            _delete_posts(user, erasure.own)
        else:
            _detach_posts(user, erasure.scrub)


def _replace_copied_names(user: User, scrub: Scrubber) -> None:
    """Where the member's name was copied beside a link to a post."""
    for model in POST_MODELS:
        # (On their own anonymous posts the editor's name is the post's chosen name.)
        edited = model.objects.filter(edited_by=user).exclude(author=user, is_anonymous=True)
        edited.update(edited_by_name=FORMER_MEMBER)
    Question.objects.filter(last_activity_user=user).update(last_activity_name=FORMER_MEMBER)
    Revision.objects.filter(editor=user, editor_anonymous=False).update(editor_name=FORMER_MEMBER)
    rewrite(Revision.objects.filter(editor=user, editor_anonymous=True), ["editor_name"], scrub)


def _post_fields(post: Question | Answer | Comment) -> dict[str, Any]:
    return {
        "id": post.pk,
        "url": site_url(post.get_absolute_url()),
        "status": post.status,
        "anonymous": post.is_anonymous,
        "shown_as": post.author_name if post.is_anonymous else post.byline_name,
        "notify_email": post.notify_email,
        "content_warning": getattr(post, "content_warning", ""),
        "body": post.body,
        "created_at": when(post.created_at),
        "edited_at": when(post.edited_at),
    }


def _questions(user: User) -> list[dict[str, Any]]:
    rows = (
        Question.objects.filter(author=user)
        .select_related("category", "author")
        .prefetch_related("tags")
        .order_by("created_at", "pk")
    )
    return [
        {
            **_post_fields(q),
            "title": q.title,
            "category": q.category.name,
            "tags": sorted(t.name for t in q.tags.all()),
            "score": q.score,
            "upvotes": q.upvotes,
            "downvotes": q.downvotes,
            "answer_count": q.answer_count,
            "view_count": q.view_count,
            "closed_at": when(q.closed_at),
            "close_reason": q.close_reason,
            "accepted_answer_id": q.accepted_answer_id,
        }
        for q in rows
    ]


def _answers(user: User) -> list[dict[str, Any]]:
    rows = Answer.objects.filter(author=user).select_related("author").order_by("created_at", "pk")
    return [
        {
            **_post_fields(a),
            "question_id": a.question_id,
            "score": a.score,
            "upvotes": a.upvotes,
            "downvotes": a.downvotes,
        }
        for a in rows
    ]


def _comments(user: User) -> list[dict[str, Any]]:
    rows = (
        Comment.objects.filter(author=user)
        .select_related("author", "question")
        .order_by("created_at", "pk")
    )
    return [
        {**_post_fields(c), "question_id": c.question_id, "answer_id": c.answer_id} for c in rows
    ]


def _revisions(user: User) -> list[dict[str, Any]]:
    rows = Revision.objects.filter(editor=user).order_by("created_at", "pk")
    return [
        {
            "post": target_of(r),
            "number": r.number,
            "title": r.title,
            "body": r.body,
            "tags": r.tags,
            "category": r.category_name,
            "summary": r.summary,
            "anonymous": r.editor_anonymous,
            "created_at": when(r.created_at),
        }
        for r in rows
    ]


def _remove_vote(vote: Vote) -> None:
    """Take a vote back when cast_vote refuses to (a locked thread, a post no longer
    published, a restricted voter), with the same effect on counts and points."""
    model: type[Question] | type[Answer] = Question if vote.question_id else Answer
    post = model.objects.select_for_update().get(pk=vote.question_id or vote.answer_id)
    Vote.objects.filter(pk=vote.pk).delete()
    d_up, d_down = -int(vote.value == 1), -int(vote.value == -1)
    model.objects.filter(pk=post.pk).update(
        upvotes=F("upvotes") + d_up,
        downvotes=F("downvotes") + d_down,
        score=F("score") - vote.value,
    )
    reputation.record_vote(
        voter_id=vote.voter_id,
        author_id=None if post.is_anonymous else post.author_id,
        on_question=model is Question,
        before=(post.upvotes, post.downvotes),
        after=(post.upvotes + d_up, post.downvotes + d_down),
        cast=0,  # the voter's own VOTE_CAST stays: the voter is being erased
        **{"question" if model is Question else "answer": post},
    )
    question_id = post.thread_id
    content.refresh_hotness(question_id)
    search.refresh_ranking(question_id)


def _withdraw_votes(user: User) -> None:
    for vote in Vote.objects.filter(voter=user).select_related("question", "answer"):
        post = vote.question or vote.answer
        assert post is not None  # noqa: S101 - the vote_one_target constraint
        try:
            services.cast_vote(voter=user, post=post, value=0)
        except DomainError:
            _remove_vote(vote)


def _own_posts(user: User) -> dict[str, list[int]]:
    return {
        model.__name__.lower(): list(model.objects.filter(author=user).values_list("pk", flat=True))
        for model in POST_MODELS
    }


def _detach_posts(user: User, scrub: Scrubber) -> None:
    """Anonymise: the posts stay, without the account or anything that identifies it."""
    for model in POST_MODELS:
        mine = model.objects.filter(author=user)
        mine.filter(is_anonymous=False).update(author_name=FORMER_MEMBER)
        # An anonymous post keeps its chosen name unless that name gives the person away.
        for row in mine.filter(is_anonymous=True).values("pk", "author_name"):
            if scrub.mentions(row["author_name"]):
                model.objects.filter(pk=row["pk"]).update(author_name="", edited_by_name="")
        mine.update(notify_email="", ip_digest="")


def _delete_posts(user: User, own: dict[str, list[int]]) -> None:
    """Delete: each post leaves public view through set_status, then loses its text."""
    for model in (Comment, Answer, Question):
        for post in model.objects.filter(author=user).order_by("pk"):
            lifecycle.set_status(post, Status.DELETED)
        blank: dict[str, Any] = {
            "body": DELETED_TEXT,
            "body_html": "",
            "author_name": FORMER_MEMBER,
            "edited_by_name": "",
            "notify_email": "",
            "ip_digest": "",
        }
        if model is Question:
            blank |= {"title": DELETED_TEXT, "slug": "deleted"}
        model.objects.filter(author=user).update(**blank)
    revisions = (
        Q(question_id__in=own["question"])
        | Q(answer_id__in=own["answer"])
        | Q(comment_id__in=own["comment"])
    )
    Revision.objects.filter(revisions).update(body=DELETED_TEXT, summary="")
    Revision.objects.filter(revisions).exclude(title="").update(title=DELETED_TEXT)
