from django.contrib import admin
from django.http import HttpRequest

from mindwell.audit.admin import AuditedAdmin
from mindwell.notifications.models import (
    EventDelivery,
    EventWebhook,
    Follow,
    Notification,
    OutboundEmail,
)


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


@admin.register(EventWebhook)
class EventWebhookAdmin(AuditedAdmin):
    """Outgoing webhooks for community events (see notifications/webhooks.py)."""

    list_display = ("name", "url", "active", "created_at")
    list_filter = ("active",)


@admin.register(EventDelivery)
class EventDeliveryAdmin(admin.ModelAdmin[EventDelivery]):
    """The delivery log: what was sent where, the receiver's answer, retries; read-only."""

    list_display = (
        "event",
        "webhook",
        "status",
        "attempts",
        "response_status",
        "last_error",
        "created_at",
        "sent_at",
    )
    list_filter = ("status", "event", "webhook")
    readonly_fields = (
        "webhook",
        "event",
        "event_key",
        "payload",
        "status",
        "attempts",
        "response_status",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
