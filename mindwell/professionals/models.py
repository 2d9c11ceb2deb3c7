"""Verified mental-health professionals: their applications and recusals.

A member applies with their license details; a moderator verifies, rejects or later
revokes. The badge is shown only while the profile is verified and the license has
not expired (`is_current`), so an expired license lapses without any scheduled job.
Once verified or rejected, the license number is replaced by a keyed hash and its
last 4 characters (`licenses.py`): the full number is kept only while pending.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mindwell.core.cache import bump_version_around_commit
from mindwell.professionals.licenses import masked


class ProfessionalProfile(models.Model):
    """One application to be shown as a verified professional (kept after decisions)."""

    class Profession(models.TextChoices):
        COUNSELOR = "counselor", "Licensed professional counselor"
        MFT = "mft", "Marriage and family therapist"
        SOCIAL_WORKER = "social_worker", "Clinical social worker"
        PSYCHOLOGIST = "psychologist", "Psychologist"
        PSYCHIATRIST = "psychiatrist", "Psychiatrist"
        OTHER = "other", "Other licensed mental-health professional"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a moderator"
        VERIFIED = "verified", "Verified"
        REJECTED = "rejected", "Not verified"
        REVOKED = "revoked", "Revoked"
        # A verified profile whose license expired, closed when its member applied
        # again with a renewed license (the history stays).
        LAPSED = "lapsed", "Lapsed"

    ACTIVE: ClassVar[tuple[str, str]] = (Status.PENDING, Status.VERIFIED)

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="professional_profiles"
    )
    profession = models.CharField(max_length=16, choices=Profession.choices)
    profession_detail = models.CharField(
        max_length=120,
        blank=True,
        help_text="Your title as your license states it, e.g. LPC, LMFT, LCSW.",
    )
    licensing_body = models.CharField(
        max_length=200, help_text="The board or body that issued your license."
    )
    # The full number, while the application is pending only ("" once decided).
    license_number = models.CharField(max_length=60)
    # After a decision: a keyed hash of the number (to match a re-application) and its
    # last 4 characters (shown to moderators as "…1234").
    license_hash = models.CharField(max_length=64, blank=True, editable=False)
    license_last4 = models.CharField(max_length=4, blank=True, editable=False)
    jurisdiction = models.CharField(
        max_length=100, help_text="The state, province or country where you are licensed."
    )
    expires_on = models.DateField("license expiry date")
    # The categories a professional answers in as a professional (ids; a category
    # includes its subcategories). Empty: all. Elsewhere their posts carry no badge and
    # no footer: they answer as a peer (ACA 2014 C.2.a: practise within competence).
    competence = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The latest moderator decision (verify, reject or revoke) and the note the member sees.
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # Explicit, so `services.contact_details` imports wherever the app is not
        # (yet) installed, e.g. from safety's draft check.
        app_label = "professionals"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(status__in=["pending", "verified"]),
                name="one_active_professional_profile",
                violation_error_message="You already have an application or a verified profile.",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["status", "created_at"], name="professional_queue"),
            models.Index(fields=["member", "status"], name="professional_member"),
            models.Index(fields=["license_hash"], name="professional_license"),
        ]

    def __str__(self) -> str:
        return f"{self.member.username}: {self.badge_title}, {self.jurisdiction}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        bump_version_around_commit("people")  # the badge on visitors' cached pages

    def get_absolute_url(self) -> str:
        return reverse("professionals:application")

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        result = super().delete(*args, **kwargs)
        bump_version_around_commit("people")
        return result

    def competent_in(self, category: Any) -> bool:
        if not self.competence:
            return True
        path = getattr(category, "path", "") or ""
        ids = {int(part) for part in path.strip("/").split("/") if part.isdigit()}
        ids.add(getattr(category, "pk", None) or 0)
        return bool(ids & {int(i) for i in self.competence})

    @property
    def badge_title(self) -> str:
        """What the badge calls the member: their own title, else the profession."""
        return self.profession_detail or self.get_profession_display()

    @property
    def license_display(self) -> str:
        """The full number while pending (for checking with the board), else "…1234"."""
        return self.license_number or masked(self.license_last4)

    @property
    def is_current(self) -> bool:
        """Verified and the license not yet expired (valid through its expiry date)."""
        return self.status == self.Status.VERIFIED and self.expires_on >= timezone.localdate()

    @property
    def is_lapsed(self) -> bool:
        return self.status == self.Status.VERIFIED and not self.is_current


class Recusal(models.Model):
    """A professional steps back from a thread (a conflict of interest, someone they
    may know). Shown only to the professional and moderators: a public note could
    hint at who the asker is."""

    question = models.ForeignKey("qa.Question", on_delete=models.CASCADE, related_name="+")
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recusals"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "professionals"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["question", "professional"], name="recuse_once"),
        ]

    def __str__(self) -> str:
        return f"{self.professional_id} recused from {self.question_id}"
