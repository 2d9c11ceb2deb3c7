import re
from datetime import UTC, datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django import forms
from django.core import mail
from django.test import Client

from mindwell.accounts.models import User
from mindwell.core.honeypot import HoneypotFormMixin
from mindwell.qa.tests.factories import UserFactory

TEN_37 = datetime(2026, 3, 2, 10, 37, tzinfo=UTC)
GENERIC_ERROR = "Something went wrong; please try again."


@pytest.fixture
def clock():
    with time_machine.travel(TEN_37, tick=False) as traveller:
        yield traveller


def _visitor(ip="203.0.113.7"):
    return Client(REMOTE_ADDR=ip)


def _signup(client, n, **extra):
    data = {
        "email": f"newcomer{n}@example.org",
        "username": f"newcomer{n}",
        "password1": "a quiet harbour 42",
        "password2": "a quiet harbour 42",
        "age": "30",
        **extra,
    }
    return client.post("/accounts/signup/", data)


def _login(client, password="not the password"):
    return client.post("/accounts/login/", {"login": "alice", "password": password})


# Sign-ups ---------------------------------------------------------------------


def test_a_sixth_sign_up_from_one_address_in_an_hour_is_refused_with_a_clear_429(db, clock):
    for n in range(5):
        assert _signup(_visitor(), n).status_code == 302
    response = _signup(_visitor(), 5)
    assert response.status_code == 429
    assert response["Retry-After"] == str(23 * 60)
    page = response.content.decode()
    assert "Too many requests" in page
    assert "reached the limit of 5 sign-ups an hour. Please try again in 23 minutes." in page
    assert User.objects.count() == 5
    assert len(mail.outbox) == 5


def test_sign_ups_from_another_address_are_still_welcome(db, clock):
    for n in range(5):
        _signup(_visitor(), n)
    assert _signup(_visitor("198.51.100.2"), 5).status_code == 302
    assert User.objects.filter(username="newcomer5").exists()


def test_the_sign_up_limit_lifts_when_the_hour_is_over(db, clock):
    for n in range(5):
        _signup(_visitor(), n)
    assert _signup(_visitor(), 5).status_code == 429
    clock.move_to(datetime(2026, 3, 2, 11, 0, 5, tzinfo=UTC))
    assert _signup(_visitor(), 5).status_code == 302


def test_a_mistyped_sign_up_does_not_use_one_up(db, clock):
    for n in range(3):
        mistyped = _signup(_visitor(), n, password2="a quiet harbour 24")
        assert mistyped.status_code == 200
    for n in range(5):
        assert _signup(_visitor(), n).status_code == 302


def test_a_sign_up_with_a_known_email_counts_like_any_other(db, clock):
    existing = UserFactory(username="taken", email="taken@example.org")
    EmailAddress.objects.create(user=existing, email=existing.email, verified=True, primary=True)
    for n in range(5):
        response = _signup(_visitor(), n, email="taken@example.org")
        assert response.status_code == 302
    assert _signup(_visitor(), 9).status_code == 429
    assert not User.objects.filter(username__startswith="newcomer").exists()


def test_a_sign_up_that_slipped_past_the_early_check_is_still_refused_when_saving(
    db, clock, monkeypatch
):
    # As when two forms are submitted at the same moment: both pass the early check.
    monkeypatch.setattr("mindwell.core.ratelimit.check", lambda *args, **kwargs: None)
    for n in range(5):
        _signup(_visitor(), n)
    response = _signup(_visitor(), 5)
    assert response.status_code == 429
    assert response["Retry-After"] == str(23 * 60)
    assert "limit of 5 sign-ups an hour" in response.content.decode()
    assert not User.objects.filter(username="newcomer5").exists()


def test_the_sign_up_page_still_opens_when_the_limit_is_reached(db, clock):
    for n in range(5):
        _signup(_visitor(), n)
    assert _visitor().get("/accounts/signup/").status_code == 200


# Log-ins ----------------------------------------------------------------------


def test_a_twenty_first_log_in_attempt_from_one_address_is_refused_with_a_429(db, clock):
    UserFactory(username="alice")
    client = _visitor()
    for _ in range(20):
        assert _login(client).status_code == 200
    response = _login(client, password="a-long-test-password")
    assert response.status_code == 429
    assert response["Retry-After"] == str(23 * 60)
    assert (
        "This network has reached the limit of 20 log-in attempts an hour. "
        "Please try again in 23 minutes." in response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_log_in_attempts_from_another_address_are_not_held_back(db, clock):
    UserFactory(username="alice")
    for _ in range(20):
        _login(_visitor())
    assert _login(_visitor("198.51.100.2")).status_code == 200


def test_log_ins_work_again_in_the_next_hour(db, clock):
    UserFactory(username="alice")
    for _ in range(20):
        _login(_visitor())
    assert _login(_visitor()).status_code == 429
    clock.move_to(datetime(2026, 3, 2, 11, 0, 5, tzinfo=UTC))
    assert _login(_visitor()).status_code == 200


# Honeypot ---------------------------------------------------------------------


def test_the_honeypot_is_on_the_sign_up_form_but_hidden_from_people(client, db):
    page = client.get("/accounts/signup/").content.decode()
    trap = re.search(r'<span class="hp-field">(.*?)</span>', page, re.S)
    assert trap, "the honeypot's hidden wrapper"
    assert '<label for="id_website">Please leave this field empty.</label>' in trap.group(1)
    field = re.search(r"<input[^>]*name=\"website\"[^>]*>", trap.group(1)).group(0)
    assert 'tabindex="-1"' in field
    assert 'autocomplete="off"' in field
    assert 'type="text"' in field
    assert page.count('name="website"') == 1


def test_a_filled_honeypot_creates_no_account_and_says_only_that_something_went_wrong(client, db):
    response = _signup(client, 1, website="http://cheap-pills.example")
    assert response.status_code == 200
    page = response.content.decode()
    assert GENERIC_ERROR in page
    assert "honeypot" not in page.lower()
    assert "cheap-pills" not in page
    assert not User.objects.exists()
    assert mail.outbox == []


def test_an_empty_honeypot_lets_a_person_sign_up(client, db):
    assert _signup(client, 1, website="").status_code == 302
    assert User.objects.filter(username="newcomer1").exists()


def test_the_honeypot_mixin_guards_any_form():
    class ContactForm(HoneypotFormMixin, forms.Form):
        message = forms.CharField()

    assert ContactForm({"message": "Hello"}).is_valid()
    trapped = ContactForm({"message": "Hello", "website": "x"})
    assert not trapped.is_valid()
    assert trapped.non_field_errors() == [GENERIC_ERROR]
    assert trapped.errors.keys() == {"__all__"}
