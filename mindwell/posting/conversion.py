"""Turning an answer into a comment, and a comment into an answer (editors and moderators,
as Question2Answer does). One post moves to the other table: the new row keeps the author,
the anonymity, the notification email, the date and the text; what pointed at the old row
(its revisions, flags, review items, crisis records, notifications) points at the new one.

Votes: comments have none. Converting an answer removes its votes and takes their points
back (the author's points for votes received, the voters' points for voting) together with
the points for posting it, exactly as the ledger counted them. A comment made an answer
starts at score 0 and earns the points for an answer (never for an anonymous post), as if it
had been posted as one; nobody is notified again, since nothing new was written.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, Model, Q
from django.utils import timezone

from mindwell.accounts.models import User
from mindwell.audit.services import audit
from mindwell.core import markdown
from mindwell.core.cache import bump_version
from mindwell.core.errors import Conflict, DomainError, NotAllowed, NotFound
from mindwell.posting import lifecycle
from mindwell.posting.services import _lock_question, _next_revision_number, _revision
from mindwell.qa import permissions
from mindwell.qa.content import refresh_answer_flags, refresh_hotness
from mindwell.qa.models import COMMENT_MAX, Answer, Comment, Post, Question, Status, Vote
from mindwell.reputation import services as reputation
from mindwell.reputation.models import PointEvent
from mindwell.search import services as search

# The fields a post keeps through a conversion (besides the thread and the text).
KEPT = (
    "author",
    "author_name",
    "is_anonymous",
    "notify_email",
    "status",
    "created_at",
    "edited_at",
    "edited_by",
    "edited_by_name",
    "ip_digest",
    "content_warning",
)
ANSWER_MIN = 10


def _kept(post: Post) -> dict[str, Any]:
    return {name: getattr(post, name) for name in KEPT}


def _refuse(editor: User, post: Post) -> None:
    if refusal := permissions.why_not_convert(editor, post):
        raise NotAllowed(refusal)


def _repoint(old: Post, new: Post, *, comments_moved_to: Answer | None = None) -> None:
    """Every row that pointed at `old` through a field named after its kind ("answer",
    "comment") and can point at `new` the same way now points at `new`. Votes and the
    points ledger are settled by the caller; comments under a converted answer are moved
    by the caller. Rows about a comment under the old answer (a notification about it)
    follow that comment to its new place."""
    old_name, new_name = old.post_kind, new.post_kind
    for relation in type(old)._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and relation.one_to_many):
            continue  # only the foreign keys of other models that point here
        model: type[Model] = relation.related_model  # type: ignore[assignment]
        if relation.field.name != old_name or model in (Vote, PointEvent, Comment):  # type: ignore[union-attr]
            continue
        if new_name not in {f.name for f in model._meta.get_fields()}:
            continue
        rows = model._default_manager.filter(**{old_name: old})
        if old_name == "answer":
            rows.filter(comment__isnull=False).update(answer=comments_moved_to)
            rows = rows.filter(comment__isnull=True)
        rows.update(**{old_name: None, new_name: new})


def _recount(question_id: int) -> None:
    """The thread's answer and comment counts from the rows, its flags and hotness, the
    comment counts of its answers, the search document, and the pages that show them."""
    counts = Question.objects.filter(pk=question_id).aggregate(
        answers=Count("answers", filter=Q(answers__status=Status.PUBLISHED), distinct=True),
        comments=Count("comments", filter=Q(comments__status=Status.PUBLISHED), distinct=True),
    )
    Question.objects.filter(pk=question_id).update(
        answer_count=counts["answers"], comment_count=counts["comments"]
    )
    for answer_id, n in (
        Answer.objects.filter(question_id=question_id)
        .annotate(n=Count("comments", filter=Q(comments__status=Status.PUBLISHED)))
        .values_list("pk", "n")
    ):
        Answer.objects.filter(pk=answer_id).exclude(comment_count=n).update(comment_count=n)
    refresh_answer_flags(question_id)
    refresh_hotness(question_id)
    search.index_question(question_id)
    bump_version("questions")
    bump_version(f"question:{question_id}")  # the visitors' cached page of the thread


@transaction.atomic
def convert_answer_to_comment(
    *, editor: User, answer: Answer, parent: Answer | None, reason: str = ""
) -> Comment:
    """Make an answer a comment on its question (`parent` None) or on another answer of
    the same question. Comments under it move to the new parent. Locks the question row."""
    _refuse(editor, answer)
    question = _lock_question(answer.question_id)
    old = Answer.objects.select_for_update().filter(pk=answer.pk).first()
    if old is None or old.status != Status.PUBLISHED:
        raise NotFound("Answer not found.")
    if parent is not None and (
        parent.pk == old.pk
        or parent.question_id != question.pk
        or parent.status != Status.PUBLISHED
    ):
        raise NotFound("The answer to comment on was not found in this question.")
    if question.accepted_answer_id == old.pk:
        raise Conflict(
            "This is the best answer: the asker must unselect it before it can become a comment."
        )
    if len(old.body) > COMMENT_MAX:
        raise DomainError(
            f"This answer is {len(old.body):,} characters long; a comment holds at most "
            f"{COMMENT_MAX:,}. Shorten it first, or leave it an answer.",
            code="too_long",
        )
    comment = Comment.objects.create(
        question=question,
        answer=parent,
        body=old.body,
        body_html=markdown.render_plain(old.body),
        **_kept(old),
    )
    Comment.objects.filter(answer=old).update(answer=parent)
    _repoint(old, comment, comments_moved_to=parent)
    reputation.forget_answer_points(answer_id=old.pk)
    old.delete()  # its votes go with it
    _revision(
        comment,
        editor=editor,
        number=_next_revision_number(comment),
        summary="Converted from an answer to a comment",
        when=timezone.now(),
    )
    _recount(question.pk)
    where = f"answer {parent.pk}" if parent else "the question"
    audit(
        actor=editor,
        action="convert_to_comment",
        target=comment,
        reason=f"Answer {answer.pk} is now comment {comment.pk} on {where}. {reason}".strip(),
    )
    return comment


@transaction.atomic
def convert_comment_to_answer(*, editor: User, comment: Comment, reason: str = "") -> Answer:
    """Make a comment (on the question or on one of its answers) an answer to its question.
    Locks the question row."""
    _refuse(editor, comment)
    question = _lock_question(comment.question_id)
    old = Comment.objects.select_for_update().filter(pk=comment.pk).first()
    if old is None or old.status != Status.PUBLISHED:
        raise NotFound("Comment not found.")
    if len(old.body.strip()) < ANSWER_MIN:
        raise DomainError(
            f"This comment is too short for an answer (at least {ANSWER_MIN} characters).",
            code="too_short",
        )
    answer = Answer.objects.create(
        question=question, body=old.body, body_html=markdown.render(old.body), **_kept(old)
    )
    _repoint(old, answer)
    old.delete()
    if (owner := lifecycle.points_owner(answer)) is not None:
        reputation.award(user_id=owner, kind=PointEvent.Kind.ANSWER_POSTED, answer=answer)
    _revision(
        answer,
        editor=editor,
        number=_next_revision_number(answer),
        summary="Converted from a comment to an answer",
        when=timezone.now(),
    )
    _recount(question.pk)
    audit(
        actor=editor,
        action="convert_to_answer",
        target=answer,
        reason=f"Comment {comment.pk} is now answer {answer.pk}. {reason}".strip(),
    )
    return answer
