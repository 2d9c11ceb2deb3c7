from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from mindwell.accounts.roles import MODERATOR_LEVELS
from mindwell.audit.models import AuditEntry
from mindwell.core.errors import NotFound
from mindwell.moderation.models import CannedMessage, Flag, ReviewItem
from mindwell.qa.models import Answer, Comment, Question, Status

POST_MODELS: dict[str, type[Any]] = {"question": Question, "answer": Answer, "comment": Comment}


def post_by_kind(kind: str, post_id: int) -> Any:
    model = POST_MODELS.get(kind)
    post = model.objects.select_related("author").filter(pk=post_id).first() if model else None
    if post is None:
        raise NotFound("Post not found.")
    return post


# Member reviewers (points, not moderators) see community flags on published posts only: no
# crisis screening, no held posts, no hold reasons that describe the author.
MEMBER_QUEUES = (ReviewItem.Queue.FLAGGED.value,)
_PUBLISHED = (
    Q(question__status=Status.PUBLISHED)
    | Q(answer__status=Status.PUBLISHED)
    | Q(comment__status=Status.PUBLISHED)
)


def visible_queues(*, moderator: bool) -> list[tuple[str, str]]:
    """The queues a reviewer may open, as (key, label)."""
    return [(q.value, q.label) for q in ReviewItem.Queue if moderator or q.value in MEMBER_QUEUES]


def _open(*, moderator: bool) -> QuerySet[ReviewItem]:
    items = ReviewItem.objects.filter(state=ReviewItem.State.OPEN)
    return items if moderator else items.filter(_PUBLISHED, queue__in=MEMBER_QUEUES)


def queue_counts(*, moderator: bool = True) -> dict[str, int]:
    rows = _open(moderator=moderator).values("queue").annotate(n=Count("id"))
    counts = {q: 0 for q, _ in visible_queues(moderator=moderator)}
    counts.update({r["queue"]: r["n"] for r in rows})
    return counts


def open_items(queue: str, *, moderator: bool = True, limit: int = 50) -> list[ReviewItem]:
    """Open items in a queue, most urgent first, with their posts and pending flags
    (three queries, whatever the number of items); a member reviewer's view (moderator=False)
    holds published posts only."""
    items = list(
        _open(moderator=moderator)
        .filter(queue=queue)
        .select_related(
            "question__author",
            "answer__author",
            "answer__question",
            "comment__author",
            "comment__question",
        )
        .order_by("-priority", "created_at")[:limit]
    )
    flags: dict[tuple[str, int], list[Flag]] = {}
    if items:
        condition = Q()
        for kind in ("question", "answer", "comment"):
            ids = [getattr(i, f"{kind}_id") for i in items if getattr(i, f"{kind}_id")]
            if ids:
                condition |= Q(**{f"{kind}_id__in": ids})
        for flag in Flag.objects.filter(condition, outcome=Flag.Outcome.PENDING).select_related(
            "flagger"
        ):
            kind = "question" if flag.question_id else "answer" if flag.answer_id else "comment"
            flags.setdefault((kind, getattr(flag, f"{kind}_id")), []).append(flag)
    for item in items:
        kind = "question" if item.question_id else "answer" if item.answer_id else "comment"
        item.kind = kind  # type: ignore[attr-defined]
        item.flags = flags.get((kind, getattr(item, f"{kind}_id")), [])  # type: ignore[attr-defined]
    return items


def canned_messages() -> list[CannedMessage]:
    return list(CannedMessage.objects.order_by("name"))


# Entries made by the system or by moderators and admins (not by members themselves).
_BY_STAFF = (
    Q(actor__isnull=True) | Q(actor__level__in=MODERATOR_LEVELS) | Q(actor__is_superuser=True)
)


def audit_entries(
    *, action: str = "", actor: str = "", target_type: str = "", name_members: bool = True
) -> QuerySet[AuditEntry]:
    """The audit log, newest first. Without `name_members` (everyone but admins) the
    actor filter finds only moderators' and the system's entries: a member's name must
    not lead to the anonymous posts they acted on."""
    entries = AuditEntry.objects.select_related("actor")
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor_name=actor)
        if not name_members:
            entries = entries.filter(_BY_STAFF)
    if target_type:
        entries = entries.filter(target_type=target_type)
    return entries.order_by("-created_at", "-id")


def pending_flags(post: Any) -> list[Flag]:
    target = post.target
    return list(
        Flag.objects.filter(outcome=Flag.Outcome.PENDING, **target).select_related("flagger")
    )


def describe_targets(entries: list[AuditEntry]) -> None:
    """Give each entry about a post the question's title and a link (`target_title`,
    `target_url`): three queries at most for a page of the log."""
    from mindwell.qa.models import Answer, Comment, Question

    ids: dict[str, set[int]] = {"question": set(), "answer": set(), "comment": set()}
    for entry in entries:
        if entry.target_type in ids and entry.target_id is not None:
            ids[entry.target_type].add(entry.target_id)
    found: dict[tuple[str, int], Any] = {}
    for q in Question.objects.filter(pk__in=ids["question"]).only("id", "title", "slug"):
        found["question", q.pk] = (q.title, q.get_absolute_url())
    posts: list[Any] = [
        *Answer.objects.filter(pk__in=ids["answer"]).select_related("question"),
        *Comment.objects.filter(pk__in=ids["comment"]).select_related("question"),
    ]
    for post in posts:
        kind = "answer" if isinstance(post, Answer) else "comment"
        found[kind, post.pk] = (post.question.title, post.get_absolute_url())
    for entry in entries:
        title, url = found.get((entry.target_type, entry.target_id or 0), ("", ""))
        entry.target_title, entry.target_url = title, url  # type: ignore[attr-defined]


STATS_WINDOWS = (("day", 1), ("week", 7), ("month", 30))


def site_stats(now: Any = None) -> list[tuple[str, list[int]]]:
    """New members, posts, votes, flags and crisis items in the last day, week and month
    (one query a row)."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q
    from django.utils import timezone

    from mindwell.qa.models import Answer, Comment, Question, Vote

    now = now or timezone.now()
    rows = [
        ("New members", get_user_model().objects.all(), "date_joined"),
        ("Questions", Question.objects.all(), "created_at"),
        ("Answers", Answer.objects.all(), "created_at"),
        ("Comments", Comment.objects.all(), "created_at"),
        ("Votes", Vote.objects.all(), "created_at"),
        ("Flags", Flag.objects.all(), "created_at"),
        (
            "Crisis queue items",
            ReviewItem.objects.filter(queue=ReviewItem.Queue.CRISIS),
            "created_at",
        ),
    ]
    table = []
    for label, queryset, field in rows:
        counts = queryset.aggregate(
            **{
                name: Count("pk", filter=Q(**{f"{field}__gte": now - timedelta(days=days)}))
                for name, days in STATS_WINDOWS
            }
        )
        table.append((label, [counts[name] for name, _ in STATS_WINDOWS]))
    return table
