from mindwell.accounts.models import User
from mindwell.professionals.permissions import can_contact_privately, can_recuse
from mindwell.professionals.tests.factories import ProfessionalProfileFactory, verified
from mindwell.qa.tests.factories import UserFactory


def test_a_verified_professional_cannot_start_private_contact_with_a_member(
    counselor, asker, moderator
):
    verified(counselor)
    staff = UserFactory(username="sam", is_staff=True)
    assert not can_contact_privately(counselor, asker)
    assert can_contact_privately(counselor, moderator)
    assert can_contact_privately(counselor, staff)
    assert not can_recuse(asker)
    assert can_recuse(counselor)


def test_members_and_applicants_are_not_limited_by_the_professional_rule(asker, stranger):
    ProfessionalProfileFactory(member=stranger)  # pending
    assert can_contact_privately(asker, stranger)
    assert can_contact_privately(stranger, asker)


def test_visitors_cannot_start_private_contact(db, asker):
    from django.contrib.auth.models import AnonymousUser

    assert not can_contact_privately(AnonymousUser(), asker)


def test_a_revoked_professional_is_no_longer_limited(asker):
    former = UserFactory(username="dana", level=User.Level.EXPERT)
    verified(former, status="revoked")
    assert can_contact_privately(former, asker)
