"""The audit log in the admin: read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mindwell.accounts.models import User
from mindwell.audit.models import AuditEntry
from mindwell.audit.services import audit
from mindwell.core.models import SingletonSettings
from mindwell.core.runtime import shown


def _admin(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Writes an audit entry for each change or deletion made in the admin."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        action = f"admin_{'change' if change else 'add'}_{obj._meta.model_name}"
        reason = ", ".join(form.changed_data)
        if isinstance(obj, SingletonSettings):  # a setting: say from what to what
            reason = ", ".join(
                f"{name}: {shown(form.initial.get(name))} → {shown(form.cleaned_data.get(name))}"
                for name in form.changed_data
            )
        audit(actor=_admin(request), action=action[:40], target=obj, reason=reason)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        action = f"admin_delete_{obj._meta.model_name}"[:40]
        audit(actor=_admin(request), action=action, target=obj)
        super().delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ("created_at", "actor_name", "action", "target_type", "target_id", "reason")
    list_filter = ("action", "target_type")
    search_fields = ("actor_name", "reason", "target_label")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
