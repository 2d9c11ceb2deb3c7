"""Applying as a verified professional, the moderators' decisions, and recusals.

Verify, reject and revoke are moderator actions: each writes an audit entry. The
member learns the outcome (with the moderator's note) on their application page.
`contact_details` and `boundary_reasons` (see `boundaries`) are exported here for
the posting pipeline.

The full license number is kept only while an application is pending: verifying or
rejecting it replaces the number by a keyed hash and its last 4 characters
(`licenses.py`); `license_matches` recognises the same number later.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from mindwell.accounts.models import User
from mindwell.audit.services import audit
from mindwell.core.errors import Conflict, DomainError, NotAllowed
from mindwell.professionals import licenses, permissions
from mindwell.professionals.boundaries import boundary_reasons, contact_details
from mindwell.professionals.models import ProfessionalProfile, Recusal
from mindwell.professionals.selectors import current_badge
from mindwell.qa.models import Question
from mindwell.qa.permissions import restriction_refusal
from mindwell.taxonomy.models import Category

__all__ = [
    "apply_as_professional",
    "boundary_reasons",
    "contact_details",
    "decide",
    "license_matches",
    "recuse",
    "reject_application",
    "revoke_verification",
    "unrecuse",
    "verify_application",
]

Status = ProfessionalProfile.Status


def _domain_error(error: ValidationError) -> DomainError:
    return DomainError(" ".join(error.messages))


@transaction.atomic
def apply_as_professional(
    *,
    member: User,
    profession: str,
    licensing_body: str,
    license_number: str,
    jurisdiction: str,
    expires_on: date,
    profession_detail: str = "",
) -> ProfessionalProfile:
    """Ask to be shown as a verified professional; a moderator checks the license.

    One pending or verified profile per member. A verified profile whose license
    expired is closed as lapsed, so the member can apply with the renewed license.
    """
    if not member.is_active:
        raise NotAllowed("Your account is not active.")
    if reason := restriction_refusal(member):
        raise NotAllowed(reason)
    if expires_on < timezone.localdate():
        raise DomainError("This license has expired. Apply with your current license.")
    for active in ProfessionalProfile.objects.select_for_update().filter(
        member=member, status__in=ProfessionalProfile.ACTIVE
    ):
        if active.status == Status.PENDING:
            raise Conflict("Your application is already waiting for a moderator.")
        if active.is_current:
            raise Conflict("You are already verified.")
        active.status = Status.LAPSED
        active.save(update_fields=["status"])
    profile = ProfessionalProfile(
        member=member,
        profession=profession,
        profession_detail=profession_detail.strip(),
        licensing_body=licensing_body.strip(),
        license_number=license_number.strip(),
        jurisdiction=jurisdiction.strip(),
        expires_on=expires_on,
    )
    try:
        profile.full_clean()
        with transaction.atomic():
            profile.save()
    except ValidationError as error:
        raise _domain_error(error) from error
    except IntegrityError as error:  # applied at the same moment elsewhere
        raise Conflict("Your application is already waiting for a moderator.") from error
    return profile


def _decide(
    moderator: User, application: ProfessionalProfile, *, expect: str
) -> ProfessionalProfile:
    """The application, locked, after checking the moderator and its status."""
    if not permissions.can_review_applications(moderator):
        raise NotAllowed("Only moderators can do this.")
    locked = ProfessionalProfile.objects.select_for_update().get(pk=application.pk)
    if locked.status != expect:
        raise Conflict("Someone already decided on this application.")
    return locked


def _seal_license(profile: ProfessionalProfile) -> None:
    """Keep a keyed hash and the last 4 characters of the number, not the number."""
    if not profile.license_number:
        return
    profile.license_hash = licenses.license_hash(profile.license_number)
    profile.license_last4 = licenses.last4(profile.license_number)
    profile.license_number = ""


def license_matches(profile: ProfessionalProfile, number: str) -> bool:
    """Whether `number` is this profile's license number (the full number while the
    application is pending, its keyed hash once decided). Case, spaces and punctuation
    do not count."""
    if not licenses.normalise(number):
        return False
    if profile.license_number:
        return licenses.normalise(profile.license_number) == licenses.normalise(number)
    return bool(profile.license_hash) and constant_time_compare(
        profile.license_hash, licenses.license_hash(number)
    )


def _record(
    profile: ProfessionalProfile, moderator: User, *, status: str, note: str
) -> ProfessionalProfile:
    if status in (Status.VERIFIED, Status.REJECTED):
        _seal_license(profile)
    profile.status = status
    profile.decided_at = timezone.now()
    profile.decided_by = moderator
    profile.decision_note = note.strip()[:2000]
    profile.save()
    audit(actor=moderator, action=f"professional_{status}", target=profile, reason=note.strip())
    return profile


@transaction.atomic
def verify_application(
    *, moderator: User, application: ProfessionalProfile, note: str = ""
) -> ProfessionalProfile:
    """Show the member as a verified professional until their license expires.
    The moderator confirms the license with the licensing body first."""
    profile = _decide(moderator, application, expect=Status.PENDING)
    if profile.member_id == moderator.pk:
        raise NotAllowed("Another moderator must verify your own application.")
    if profile.expires_on < timezone.localdate():
        raise DomainError("This license has expired; it cannot be verified.")
    profile.verified_at = timezone.now()
    profile.verified_by = moderator
    return _record(profile, moderator, status=Status.VERIFIED, note=note)


@transaction.atomic
def reject_application(
    *, moderator: User, application: ProfessionalProfile, note: str
) -> ProfessionalProfile:
    """Decline an application; the note tells the member why (they may apply again)."""
    profile = _decide(moderator, application, expect=Status.PENDING)
    if not note.strip():
        raise DomainError("Say why, so the member knows what to fix.")
    return _record(profile, moderator, status=Status.REJECTED, note=note)


@transaction.atomic
def revoke_verification(
    *, moderator: User, application: ProfessionalProfile, note: str
) -> ProfessionalProfile:
    """Remove a verified badge (a lapsed or withdrawn license, a breach of the code)."""
    profile = _decide(moderator, application, expect=Status.VERIFIED)
    if not note.strip():
        raise DomainError("Say why the verification is revoked.")
    return _record(profile, moderator, status=Status.REVOKED, note=note)


@transaction.atomic
def recuse(*, professional: User, question: Question) -> Recusal:
    """Step back from a thread (a conflict of interest, someone they may know).
    Doing it twice keeps the first recusal."""
    if current_badge(professional) is None:
        raise NotAllowed("Only verified professionals can recuse themselves from a thread.")
    try:
        with transaction.atomic():
            recusal, _ = Recusal.objects.get_or_create(professional=professional, question=question)
    except IntegrityError:  # recused at the same moment elsewhere: the same result
        recusal = Recusal.objects.get(professional=professional, question=question)
    return recusal


@transaction.atomic
def unrecuse(*, professional: User, question: Question) -> None:
    """Take back a recusal (allowed even after the badge lapsed)."""
    Recusal.objects.filter(professional=professional, question=question).delete()


def decide(
    *, moderator: User, application: ProfessionalProfile, action: str, note: str = ""
) -> ProfessionalProfile:
    """verify, reject or revoke by name (for the moderators' page)."""
    actions: dict[str, Any] = {
        "verify": verify_application,
        "reject": reject_application,
        "revoke": revoke_verification,
    }
    if action not in actions:
        raise DomainError("Unknown action.")
    return actions[action](moderator=moderator, application=application, note=note)


@transaction.atomic
def set_competence(*, professional: User, category_ids: list[int]) -> ProfessionalProfile:
    """The categories a verified professional answers in as a professional (empty: all);
    elsewhere their posts carry no badge or footer."""
    profile = current_badge(professional)
    if profile is None:
        raise NotAllowed("Only verified professionals choose where they answer as one.")
    known = set(Category.objects.filter(pk__in=category_ids).values_list("pk", flat=True))
    profile.competence = sorted(known)
    profile.save(update_fields=["competence"])
    audit(actor=professional, action="competence", target=profile, reason=str(sorted(known)))
    return profile
