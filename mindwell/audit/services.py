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
