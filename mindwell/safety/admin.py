from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from mindwell.audit.admin import AuditedAdmin
from mindwell.core.cache import bump_version
from mindwell.safety.models import AlertWebhook, CrisisLine, CrisisTemplate, WebhookDelivery
from mindwell.safety.models.crisis import CACHE_VERSION_NAME


@admin.register(CrisisLine)
class CrisisLineAdmin(admin.ModelAdmin[CrisisLine]):
    list_display = (
        "service_name",
        "country_code",
        "kind",
        "phone",
        "text_number",
        "priority",
        "active",
        "last_verified",
        "verification",
    )
    list_filter = ("country", "kind", "active")
    search_fields = ("service_name", "phone", "text_number", "description")
    ordering = ("country", "kind", "priority")
    actions = ("mark_verified_today",)
    fieldsets = (
        (None, {"fields": ("country", "kind", "service_name", "priority", "active")}),
        ("How to reach it", {"fields": ("phone", "text_number", "chat_url")}),
        ("Shown to readers", {"fields": ("hours", "languages", "description")}),
        ("Checking", {"fields": ("last_verified", "source_url")}),
    )

    @admin.display(description="Country", ordering="country")
    def country_code(self, obj: CrisisLine) -> str:
        return obj.country or "International"

    @admin.display(description="Verification", ordering="last_verified")
    def verification(self, obj: CrisisLine) -> str:
        return "needs verification" if obj.needs_verification() else ""

    @admin.action(description="Mark as verified today")
    def mark_verified_today(self, request: HttpRequest, queryset: QuerySet[CrisisLine]) -> None:
        count = queryset.update(last_verified=timezone.localdate())
        bump_version(CACHE_VERSION_NAME)
        self.message_user(request, f"{count} crisis line(s) marked as verified today.")

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CrisisLine]) -> None:
        # Bulk deletion skips the model's delete(), which invalidates the cached choices.
        super().delete_queryset(request, queryset)
        bump_version(CACHE_VERSION_NAME)


@admin.register(CrisisTemplate)
class CrisisTemplateAdmin(AuditedAdmin):
    """Warm starting points for outreach; `{crisis_lines}` becomes the poster's lines."""

    list_display = ("title", "position")
    ordering = ("position",)


@admin.register(AlertWebhook)
class AlertWebhookAdmin(AuditedAdmin):
    """Outgoing crisis-alert webhooks (a team chat's incoming-webhook address)."""

    list_display = ("name", "url", "urgent_only", "active")
    list_filter = ("active", "urgent_only")


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin[WebhookDelivery]):
    """What was sent, for checking a webhook works; read-only."""

    list_display = ("webhook", "status", "attempts", "last_error", "created_at", "sent_at")
    list_filter = ("status",)
    readonly_fields = ("webhook", "payload", "status", "attempts", "last_error", "sent_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
