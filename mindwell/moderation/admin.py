"""Admin for moderation data. Every change made here is written to the audit log."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mindwell.audit.admin import AuditedAdmin
from mindwell.moderation.models import (
    CannedMessage,
    Flag,
    IPBlock,
    ModerationSettings,
    ReviewItem,
    Suspension,
    WatchedWord,
)


@admin.register(WatchedWord)
class WatchedWordAdmin(AuditedAdmin):
    list_display = ("word", "action", "replacement", "created_at")
    list_filter = ("action",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        from django.core.cache import cache

        from mindwell.moderation.screening import WATCHED_CACHE_KEY

        super().save_model(request, obj, form, change)
        cache.delete(WATCHED_CACHE_KEY)


@admin.register(CannedMessage)
class CannedMessageAdmin(AuditedAdmin):
    list_display = ("name", "text")


@admin.register(ModerationSettings)
class ModerationSettingsAdmin(AuditedAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return not ModerationSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IPBlock)
class IPBlockAdmin(AuditedAdmin):
    list_display = ("__str__", "reason", "created_at", "expires_at")


@admin.register(Suspension)
class SuspensionAdmin(admin.ModelAdmin[Suspension]):
    list_display = ("user", "kind", "reason", "starts_at", "ends_at", "lifted_at")
    list_filter = ("kind",)
    raw_id_fields = ("user", "created_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # use the moderation page, which also updates the member


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin[Flag]):
    list_display = ("reason", "flagger", "weight", "outcome", "created_at")
    list_filter = ("reason", "outcome")
    raw_id_fields = ("flagger", "question", "answer", "comment")


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin[ReviewItem]):
    list_display = ("queue", "state", "reason", "priority", "created_at", "resolution")
    list_filter = ("queue", "state")
    raw_id_fields = ("question", "answer", "comment", "resolved_by")
