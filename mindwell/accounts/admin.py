from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from mindwell.accounts import services
from mindwell.accounts.models import ApiToken, User
from mindwell.audit.admin import AuditedAdmin
from mindwell.audit.services import audit


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "display_name", "level", "points", "date_joined", "is_active")
    list_filter = ("level", "is_staff", "is_active")
    search_fields = ("username", "display_name")
    actions = ("remove_pictures",)
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (
            "Community",
            {"fields": ("display_name", "about", "avatar", "level", "points", "flag_weight")},
        ),
        ("Restriction", {"fields": ("restriction", "restricted_until", "restriction_reason")}),
    )
    readonly_fields = (
        "avatar",
        "points",
        "flag_weight",
        "restriction",
        "restricted_until",
        "restriction_reason",
    )

    @admin.action(description="Remove the uploaded picture (show initials)")
    def remove_pictures(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        actor = request.user if isinstance(request.user, User) else None
        removed = 0
        for member in queryset.exclude(avatar=""):
            services.remove_avatar(user=member)
            audit(actor=actor, action="admin_remove_avatar", target=member)
            removed += 1
        self.message_user(request, f"Pictures removed: {removed}.", messages.SUCCESS)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    """Members' API tokens: who has which, and revoking one. The secret is never kept."""

    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at")
    list_filter = ("revoked_at",)
    search_fields = ("user__username", "name", "prefix")
    fields = (
        "user",
        "name",
        "prefix",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    readonly_fields = ("user", "name", "prefix", "scopes", "created_at", "last_used_at")

    def has_add_permission(self, request: Any) -> bool:
        return False  # made by the member on their settings page, shown to them once
