"""What an import remembers: which old row became which Mindwell row (for idempotence,
resuming and the old site's links), and the report of each run."""

from typing import ClassVar

from django.db import models
from django.utils import timezone


class LegacyLink(models.Model):
    """One row of the old site and the Mindwell row it became.

    `new_id` is None for a row that was read and deliberately skipped (the reason is in
    `note`), so a second run skips it again without asking. Redirects of the old site's
    URLs read the question, answer, comment, user, tag and category kinds.
    """

    class Kind(models.TextChoices):
        USER = "user", "Member"
        HANDLE = "handle", "Member's handle (old profile URL)"
        CATEGORY = "category", "Category"
        CATEGORY_PATH = "catpath", "Category path (old category URL)"
        TAG = "tag", "Tag"
        QUESTION = "question", "Question"
        ANSWER = "answer", "Answer"
        COMMENT = "comment", "Comment"
        NOTE = "note", "Close note"
        VOTE = "vote", "Vote"
        FLAG = "flag", "Flag"
        FAVORITE = "favorite", "Favourite (follow)"
        AVATAR = "avatar", "Member's picture (qa_blobs)"

    source = models.CharField(max_length=20)  # "q2a"
    kind = models.CharField(max_length=10, choices=Kind.choices)
    old_key = models.CharField(max_length=200)
    new_id = models.BigIntegerField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["source", "kind", "old_key"], name="legacy_link_once"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.old_key} -> {self.new_id}"


class ImportRun(models.Model):
    """One run of an importer: when, from where (without the password), and its report."""

    source = models.CharField(max_length=20)
    location = models.CharField(max_length=300)
    dry_run = models.BooleanField(default=False)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    report = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.source} import {self.started_at:%Y-%m-%d %H:%M}"
