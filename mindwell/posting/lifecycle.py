"""The ONE ordered list of what happens when a post becomes visible or stops being visible.

Every write that changes whether a post is published (posting, editing back from the queue,
moderators' approve / hide / restore / delete, account deletion) goes through `set_status` or,
for a brand-new post, `publish_effects`. In order:

1. counters: the question's answer and comment counts, "has an upvoted answer", hotness;
2. taxonomy counts: tags and the category;
3. search: the question's index entry;
4. activity: the question's latest activity (first publication only);
5. notifications: followers, the asker, mentions (first publication only);
6. points: the author's points for posting (first publication only; never for anonymous posts);
7. cache version: list pages and counts read fresh.

Withdrawing runs 1-3 and 7 in reverse (notifications and points are not taken back).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from mindwell.core.cache import bump_version
from mindwell.notifications import services as notifications
from mindwell.qa.content import hotness, refresh_answer_flags, refresh_hotness
from mindwell.qa.models import Answer, Comment, Post, Question, Status
from mindwell.reputation import services as reputation
from mindwell.reputation.models import PointEvent
from mindwell.search import services as search
from mindwell.taxonomy import services as taxonomy

Kind = PointEvent.Kind


def points_owner(post: Post) -> int | None:
    """Who earns points for a post. Anonymous posts earn nothing: a moving total
    could reveal who wrote them."""
    return None if post.is_anonymous else post.author_id


def _activity(*, kind: str, post: Post, when: Any = None) -> dict[str, Any]:
    """The latest-activity fields of a question for the home page."""
    return {
        "last_activity_at": when or timezone.now(),
        "last_activity_kind": kind,
        "last_activity_name": post.byline_name,
        "last_activity_user": post.public_author,
    }


def touch(question: Question, *, kind: str, post: Post, when: Any = None) -> None:
    """Record the latest activity on a question for the home page."""
    Question.objects.filter(pk=question.pk).update(**_activity(kind=kind, post=post, when=when))


def publish_effects(post: Post, *, first_time: bool) -> None:
    """What becoming visible means: counters, search, and (the first time) notifying
    and awarding points. The caller holds the question's row lock."""
    if isinstance(post, Question):
        tags = list(post.tags.all())
        taxonomy.adjust_tag_counts(added=tags, removed=[])
        taxonomy.adjust_category_count(category_id=post.category_id, delta=1)
        search.index_question(post.pk)
        if first_time:
            notifications.question_posted(post)
            if (owner := points_owner(post)) is not None:
                reputation.award(user_id=owner, kind=Kind.QUESTION_POSTED, question=post)
    elif isinstance(post, Answer) and first_time:
        # A new answer has no votes (the up-voted flag stands) and the caller holds the
        # question's row as locked: one UPDATE for the count, hotness and latest activity,
        # one for the search document.
        question = post.question
        Question.objects.filter(pk=question.pk).update(
            answer_count=F("answer_count") + 1,
            hotness=hotness(
                created_at=question.created_at,
                score=question.score,
                answer_count=question.answer_count + 1,
                view_count=question.view_count,
            ),
            **_activity(kind="answered", post=post, when=post.created_at),
        )
        search.add_text(question.pk, post.body, answers=1)
        notifications.answer_posted(post)
        if (owner := points_owner(post)) is not None:
            reputation.award(user_id=owner, kind=Kind.ANSWER_POSTED, answer=post)
    elif isinstance(post, Answer):
        Question.objects.filter(pk=post.question_id).update(answer_count=F("answer_count") + 1)
        refresh_answer_flags(post.question_id)
        refresh_hotness(post.question_id)
        search.index_question(post.question_id)
    elif isinstance(post, Comment):
        if post.answer_id:
            Answer.objects.filter(pk=post.answer_id).update(comment_count=F("comment_count") + 1)
        activity = (
            _activity(kind="commented", post=post, when=post.created_at) if first_time else {}
        )
        Question.objects.filter(pk=post.question_id).update(
            comment_count=F("comment_count") + 1, **activity
        )
        if first_time:
            search.add_text(post.question_id, post.body)
            notifications.comment_posted(post)
        else:
            search.index_question(post.question_id)
    bump_version("questions")


def withdraw_effects(post: Post) -> None:
    """Undo the counters and search entry of a post that stops being visible."""
    if isinstance(post, Question):
        taxonomy.adjust_tag_counts(added=[], removed=list(post.tags.all()))
        taxonomy.adjust_category_count(category_id=post.category_id, delta=-1)
        search.index_question(post.pk)
    elif isinstance(post, Answer):
        Question.objects.filter(pk=post.question_id, answer_count__gt=0).update(
            answer_count=F("answer_count") - 1
        )
        refresh_answer_flags(post.question_id)
        search.index_question(post.question_id)
    elif isinstance(post, Comment):
        if post.answer_id:
            Answer.objects.filter(pk=post.answer_id, comment_count__gt=0).update(
                comment_count=F("comment_count") - 1
            )
        Question.objects.filter(pk=post.question_id, comment_count__gt=0).update(
            comment_count=F("comment_count") - 1
        )
        search.index_question(post.question_id)
    bump_version("questions")


@transaction.atomic
def set_status(post: Post, status: str) -> Post:
    """Move a post between published, queued, hidden and deleted, keeping every
    counter and the search index in step. Locks the post's question row."""
    question_id = post.thread_id
    Question.objects.select_for_update().filter(pk=question_id).first()
    fresh = type(post).objects.get(pk=post.pk)
    old = fresh.status
    if old == status:
        return fresh
    type(post).objects.filter(pk=post.pk).update(status=status)
    fresh.status = status
    if old == Status.PUBLISHED:
        withdraw_effects(fresh)
    elif status == Status.PUBLISHED:
        publish_effects(fresh, first_time=old == Status.QUEUED)
    return fresh
