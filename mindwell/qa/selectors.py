"""Every read the Q&A pages need, with their query costs fixed regardless of size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from mindwell.core.errors import NotFound
from mindwell.core.prepared import model_fields, prepared
from mindwell.qa import permissions
from mindwell.qa.models import Answer, Comment, Question, Revision, Status, Vote
from mindwell.taxonomy.models import Category, Tag

QUESTION_SORTS = {
    "newest": ("-created_at", "-id"),
    "hot": ("-hotness", "-id"),
    "votes": ("-score", "-created_at"),
    "answers": ("-answer_count", "-created_at"),
    "views": ("-view_count", "-created_at"),
    "activity": ("-pinned", "-last_activity_at", "-id"),
}
SORT_LABELS = {
    "newest": "Newest",
    "hot": "Hot",
    "votes": "Most votes",
    "answers": "Most answers",
    "views": "Most views",
}
UNANSWERED_FILTERS = {
    "answers": ("No answer", Q(answer_count=0)),
    "selected": ("No best answer", Q(accepted_answer__isnull=True)),
    "upvotes": ("No up-voted answer", Q(has_upvoted_answer=False)),
}


def _list_queryset() -> QuerySet[Question]:
    return (
        Question.objects.filter(status=Status.PUBLISHED)
        .select_related("author", "category", "last_activity_user")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .defer("body", "body_html", "notify_email")
    )


def question_list(*, sort: str = "newest") -> QuerySet[Question]:
    return _list_queryset().order_by(*QUESTION_SORTS.get(sort, QUESTION_SORTS["newest"]))


def unanswered_questions(*, by: str = "answers") -> QuerySet[Question]:
    condition = UNANSWERED_FILTERS.get(by, UNANSWERED_FILTERS["answers"])[1]
    return _list_queryset().filter(condition).order_by("-created_at", "-id")


def category_questions(category: Category, *, sort: str = "newest") -> QuerySet[Question]:
    """Questions in a category and all its sub-categories."""
    return question_list(sort=sort).filter(category__path__startswith=category.path)


def tag_questions(tag: Tag, *, sort: str = "newest") -> QuerySet[Question]:
    return question_list(sort=sort).filter(tags=tag)


def recent_activity() -> QuerySet[Question]:
    return question_list(sort="activity")


def question_by_id(*, question_id: int, with_tags: bool = True) -> Question:
    found = Question.objects.select_related("category", "author")
    if with_tags:
        found = found.prefetch_related("tags")
    question = found.filter(pk=question_id, status=Status.PUBLISHED).first()
    if question is None:
        raise NotFound("Question not found.")
    return question


HEAD_FIELDS = model_fields(Question, ("id", "slug", "title"))


def answer_by_id(*, answer_id: int) -> Answer:
    answer = (
        Answer.objects.select_related("question", "author")
        .filter(pk=answer_id, status=Status.PUBLISHED, question__status=Status.PUBLISHED)
        .first()
    )
    if answer is None:
        raise NotFound("Answer not found.")
    return answer


def comment_by_id(*, comment_id: int) -> Comment:
    comment = (
        Comment.objects.select_related("question", "author")
        .filter(pk=comment_id, status=Status.PUBLISHED, question__status=Status.PUBLISHED)
        .first()
    )
    if comment is None:
        raise NotFound("Comment not found.")
    return comment


def _visible_to(viewer: Any) -> Q:
    """Published posts; plus the viewer's own held or hidden ones; moderators see all."""
    if permissions.is_moderator(viewer):
        return Q()
    visible = Q(status=Status.PUBLISHED)
    if viewer.is_authenticated:
        visible |= Q(author=viewer, status__in=[Status.QUEUED, Status.HIDDEN])
    return visible


def post_for_author(*, viewer: Any, model: type[Any], post_id: int) -> Any:
    """A post the viewer may see (their own held or hidden ones too), or NotFound."""
    post = model.objects.select_related("author").filter(pk=post_id).first()
    if post is None or not permissions.can_see(viewer, post):
        raise NotFound("Post not found.")
    question = post.thread
    if question.pk != post.pk and not permissions.can_see(viewer, question):
        raise NotFound("Post not found.")
    return post


@dataclass
class QuestionPage:
    question: Question
    answers: list[Answer]
    question_comments: list[Comment]
    my_votes: dict[str, int]


def question_page(*, viewer: Any, question_id: int, for_many: bool = False) -> QuestionPage:
    """The question with its answers (best first, then by votes), comments and the
    viewer's votes. A page drawn for many members (`for_many`) has only published posts and
    no one's votes, whoever draws it. Queries: question+author+category+editor, tags,
    answers+authors, comments+authors, and the viewer's votes (members only): 5, and one or
    two more when the question duplicates another or was asked from an answer (read when
    shown).
    """
    # The question this one duplicates and the answer it was asked from are read when the
    # page shows them (rarely set): joined here too, PostgreSQL spent 4 ms planning the
    # six-table join for each page drawn (0.5 ms with three).
    found = (
        Question.objects.select_related("author", "category", "edited_by")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .filter(pk=question_id)
    )
    # No ORDER BY in the queries of the page's posts: Django 5.2 hashes every selected
    # column of an ordered query (about 150 here, with the related rows) when it compiles
    # the ordering, which cost more than the queries; the few rows are sorted below.
    question = next(iter(found[:1]), None)
    if question is None or not permissions.can_see(viewer, question):
        raise NotFound("Question not found.")
    visible = Q(status=Status.PUBLISHED) if for_many else _visible_to(viewer)
    answers = sorted(
        Answer.objects.filter(visible, question=question)
        .select_related("author", "edited_by")
        .prefetch_related(  # questions asked from each answer ("ask a related question")
            # Every status, kept to the published ones below: with `status` in the query
            # SQLite walks the status index of every question (7 ms at 10,000) instead of
            # the follow_on index (a few rows).
            Prefetch(
                "follow_ons",
                queryset=Question.objects.only(
                    "id", "title", "slug", "status", "created_at", "follow_on_id"
                ),
                to_attr="follow_on_questions",
            )
        ),
        key=lambda a: (-a.score, a.created_at, a.pk),
    )
    if question.accepted_answer_id:
        answers.sort(key=lambda a: a.pk != question.accepted_answer_id)
    comments_by_answer: dict[int | None, list[Comment]] = {}
    for comment in sorted(
        Comment.objects.filter(visible, question=question).select_related("author", "edited_by"),
        key=lambda c: (c.created_at, c.pk),
    ):
        comments_by_answer.setdefault(comment.answer_id, []).append(comment)
    for answer in answers:
        answer.question = question
        answer.follow_on_questions = sorted(
            (f for f in answer.follow_on_questions if f.status == Status.PUBLISHED),
            key=lambda f: (f.created_at, f.pk),
        )
        answer.visible_comments = comments_by_answer.get(answer.pk, [])
    my_votes: dict[str, int] = {}
    if not for_many and viewer.is_authenticated:
        shown = {f"q{question.pk}", *(f"a{a.pk}" for a in answers)}
        votes = thread_votes(user=viewer, question_id=question.pk)
        my_votes = {key: value for key, value in votes.items() if key in shown}
    return QuestionPage(
        question=question,
        answers=answers,
        question_comments=comments_by_answer.get(None, []),
        my_votes=my_votes,
    )


def revisions_of(post: Question | Answer | Comment) -> list[Revision]:
    target = post.target
    return list(Revision.objects.filter(**target).select_related("editor").order_by("number"))


def user_questions(user: Any) -> QuerySet[Question]:
    """A member's public questions: anonymous ones are never listed."""
    return question_list().filter(author=user, is_anonymous=False)


def user_answers(user: Any) -> QuerySet[Answer]:
    return (
        Answer.objects.filter(
            author=user,
            is_anonymous=False,
            status=Status.PUBLISHED,
            question__status=Status.PUBLISHED,
        )
        .select_related("question")
        .annotate(
            is_best=Exists(
                Question.objects.filter(pk=OuterRef("question_id"), accepted_answer=OuterRef("pk"))
            )
        )
        .order_by("-created_at")
    )


def user_comments(user: Any) -> QuerySet[Comment]:
    """A member's public comments on public posts: anonymous ones are never listed."""
    return (
        Comment.objects.filter(
            author=user,
            is_anonymous=False,
            status=Status.PUBLISHED,
            question__status=Status.PUBLISHED,
        )
        .filter(Q(answer__isnull=True) | Q(answer__status=Status.PUBLISHED))
        .select_related("question")
        .only(
            "id", "body", "created_at", "question_id", "answer_id",
            "question__id", "question__title", "question__slug",
        )
        .order_by("-created_at", "-id")
    )  # fmt: skip


def user_post_counts(user: Any) -> dict[str, int]:
    """How many public questions, answers and comments a member has, in one query."""
    parts = [
        user_questions(user).order_by().values("author_id").annotate(n=Count("pk")).values("n"),
        user_answers(user).order_by().values("author_id").annotate(n=Count("pk")).values("n"),
        user_comments(user).order_by().values("author_id").annotate(n=Count("pk")).values("n"),
    ]
    counts = (
        type(user)
        .objects.filter(pk=user.pk)
        .annotate(
            **{
                name: Coalesce(Subquery(part[:1]), 0)
                for name, part in zip(("questions", "answers", "comments"), parts, strict=True)
            }
        )
        .values("questions", "answers", "comments")
        .first()
    )
    return dict(counts or {"questions": 0, "answers": 0, "comments": 0})


def user_activity(user: Any, *, limit: int = 10) -> list[Question | Answer | Comment]:
    """A member's latest public posts of every kind, newest first (three queries)."""
    questions = list(
        Question.objects.filter(author=user, is_anonymous=False, status=Status.PUBLISHED)
        .only("id", "title", "slug", "created_at", "score")
        .order_by("-created_at", "-id")[:limit]
    )
    answers = list(user_answers(user)[:limit])
    comments = list(user_comments(user)[:limit])
    posts: list[Question | Answer | Comment] = [*questions, *answers, *comments]
    posts.sort(key=lambda post: post.created_at, reverse=True)
    return posts[:limit]


def _votes_in_thread(user_id: int, question_id: int) -> tuple[QuerySet[Vote], QuerySet[Vote]]:
    """A member's votes on a question and on its answers (any status), as two querysets to
    unite: as one OR, PostgreSQL read every vote the member ever cast (1.1 ms for a member
    of 76 votes, growing with each), where each part is an index lookup."""
    return (
        Vote.objects.filter(question_id=question_id, voter_id=user_id),
        Vote.objects.filter(answer__question_id=question_id, voter_id=user_id),
    )


@prepared
def _member_head(user_id: int, question_id: int) -> QuerySet[Any]:
    answered = Answer.objects.filter(question_id=question_id, author_id=user_id)
    commented = Comment.objects.filter(question_id=question_id, author_id=user_id)
    unseen = Q(status__in=[Status.QUEUED, Status.HIDDEN])
    on_question, on_answers = _votes_in_thread(user_id, question_id)
    posted = Q(author_id=user_id) | Exists(answered) | Exists(commented)
    pending = Exists(answered.filter(unseen)) | Exists(commented.filter(unseen))
    return (
        Question.objects.filter(pk=question_id, status=Status.PUBLISHED)
        .annotate(
            posted=ExpressionWrapper(posted, output_field=BooleanField()),
            voted=ExpressionWrapper(
                Exists(on_question) | Exists(on_answers), output_field=BooleanField()
            ),
            pending=ExpressionWrapper(pending, output_field=BooleanField()),
        )
        .values_list(*HEAD_FIELDS, "posted", "voted", "pending")
    )


@prepared
def _visitor_head(question_id: int) -> QuerySet[Any]:
    return Question.objects.filter(pk=question_id, status=Status.PUBLISHED).values_list(
        *HEAD_FIELDS
    )


def visitor_head(*, question_id: int) -> Question | None:
    """A published question's id, slug and title only (for a page drawn already). One
    query."""
    found = _visitor_head.rows(question_id=question_id)
    return Question.from_db(DEFAULT_DB_ALIAS, HEAD_FIELDS, found[0]) if found else None


@dataclass(frozen=True)
class TookPart:
    """How a member took part in a thread: they asked, answered or commented in it
    (`posted`: their own controls on their posts), voted in it (their votes marked), or
    have a post in it that only they and moderators see (`pending`: held or hidden)."""

    posted: bool = False
    voted: bool = False
    pending: bool = False


def member_head(*, user: Any, question_id: int) -> tuple[Question | None, TookPart]:
    """A published question's id, slug and title only (for a page drawn already), and how
    the member took part in the thread. One query."""
    found = _member_head.rows(user_id=user.pk, question_id=question_id)
    if not found:
        return None, TookPart()
    *head, posted, voted, pending = found[0]
    took_part = TookPart(posted=bool(posted), voted=bool(voted), pending=bool(pending))
    return Question.from_db(DEFAULT_DB_ALIAS, HEAD_FIELDS, head), took_part


@prepared
def _thread_votes(user_id: int, question_id: int) -> QuerySet[Any]:
    on_question, on_answers = _votes_in_thread(user_id, question_id)
    fields = ("question_id", "answer_id", "value")
    return on_question.values_list(*fields).union(on_answers.values_list(*fields), all=True)


def thread_votes(*, user: Any, question_id: int) -> dict[str, int]:
    """A member's votes in a thread, keyed "q<id>" / "a<id>" as QuestionPage.my_votes."""
    votes = _thread_votes.rows(user_id=user.pk, question_id=question_id)
    return {f"q{q}" if q else f"a{a}": value for q, a, value in votes}


@prepared
def _vote_on_question(voter_id: int, question_id: int) -> QuerySet[Any]:
    return Vote.objects.filter(voter_id=voter_id, question_id=question_id).values_list(
        "pk", "value"
    )


@prepared
def _vote_on_answer(voter_id: int, answer_id: int) -> QuerySet[Any]:
    return Vote.objects.filter(voter_id=voter_id, answer_id=answer_id).values_list("pk", "value")


def vote_id_and_value(*, voter_id: int, post: Question | Answer) -> tuple[int, int] | None:
    """The member's vote on one post as (id, value), None when there is none (a prepared
    query: the vote path runs it in its write transaction)."""
    if isinstance(post, Question):
        rows = _vote_on_question.rows(voter_id=voter_id, question_id=post.pk)
    else:
        rows = _vote_on_answer.rows(voter_id=voter_id, answer_id=post.pk)
    return (rows[0][0], rows[0][1]) if rows else None


def my_vote(*, user: Any, post: Question | Answer) -> int:
    """The member's vote on one post: 1, -1, or 0 when none."""
    found = vote_id_and_value(voter_id=user.pk, post=post)
    return found[1] if found else 0


def recent_answers() -> QuerySet[Answer]:
    """Published answers to published questions, newest first (the Q2A "answers" list)."""
    return (
        Answer.objects.filter(status=Status.PUBLISHED, question__status=Status.PUBLISHED)
        .select_related("author", "question")
        .defer("notify_email", "body")
        .order_by("-created_at", "-id")
    )


def recent_comments() -> QuerySet[Comment]:
    """Published comments in published threads, newest first."""
    return (
        Comment.objects.filter(status=Status.PUBLISHED, question__status=Status.PUBLISHED)
        .filter(Q(answer__isnull=True) | Q(answer__status=Status.PUBLISHED))
        .select_related("author", "question")
        .defer("notify_email")
        .order_by("-created_at", "-id")
    )


def published_answer(answer_id: int) -> Answer | None:
    """A published answer in a published thread (with its question), or None."""
    return (
        Answer.objects.filter(
            pk=answer_id, status=Status.PUBLISHED, question__status=Status.PUBLISHED
        )
        .select_related("question")
        .first()
    )
