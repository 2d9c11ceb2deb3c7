import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mindwell.audit.models import AuditEntry
from mindwell.professionals.models import ProfessionalProfile, Recusal
from mindwell.professionals.tests.factories import (
    ProfessionalProfileFactory,
    application,
    verified,
)
from mindwell.qa.tests.factories import ask

# Whether or not mindwell/urls.py includes this app yet.
pytestmark = pytest.mark.urls("mindwell.professionals.tests.urls_for_tests")

Status = ProfessionalProfile.Status
APPLY = "/professionals/apply/"
STATUS_PAGE = "/professionals/application/"
QUEUE = "/professionals/review/"


def _form(**overrides):
    data = application(**overrides)
    data["expires_on"] = data["expires_on"].isoformat()
    return {**data, "boundaries": "on"}


def test_the_urls_are_where_the_lead_expects_them():
    assert reverse("professionals:apply") == APPLY
    assert reverse("professionals:application") == STATUS_PAGE
    assert reverse("professionals:review_queue") == QUEUE


def test_the_apply_page_shows_the_form_and_the_boundaries(client_for, counselor):
    response = client_for(counselor).get(APPLY)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="license_number"' in page
    assert 'type="date"' in page
    assert "share contact details" in page
    assert "/pages/professional-code/" in page


def test_applying_leaves_a_pending_application_on_the_status_page(client_for, counselor):
    client = client_for(counselor)
    response = client.post(APPLY, _form())
    assert response.status_code == 302
    assert response["Location"] == STATUS_PAGE
    assert ProfessionalProfile.objects.get(member=counselor).status == Status.PENDING
    page = client.get(STATUS_PAGE).content.decode()
    assert "Waiting for a moderator" in page
    assert "California Board of Behavioral Sciences" in page


def test_applying_needs_the_boundaries_promise(client_for, counselor):
    data = _form()
    del data["boundaries"]
    response = client_for(counselor).post(APPLY, data)
    assert response.status_code == 400
    assert not ProfessionalProfile.objects.exists()


def test_applying_with_an_expired_license_is_refused(client_for, counselor):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client_for(counselor).post(APPLY, _form(expires_on=yesterday))
    assert response.status_code == 400
    assert "expired" in response.content.decode()


def test_a_pending_applicant_is_sent_to_the_status_page(client_for, counselor):
    ProfessionalProfileFactory(member=counselor)
    response = client_for(counselor).get(APPLY)
    assert response.status_code == 302
    assert response["Location"] == STATUS_PAGE


def test_visitors_are_asked_to_log_in(client_for, db):
    response = client_for(None).get(APPLY)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_status_page_shows_the_moderators_note(client_for, counselor, moderator):
    ProfessionalProfileFactory(
        member=counselor, status=Status.REJECTED, decision_note="The board has no such number."
    )
    page = client_for(counselor).get(STATUS_PAGE).content.decode()
    assert "The board has no such number." in page
    assert "Apply again" in page


def test_moderators_see_the_verification_queue(client_for, moderator, counselor):
    ProfessionalProfileFactory(member=counselor, license_number="LPC.0042")
    response = client_for(moderator).get(QUEUE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "LPC.0042" in page
    assert 'value="verify"' in page
    assert "csrfmiddlewaretoken" in page


@pytest.mark.parametrize("persona", ["asker", "counselor", "stranger"])
def test_only_moderators_see_the_verification_queue(client_for, persona, request):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(QUEUE).status_code == 403


@pytest.mark.parametrize("action", ["verify", "reject", "revoke"])
@pytest.mark.parametrize("persona", ["asker", "counselor", "stranger"])
def test_only_moderators_decide_through_the_page(client_for, counselor, persona, action, request):
    status = Status.VERIFIED if action == "revoke" else Status.PENDING
    profile = ProfessionalProfileFactory(member=counselor, status=status)
    user = request.getfixturevalue(persona)
    url = reverse("professionals:decide", args=[profile.pk])
    response = client_for(user).post(url, {"action": action, "note": "Because."})
    assert response.status_code == 403
    profile.refresh_from_db()
    assert profile.status == status
    assert not AuditEntry.objects.exists()


def test_a_moderator_verifies_through_the_page(client_for, moderator, counselor):
    profile = ProfessionalProfileFactory(member=counselor)
    url = reverse("professionals:decide", args=[profile.pk])
    response = client_for(moderator).post(url, {"action": "verify", "note": "Checked."})
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?tab=pending"
    profile.refresh_from_db()
    assert profile.status == Status.VERIFIED
    assert AuditEntry.objects.filter(action="professional_verified", actor=moderator).exists()


def test_rejecting_without_a_note_says_why_and_changes_nothing(client_for, moderator, counselor):
    profile = ProfessionalProfileFactory(member=counselor)
    client = client_for(moderator)
    url = reverse("professionals:decide", args=[profile.pk])
    response = client.post(url, {"action": "reject", "note": ""}, follow=True)
    assert "Say why" in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == Status.PENDING


def test_a_moderator_revokes_through_the_page(client_for, moderator, counselor):
    profile = verified(counselor)
    url = reverse("professionals:decide", args=[profile.pk])
    response = client_for(moderator).post(
        url, {"action": "revoke", "note": "Posted a booking link.", "tab": "verified"}
    )
    assert response["Location"] == f"{QUEUE}?tab=verified"
    profile.refresh_from_db()
    assert profile.status == Status.REVOKED
    assert AuditEntry.objects.filter(action="professional_revoked").exists()


def test_decisions_need_post_and_a_csrf_token(moderator, counselor):
    profile = ProfessionalProfileFactory(member=counselor)
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    url = reverse("professionals:decide", args=[profile.pk])
    assert client.get(url).status_code == 405
    assert client.post(url, {"action": "verify"}).status_code == 403
    profile.refresh_from_db()
    assert profile.status == Status.PENDING


def test_a_verified_professional_recuses_from_a_thread(client_for, counselor, asker):
    verified(counselor)
    question = ask(asker)
    client = client_for(counselor)
    url = reverse("professionals:recusal", args=[question.pk])
    response = client.post(url, {"recused": "on"})
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert Recusal.objects.filter(professional=counselor, question=question).exists()
    client.post(url, {"recused": "off"})
    assert not Recusal.objects.exists()


def test_members_without_a_badge_cannot_recuse(client_for, stranger, asker):
    question = ask(asker)
    url = reverse("professionals:recusal", args=[question.pk])
    assert client_for(stranger).post(url, {"recused": "on"}).status_code == 403


def test_the_badge_shows_the_profession_jurisdiction_and_date(counselor):
    profile = verified(counselor, verified_at=dt.datetime(2025, 3, 4, 12, tzinfo=dt.UTC))
    html = render_to_string("professionals/partials/badge.html", {"profile": profile})
    assert "LPC" in html
    assert "Colorado, USA" in html
    assert "verified" in html
    assert "4 Mar 2025" in html


def test_the_answer_footer_says_it_is_not_therapy():
    html = render_to_string("professionals/partials/answer_footer.html")
    assert (
        "This is general information from a verified professional, not counseling, therapy "
        "or a professional relationship." in html
    )


def test_the_recusal_partial_offers_an_undo(rf, counselor, asker):
    question = ask(asker)
    request = rf.get("/")
    html = render_to_string(
        "professionals/partials/recusal.html", {"question": question, "recused": True}, request
    )
    assert "Undo" in html
    assert 'value="off"' in html


def test_the_status_page_shows_a_verified_members_badge(client_for, counselor):
    verified(counselor)
    page = client_for(counselor).get(STATUS_PAGE).content.decode()
    assert "You are verified" in page
    assert 'class="professional-badge"' in page
    assert "Apply again" not in page
