from django.contrib import admin
from django.http import HttpRequest

from mindwell.audit.admin import AuditedAdmin
from mindwell.reputation.models import PointEvent, PrivilegeTable


@admin.register(PointEvent)
class PointEventAdmin(admin.ModelAdmin[PointEvent]):
    list_display = ("user", "kind", "amount", "question", "answer", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("user", "question", "answer")


@admin.register(PrivilegeTable)
class PrivilegeTableAdmin(AuditedAdmin):
    """Choose a preset (small, medium, large community) or "custom" and set each value."""

    list_display = (
        "__str__",
        "vote_down",
        "flag",
        "retag",
        "edit_others",
        "close_votes",
        "review_queue",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not PrivilegeTable.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
