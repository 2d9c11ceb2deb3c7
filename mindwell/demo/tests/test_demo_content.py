"""The demo community's content keeps its structure (levels, categories, anonymity, votes):
the checker that used to run by hand runs in the suite. Loaded into the database, it has
verified professionals (badges and footers on their answers), no member claiming a
credential without a badge, and a professional's answer held by the boundary check."""

import tomllib

import pytest

from mindwell.accounts.models import User
from mindwell.demo.check_community import CREDENTIAL_RE, DEFAULT_PATH, main
from mindwell.demo.loader import load_demo
from mindwell.moderation.models import ReviewItem
from mindwell.professionals.boundaries import boundary_reasons
from mindwell.professionals.models import ProfessionalProfile
from mindwell.qa.models import Answer, Question, Status


def test_the_demo_community_passes_every_content_check(capsys):
    assert main(DEFAULT_PATH) == 0, capsys.readouterr().out


@pytest.mark.parametrize(
    "name",
    [
        "Dr. Jane",
        "Elena V., LPC",
        "Marcus T., LMFT",
        "Priya S., LCSW",
        "Licensed counselor",
        "Sam the Psychologist",
        "your therapist friend",
        "Ana, psicóloga",
        "Luca, psicologo",
        "Jean, psychologue",
        "Max (Psychotherapeut)",
        "Eva Therapeutin",
        "Chloé, thérapeute",
        "Inês, terapeuta",
        "Jane Doe, PhD",
    ],
)
def test_the_checker_sees_a_credential_in_a_display_name(name):
    assert CREDENTIAL_RE.search(name)


@pytest.mark.parametrize("name", ["Drew", "Andrea", "Fern", "Tomás R.", "Nadia (moderator)"])
def test_plain_names_are_not_credentials(name):
    assert CREDENTIAL_RE.search(name) is None


@pytest.fixture
def demo(db):
    return load_demo(password="demo-password-for-tests")


def test_the_loaded_demo_has_verified_professionals_and_no_false_credentials(demo):
    current = [
        p
        for p in ProfessionalProfile.objects.select_related("member")
        if p.is_current  # verified and not expired
    ]
    assert len(current) >= 2
    assert demo["professionals"] == len(current)
    for profile in current:
        # Verified through the service: the number sealed as a keyed hash and last 4.
        assert profile.license_number == ""
        assert profile.license_hash
        assert len(profile.license_last4) == 4
        assert profile.verified_by is not None
        assert profile.verified_at is not None
        assert profile.profession and profile.jurisdiction and profile.licensing_body
    badged = {p.member_id for p in current}
    for member in User.objects.exclude(pk__in=badged):
        claimed = CREDENTIAL_RE.search(member.display_name)
        assert claimed is None, f"{member.username} is not verified but calls themself {claimed}"


def test_the_loaded_demo_holds_a_professionals_offer_of_sessions(demo):
    assert demo["held"] >= 1
    held = Answer.objects.filter(status=Status.QUEUED).select_related("author")
    assert held.exists()
    found = False
    for answer in held:
        item = ReviewItem.objects.get(answer=answer, queue="held", state="open")
        reasons = boundary_reasons(author=answer.author, text=answer.body)
        # The professional-boundary check held it, and the review item says why.
        if reasons and item.reason.startswith(reasons[0][:120]):
            found = True
            assert answer.author.professional_profiles.get(status="verified").is_current
    assert found, [i.reason for i in ReviewItem.objects.filter(queue="held")]
    # Everything else the demo posts is published.
    assert not Question.objects.exclude(status=Status.PUBLISHED).exists()
    assert Answer.objects.exclude(status=Status.PUBLISHED).count() == demo["held"]


def test_professionals_answers_show_their_badge_and_footer(demo, client):
    content = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    professionals = {m["username"] for m in content["members"] if "professional" in m}
    question = Question.objects.get(title__startswith="Can a counselor accept a client")
    signed = question.answers.filter(
        author__username__in=professionals, is_anonymous=False, status=Status.PUBLISHED
    )
    assert signed.exists()
    page = client.get(question.get_absolute_url()).content.decode()
    assert page.count('class="professional-badge"') >= signed.count()
    assert "professional-footer" in page
    profile = signed.first().author.professional_profiles.get(status="verified")
    assert profile.jurisdiction in page
    member_page = client.get(signed.first().author.get_absolute_url()).content.decode()
    assert "Verified on" in member_page
    assert profile.get_profession_display() in member_page
