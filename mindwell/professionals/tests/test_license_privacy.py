"""License numbers are kept in full only while an application is pending: after a
decision the row holds a keyed hash and the last 4 characters (licenses.py)."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from mindwell.audit.models import AuditEntry
from mindwell.professionals import licenses, services
from mindwell.professionals.models import ProfessionalProfile
from mindwell.professionals.tests.factories import ProfessionalProfileFactory, application

pytestmark = pytest.mark.urls("mindwell.professionals.tests.urls_for_tests")

Status = ProfessionalProfile.Status
NUMBER = "LMFT-987654"
QUEUE = "/professionals/review/"


def _row(profile):
    """Every column of the profile's row, as the database holds it."""
    table = ProfessionalProfile._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{table}" WHERE id = %s', [profile.pk])  # noqa: S608
        return [str(value) for value in cursor.fetchone()]


def _apply(member, number=NUMBER):
    return services.apply_as_professional(member=member, **application(license_number=number))


def _holds_number(values, number=NUMBER):
    plain = licenses.normalise(number)
    return any(number in v or plain in licenses.normalise(v) for v in values)


def test_a_pending_application_keeps_the_full_number_for_the_moderator(
    counselor, client_for, moderator
):
    profile = _apply(counselor)
    assert profile.license_number == NUMBER
    assert (profile.license_hash, profile.license_last4) == ("", "")
    page = client_for(moderator).get(QUEUE).content.decode()
    assert NUMBER in page


def test_after_verification_the_row_no_longer_holds_the_number(counselor, moderator):
    profile = _apply(counselor)
    services.verify_application(moderator=moderator, application=profile, note="Checked.")
    profile.refresh_from_db()
    assert profile.status == Status.VERIFIED
    assert profile.license_number == ""
    assert profile.license_last4 == "7654"
    assert profile.license_hash == licenses.license_hash(NUMBER)
    assert len(profile.license_hash) == 64
    assert not _holds_number(_row(profile))
    entries = AuditEntry.objects.values_list("target_label", "reason")
    assert not _holds_number([v for entry in entries for v in entry])


def test_after_rejection_the_number_is_cleared_too(counselor, moderator):
    profile = _apply(counselor)
    services.reject_application(moderator=moderator, application=profile, note="No such number.")
    profile.refresh_from_db()
    assert profile.status == Status.REJECTED
    assert (profile.license_number, profile.license_last4) == ("", "7654")
    assert not _holds_number(_row(profile))


@pytest.mark.parametrize("tab", ["verified", "decided"])
def test_moderators_see_the_last_4_characters_after_a_decision(
    client_for, counselor, moderator, tab
):
    profile = _apply(counselor)
    action = "verify" if tab == "verified" else "reject"
    client = client_for(moderator)
    url = reverse("professionals:decide", args=[profile.pk])
    client.post(url, {"action": action, "note": "Checked with the board."})
    page = client.get(f"{QUEUE}?tab={tab}").content.decode()
    assert f"application-{profile.pk}" in page
    assert "…7654" in page
    assert NUMBER not in page and "987654" not in page
    status_page = client_for(counselor).get("/professionals/application/").content.decode()
    assert "…7654" in status_page and "987654" not in status_page


def test_a_reapplication_with_the_same_number_is_matched_by_hash(counselor, moderator):
    first = _apply(counselor)
    services.reject_application(moderator=moderator, application=first, note="Not found.")
    first.refresh_from_db()
    again = _apply(counselor, number="lmft 987654")  # same license, written differently
    assert services.license_matches(first, again.license_number)
    assert services.license_matches(first, NUMBER)
    assert services.license_matches(again, NUMBER)  # pending: compared in full
    assert not services.license_matches(first, "LMFT-987655")
    assert not services.license_matches(first, "")
    assert (
        ProfessionalProfile.objects.filter(
            license_hash=licenses.license_hash(again.license_number)
        ).get()
        == first
    )


def test_the_hash_is_keyed_by_the_secret_key(settings):
    digest = licenses.license_hash(NUMBER)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert licenses.license_hash(NUMBER) != digest


def test_the_admin_shows_the_last_4_and_finds_a_decided_application_by_number(
    client_for, counselor, moderator
):
    from mindwell.qa.tests.factories import UserFactory

    admin_user = UserFactory(username="root", is_staff=True, is_superuser=True)
    profile = _apply(counselor)
    services.verify_application(moderator=moderator, application=profile)
    client = client_for(admin_user)
    change = client.get(f"/admin/professionals/professionalprofile/{profile.pk}/change/")
    assert change.status_code == 200
    html = change.content.decode()
    assert "…7654" in html and "987654" not in html
    found = client.get("/admin/professionals/professionalprofile/", {"q": "LMFT 987654"})
    assert f"/admin/professionals/professionalprofile/{profile.pk}/change/" in (
        found.content.decode()
    )


def test_the_data_migration_hashes_decided_applications_only(counselor, stranger):
    decided = ProfessionalProfileFactory(
        member=counselor, status=Status.VERIFIED, license_number="LPC.0000042"
    )
    pending = ProfessionalProfileFactory(member=stranger, license_number="LPC.0000043")
    migration = importlib.import_module(
        "mindwell.professionals.migrations.0003_hash_decided_license_numbers"
    )
    migration.seal(apps, None)
    decided.refresh_from_db()
    pending.refresh_from_db()
    assert decided.license_number == ""
    assert decided.license_last4 == "0042"
    assert services.license_matches(decided, "LPC.0000042")
    assert not _holds_number(_row(decided), "LPC.0000042")
    assert pending.license_number == "LPC.0000043"
    assert pending.license_hash == ""
