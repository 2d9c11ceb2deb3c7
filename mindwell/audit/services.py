"""Writing to the audit log: one function, for every app that acts on members or posts."""

from typing import Any

from mindwell.accounts.models import User
from mindwell.audit.models import AuditEntry


def audit(*, actor: User | None, action: str, target: Any = None, reason: str = "") -> AuditEntry:
    """Append an audit entry (who, what, when, why)."""
    label = ""
    if target is not None:
        label = str(getattr(target, "title", "") or getattr(target, "username", "") or target)
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor.username if actor else "system",
        action=action,
        target_type=type(target).__name__.lower() if target is not None else "",
        target_id=getattr(target, "pk", None),
        target_label=label[:200],
        reason=reason,
    )


def audit_setting_changes(
    *, actor: User | None, changes: list[tuple[str, str, Any, Any]]
) -> list[AuditEntry]:
    """One entry per changed site setting: which one, and its old and new value."""
    from mindwell.core.runtime import shown

    return [
        AuditEntry.objects.create(
            actor=actor,
            actor_name=actor.username if actor else "system",
            action="setting_changed",
            target_type="setting",
            target_label=f"{label} ({key})"[:200],
            reason=f"{shown(old)} → {shown(new)}",
        )
        for key, label, old, new in changes
    ]


def record_setting_changes(sender: Any, *, actor: Any, changes: Any, **kwargs: Any) -> None:
    """Receiver of core.runtime.settings_changed."""
    audit_setting_changes(actor=actor if isinstance(actor, User) else None, changes=changes)
