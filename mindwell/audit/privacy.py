"""The audit log keeps its entries when a member goes, without their name (accounts/signals.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from mindwell.accounts.models import User
from mindwell.accounts.privacy import DELETE, FORMER_MEMBER, Erasure, rewrite
from mindwell.accounts.signals import member_erase
from mindwell.audit.models import AuditEntry
from mindwell.audit.services import audit

HANDLES = {"audit.AuditEntry"}  # the actor's name is replaced; the entry stays


def connect() -> None:
    member_erase.connect(erase, sender=User, dispatch_uid="audit.privacy.erase")


def erase(sender: Any, *, erasure: Erasure, phase: str, **kwargs: Any) -> None:
    user, scrub = erasure.user, erasure.scrub
    if phase == "names":
        audit_fields = ["actor_name", "target_label", "reason"]
        entries = (
            Q(actor=user)
            | Q(target_type="user", target_id=user.pk)
            | Q(created_at__gte=user.date_joined) & scrub.candidates(["target_label", "reason"])
        )
        rewrite(AuditEntry.objects.filter(entries), audit_fields, scrub)
        AuditEntry.objects.filter(actor=user).update(actor_name=FORMER_MEMBER)
        AuditEntry.objects.filter(target_type="user", target_id=user.pk).update(
            target_label=FORMER_MEMBER
        )
    elif phase == "rows":
        kept = "their posts deleted" if erasure.posts == DELETE else "their posts anonymised"
        audit(
            actor=None,
            action="account_deleted",
            reason=f"A member deleted their account, {kept}.",
        )
