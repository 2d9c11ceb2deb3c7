"""The professional badge on a member's public profile: shown while the profile is
verified and the license unexpired (`is_current`), with the profession, jurisdiction
and verification date; never for pending, rejected, revoked or expired profiles."""

import datetime as dt

import pytest
from django.utils import timezone

from mindwell.accounts.tests.factories import UserFactory
from mindwell.professionals.models import ProfessionalProfile
from mindwell.professionals.selectors import profile_badge
from mindwell.professionals.tests.factories import ProfessionalProfileFactory, verified
from mindwell.qa.tests.factories import answer, ask

pytestmark = pytest.mark.urls("mindwell.professionals.tests.urls_for_tests")

Status = ProfessionalProfile.Status
VERIFIED_AT = dt.datetime(2026, 3, 3, 12, 0, tzinfo=dt.UTC)
BADGE = "Verified professional"
# What the profile page costs without a badge, measured when the badge was added
# (a visitor looking at a member with one public question, caches warm); the badge
# adds one query.
PROFILE_QUERIES_WITHOUT_BADGE = 6


def _profile(client, member):
    response = client.get(member.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def member(category):
    """A member with a public profile (a question signed with their name)."""
    user = UserFactory(username="bob", display_name="Bob")
    ask(user, category=category)
    return user


def test_a_verified_professional_shows_the_badge_with_type_jurisdiction_and_date(client, member):
    verified(
        member,
        profession=ProfessionalProfile.Profession.MFT,
        profession_detail="LMFT",
        jurisdiction="Oregon, USA",
        verified_at=VERIFIED_AT,
        license_number="LMFT 987654",
    )
    page = _profile(client, member)
    assert BADGE in page
    assert "Marriage and family therapist" in page
    assert "LMFT" in page
    assert "Oregon, USA" in page
    assert "Verified on" in page
    assert "3 March 2026" in page
    assert 'datetime="2026-03-03"' in page
    # The license number (or its last 4) is for moderators only.
    assert "987654" not in page
    assert "7654" not in page


def test_an_expired_license_lapses_the_badge(client, member):
    verified(member, expires_on=timezone.localdate() - dt.timedelta(days=1))
    page = _profile(client, member)
    assert BADGE not in page
    assert "Colorado, USA" not in page
    assert profile_badge(member) is None


def test_the_badge_shows_through_the_expiry_date(client, member):
    verified(member, expires_on=timezone.localdate())
    assert BADGE in _profile(client, member)


@pytest.mark.parametrize("status", [Status.PENDING, Status.REJECTED, Status.REVOKED])
def test_no_badge_unless_verified(client, member, status):
    ProfessionalProfileFactory(member=member, status=status)
    page = _profile(client, member)
    assert BADGE not in page
    assert "Colorado, USA" not in page
    assert profile_badge(member) is None


def test_a_professional_who_only_posts_anonymously_still_has_no_public_profile(client, category):
    """The badge does not make a profile public: anonymous posts stay unlinked."""
    pro = UserFactory(username="quiet_pro", display_name="Quiet")
    verified(pro)
    question = ask(category=category, title="How do I talk to my partner about money?")
    reply = answer(question, pro, anonymous=True, body="Pick a calm moment and start with goals.")
    assert reply.status == "published"
    assert client.get(pro.get_absolute_url()).status_code == 404
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Pick a calm moment" in page
    assert "Colorado, USA" not in page
    assert "quiet_pro" not in page


def test_members_see_their_own_badge(client_for, member):
    verified(member, verified_at=VERIFIED_AT)
    page = _profile(client_for(member), member)
    assert BADGE in page
    assert "3 March 2026" in page


def test_the_badge_costs_at_most_one_query(client, member, django_assert_max_num_queries):
    _profile(client, member)  # warm the per-process caches (site configuration)
    with django_assert_max_num_queries(PROFILE_QUERIES_WITHOUT_BADGE + 1):
        assert BADGE not in _profile(client, member)  # the selector's query finds nothing
    verified(member)
    with django_assert_max_num_queries(PROFILE_QUERIES_WITHOUT_BADGE + 1):
        assert BADGE in _profile(client, member)
