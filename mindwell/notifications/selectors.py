from django.db.models import QuerySet

from mindwell.accounts.models import User
from mindwell.notifications.models import EmailPreference, Kind, Notification


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
    return [(k.value, k.label, saved.get(k.value, EmailPreference.Mode.EACH)) for k in Kind]
