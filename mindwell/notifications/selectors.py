from typing import Any

from django.db.models import QuerySet

from mindwell.accounts.models import User
from mindwell.notifications.inbox import default_email_mode
from mindwell.notifications.models import EmailPreference, Follow, Kind, Notification


def inbox(user: User) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(recipient=user)
        .select_related("question")
        .only(
            "id",
            "kind",
            "text",
            "created_at",
            "read_at",
            "answer_id",
            "comment_id",
            "question__id",
            "question__slug",
        )
        .order_by("-created_at", "-id")
    )


def preferences(user: User) -> list[tuple[str, str, str]]:
    """(kind, label, mode) for every kind, with the default where none is saved."""
    saved = dict(EmailPreference.objects.filter(user=user).values_list("kind", "mode"))
    return [(k.value, k.label, saved.get(k.value) or default_email_mode(k.value)) for k in Kind]


def favourites(user: Any) -> dict[str, list[Any]]:
    """What a member follows, by kind, newest first: questions (published ones), tags,
    categories and members. Four queries."""
    from mindwell.qa.models import Question, Status

    follows = Follow.objects.filter(user=user).order_by("-created_at", "-id")
    return {
        "questions": list(
            Question.objects.filter(
                pk__in=follows.filter(question__isnull=False).values("question_id"),
                status=Status.PUBLISHED,
            ).order_by("-last_activity_at")
        ),
        "tags": [f.tag for f in follows.filter(tag__isnull=False).select_related("tag")],
        "categories": [
            f.category for f in follows.filter(category__isnull=False).select_related("category")
        ],
        "members": [
            f.member
            for f in follows.filter(member__isnull=False, member__is_active=True).select_related(
                "member"
            )
        ],
    }
