"""The audit log: who did what to whom, when and why. Append-only.

Moved here from the moderation app (issue 11); the table keeps its name.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from mindwell.core.errors import Conflict


class AuditEntry(models.Model):
    """One moderator or admin action. Append-only: never changed or deleted."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=60)
    action = models.CharField(max_length=40, db_index=True)
    target_type = models.CharField(max_length=20, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_label = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "moderation_auditentry"  # kept when the model moved from moderation
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} {self.target_type} {self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise Conflict("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise Conflict("Audit entries cannot be deleted.")


# What each action code means, as the audit log shows it (codes stay in the database and
# the filter). Codes built from a prefix are named by the prefix and the rest.
ACTION_LABELS = {
    "hide": "Hid a post",
    "restore": "Restored a post",
    "delete": "Deleted a post",
    "undelete": "Undeleted a post",
    "close": "Closed a question",
    "reopen": "Reopened a question",
    "lock": "Locked a thread",
    "unlock": "Unlocked a thread",
    "pin": "Pinned a question",
    "unpin": "Unpinned a question",
    "auto_hide": "Hidden by members' flags",
    "block_ip": "Blocked posting from a network",
    "api_moderate": "Used an API token with the moderate scope",
    "lift_restriction": "Lifted a member's restriction",
    "reveal_author": "Revealed who wrote an anonymous post",
    "hold_method_details": "Held back method details in a post",
    "outreach": "Reached out privately about a post",
    "outreach_reply": "A member replied to an outreach",
    "risk_assessed": "Recorded a risk assessment",
    "on_duty": "Went on duty",
    "off_duty": "Went off duty",
    "shift_ended": "Duty shift ended",
    "competence": "Chose the categories they answer in",
    "account_deleted": "Deleted their account",
    "suspend": "Suspended a member",
    "read_only": "Put a member in read-only mode",
    "setting_changed": "Changed a site setting",
    "admin_remove_avatar": "Removed a member's picture",
    "convert_to_comment": "Turned an answer into a comment",
    "convert_to_answer": "Turned a comment into an answer",
    "maintenance_queued": "Queued a maintenance task",
    "maintenance_done": "Maintenance task finished",
    "maintenance_failed": "Maintenance task failed",
}
PREFIX_LABELS = {
    "review_": "Review queue",
    "professional_": "Professional application",
    "admin_change_": "Admin changed",
    "admin_add_": "Admin added",
    "admin_delete_": "Admin deleted",
}


def action_label(code: str) -> str:
    """A person's words for an action code ("review_hide" -> "Review queue: hide")."""
    if code in ACTION_LABELS:
        return ACTION_LABELS[code]
    for prefix, label in PREFIX_LABELS.items():
        if code.startswith(prefix):
            return f"{label}: {code.removeprefix(prefix).replace('_', ' ')}"
    return code.replace("_", " ").capitalize()
