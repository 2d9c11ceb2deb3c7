from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from mindwell.accounts.models import User
from mindwell.audit.admin import AuditedAdmin


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "display_name", "level", "points", "date_joined", "is_active")
    list_filter = ("level", "is_staff", "is_active")
    search_fields = ("username", "display_name")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Community", {"fields": ("display_name", "about", "level", "points", "flag_weight")}),
        ("Restriction", {"fields": ("restriction", "restricted_until", "restriction_reason")}),
    )
    readonly_fields = (
        "points",
        "flag_weight",
        "restriction",
        "restricted_until",
        "restriction_reason",
    )
