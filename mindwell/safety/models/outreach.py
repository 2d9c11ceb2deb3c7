"""Private outreach: a moderator writes to the author of a post someone is worried about.

The thread is visible only to the poster and moderators. Members read it in their inbox
(anonymous posts too: the inbox is the author's own, nobody learns who they are); a
visitor who left a notification email gets it by email. Every message is audited and
is part of the poster's data download; deleting the account deletes the thread.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class CrisisTemplate(models.Model):
    """A warm starting point for an outreach message (admin-editable). `{crisis_lines}`
    is replaced by the poster's country's lines; the moderator must change the text
    before it can be sent."""

    title = models.CharField(max_length=80)
    body = models.TextField(max_length=4000)
    position = models.PositiveSmallIntegerField(default=10)

    class Meta:
        ordering: ClassVar[list[str]] = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class OutreachMessage(models.Model):
    question = models.ForeignKey(
        "qa.Question", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    answer = models.ForeignKey(
        "qa.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        "qa.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The poster (None for a visitor, reached by the post's notification email).
    poster = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The moderator who wrote it; None when the poster wrote (a reply).
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_poster = models.BooleanField(default=False)
    body = models.TextField(max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["created_at", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=(
                    Q(question__isnull=False, answer__isnull=True, comment__isnull=True)
                    | Q(question__isnull=True, answer__isnull=False, comment__isnull=True)
                    | Q(question__isnull=True, answer__isnull=True, comment__isnull=False)
                ),
                name="outreach_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"Outreach {self.pk}"

    @property
    def post(self) -> Any:
        return self.question or self.answer or self.comment
