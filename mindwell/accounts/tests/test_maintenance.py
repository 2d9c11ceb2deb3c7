"""Maintenance mode: every page says so, everyone can read, members and visitors cannot
write (a clear 503, nothing saved), admins keep full access; switching it on shows at once
on pages drawn for many."""

import pytest

from mindwell.core.models import SiteConfiguration
from mindwell.qa.models import Answer
from mindwell.qa.tests.factories import UserFactory, ask

BODY = {"body": "Taking a short walk before replying helped us both calm down."}


@pytest.fixture
def maintenance(db):
    config = SiteConfiguration.load()
    config.maintenance = True
    config.maintenance_message = "back by 18:00 UTC"
    config.save()


def test_reading_works_and_writing_is_paused_for_all_but_admins(
    client, client_for, asker, category
):
    q = ask(asker, category=category)
    before = client.get(q.get_absolute_url()).content.decode()  # a visitor's cached copy
    assert "posting is paused" not in before
    config = SiteConfiguration.load()
    config.maintenance, config.maintenance_message = True, "back by 18:00 UTC"
    config.save()
    page = client.get(q.get_absolute_url())
    assert page.status_code == 200
    assert "Maintenance: you can read, but posting is paused (back by 18:00 UTC)." in (
        page.content.decode()
    )
    member = client_for(UserFactory())
    refused = member.post(f"/questions/{q.pk}/answers/", BODY)
    assert refused.status_code == 503 and refused["Retry-After"]
    assert "you can read, but not post or change anything (back by 18:00 UTC)" in (
        refused.content.decode()
    )
    assert client.post(f"/questions/{q.pk}/answers/", BODY).status_code == 503
    assert not Answer.objects.exists()
    admin = client_for(UserFactory(level="admin"))
    assert admin.post(f"/questions/{q.pk}/answers/", BODY).status_code == 302
    assert Answer.objects.count() == 1


def test_logging_in_stays_open(client, maintenance):
    response = client.post("/accounts/login/", {"login": "nobody", "password": "wrong-pass"})
    assert response.status_code == 200  # the form answers (wrong password), not a 503


def test_api_writes_during_maintenance_are_a_problem_with_retry_after(maintenance, asker, category):
    import json

    from django.test import Client

    from mindwell.accounts import tokens

    q = ask(asker, category=category)
    _, secret = tokens.create_api_token(
        user=asker, name="Script", scopes=["write"], expires_in_days=None
    )
    refused = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").post(
        f"/api/v1/questions/{q.pk}/answers", json.dumps(BODY), content_type="application/json"
    )
    assert refused.status_code == 503 and refused["Retry-After"] == "600"
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["detail"].startswith("The site is in maintenance")
    assert not Answer.objects.exists()


def test_an_admins_token_writes_during_maintenance_as_the_admins_session_does(
    maintenance, client_for, asker, category
):
    import json

    from django.test import Client

    from mindwell.accounts import tokens

    q = ask(asker, category=category)
    admin = UserFactory(level="admin")
    _, secret = tokens.create_api_token(
        user=admin, name="Script", scopes=["read", "write"], expires_in_days=None
    )
    url = f"/api/v1/questions/{q.pk}/answers"
    by_token = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").post(
        url, json.dumps(BODY), content_type="application/json"
    )
    assert by_token.status_code == 201, by_token.content
    by_session = client_for(admin).post(url, json.dumps(BODY), content_type="application/json")
    assert by_session.status_code == 201, by_session.content
    # A member's token is still paused, even beside an admin's session cookie.
    _, members = tokens.create_api_token(
        user=UserFactory(), name="Script", scopes=["write"], expires_in_days=None
    )
    mixed = client_for(admin)
    refused = mixed.post(
        url,
        json.dumps(BODY),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {members}",
    )
    assert refused.status_code == 503
    assert Answer.objects.count() == 2
