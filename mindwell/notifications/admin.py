from django.contrib import admin

from mindwell.notifications.models import Follow, Notification, OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin[OutboundEmail]):
    """Failed emails are visible here (status "Gave up") with their last error."""

    list_display = ("subject", "status", "attempts", "created_at", "sent_at", "last_error")
    list_filter = ("status",)
    search_fields = ("subject",)
    exclude = ("to",)
    readonly_fields = (
        "id",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
        "next_attempt_at",
        "dedupe_key",
    )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ("recipient", "kind", "text", "created_at", "read_at")
    list_filter = ("kind",)
    raw_id_fields = ("recipient", "question", "answer", "comment")


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin[Follow]):
    list_display = ("user", "question", "tag", "category", "member", "created_at")
    raw_id_fields = ("user", "question", "tag", "category", "member")
