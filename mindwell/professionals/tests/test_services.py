import datetime as dt

import pytest
from django.utils import timezone

from mindwell.audit.models import AuditEntry
from mindwell.core.errors import Conflict, DomainError, NotAllowed
from mindwell.professionals import services
from mindwell.professionals.models import ProfessionalProfile, Recusal
from mindwell.professionals.selectors import current_badge
from mindwell.professionals.tests.factories import (
    ProfessionalProfileFactory,
    application,
    verified,
)
from mindwell.qa.tests.factories import ask

Status = ProfessionalProfile.Status


def test_apply_as_professional_leaves_a_pending_application(counselor):
    profile = services.apply_as_professional(member=counselor, **application())
    assert profile.status == Status.PENDING
    assert profile.member == counselor
    assert profile.badge_title == "LMFT"
    assert current_badge(counselor) is None


def test_apply_as_professional_allows_one_active_application(counselor):
    services.apply_as_professional(member=counselor, **application())
    with pytest.raises(Conflict, match="already waiting"):
        services.apply_as_professional(member=counselor, **application())


def test_apply_as_professional_refuses_an_expired_license(counselor):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(DomainError, match="expired"):
        services.apply_as_professional(member=counselor, **application(expires_on=yesterday))


def test_apply_as_professional_refuses_a_verified_member(counselor):
    verified(counselor)
    with pytest.raises(Conflict, match="already verified"):
        services.apply_as_professional(member=counselor, **application())


def test_a_member_can_apply_again_after_a_rejection(counselor, moderator):
    first = services.apply_as_professional(member=counselor, **application())
    services.reject_application(moderator=moderator, application=first, note="Number not found.")
    second = services.apply_as_professional(member=counselor, **application())
    assert second.status == Status.PENDING


def test_applying_again_after_the_license_lapsed_closes_the_old_profile(counselor, time_machine):
    old = verified(counselor, expires_on=timezone.localdate() + dt.timedelta(days=10))
    time_machine.move_to(timezone.now() + dt.timedelta(days=30))
    renewal = services.apply_as_professional(member=counselor, **application())
    old.refresh_from_db()
    assert old.status == Status.LAPSED
    assert renewal.status == Status.PENDING


def test_verify_application_shows_the_badge_and_writes_an_audit_entry(counselor, moderator):
    profile = services.apply_as_professional(member=counselor, **application())
    services.verify_application(moderator=moderator, application=profile, note="Checked on BBS.")
    profile.refresh_from_db()
    assert profile.status == Status.VERIFIED
    assert profile.verified_by == moderator
    assert profile.verified_at is not None
    assert current_badge(counselor) == profile
    entry = AuditEntry.objects.get(action="professional_verified")
    assert entry.actor == moderator
    assert entry.target_id == profile.pk
    assert entry.reason == "Checked on BBS."
    assert "bob" in entry.target_label


@pytest.mark.parametrize(
    "decide",
    [services.verify_application, services.reject_application, services.revoke_verification],
)
def test_only_moderators_decide_on_applications(counselor, stranger, decide):
    profile = verified(counselor) if decide is services.revoke_verification else None
    profile = profile or services.apply_as_professional(member=counselor, **application())
    with pytest.raises(NotAllowed):
        decide(moderator=stranger, application=profile, note="No.")
    with pytest.raises(NotAllowed):
        decide(moderator=counselor, application=profile, note="No.")
    assert not AuditEntry.objects.exists()


def test_a_moderator_cannot_verify_their_own_application(moderator):
    profile = services.apply_as_professional(member=moderator, **application())
    with pytest.raises(NotAllowed, match="Another moderator"):
        services.verify_application(moderator=moderator, application=profile)


def test_reject_application_needs_a_note_and_audits(counselor, moderator):
    profile = services.apply_as_professional(member=counselor, **application())
    with pytest.raises(DomainError, match="Say why"):
        services.reject_application(moderator=moderator, application=profile, note=" ")
    services.reject_application(moderator=moderator, application=profile, note="Expired in 2023.")
    profile.refresh_from_db()
    assert profile.status == Status.REJECTED
    assert profile.decision_note == "Expired in 2023."
    assert AuditEntry.objects.filter(action="professional_rejected", actor=moderator).exists()


def test_revoke_verification_removes_the_badge_and_audits(counselor, moderator):
    profile = verified(counselor)
    services.revoke_verification(moderator=moderator, application=profile, note="Soliciting.")
    assert current_badge(counselor) is None
    assert AuditEntry.objects.filter(action="professional_revoked", reason="Soliciting.").exists()


def test_a_decision_cannot_be_made_twice(counselor, moderator):
    profile = services.apply_as_professional(member=counselor, **application())
    services.verify_application(moderator=moderator, application=profile)
    with pytest.raises(Conflict):
        services.reject_application(moderator=moderator, application=profile, note="Late.")


def test_an_expired_license_cannot_be_verified(counselor, moderator, time_machine):
    profile = services.apply_as_professional(
        member=counselor, **application(expires_on=timezone.localdate() + dt.timedelta(days=2))
    )
    time_machine.move_to(timezone.now() + dt.timedelta(days=5))
    with pytest.raises(DomainError, match="expired"):
        services.verify_application(moderator=moderator, application=profile)


def test_a_verified_professional_can_recuse_and_take_it_back(counselor, asker):
    verified(counselor)
    question = ask(asker)
    services.recuse(professional=counselor, question=question)
    services.recuse(professional=counselor, question=question)  # twice: still one
    assert Recusal.objects.filter(professional=counselor, question=question).count() == 1
    services.unrecuse(professional=counselor, question=question)
    assert not Recusal.objects.exists()


def test_only_verified_professionals_recuse(asker, stranger):
    ProfessionalProfileFactory(member=stranger)  # pending
    question = ask(asker)
    with pytest.raises(NotAllowed):
        services.recuse(professional=stranger, question=question)
