"""The age question on the sign-up form: checked, kind, never stored."""

import re

import pytest
from django.core import mail

from mindwell.accounts.models import User
from mindwell.accounts.signup import SignupForm

TOO_YOUNG = "Sorry — you need to be at least {} to join Mindwell."
HELP = "If you need to talk to someone now, see Get help now."


def _signup(client, age, *, n=1, **extra):
    data = {
        "email": f"newcomer{n}@example.org",
        "username": f"newcomer{n}",
        "age": age,
        "password1": "a quiet harbour 42",
        "password2": "a quiet harbour 42",
        **extra,
    }
    return client.post("/accounts/signup/", data)


def test_the_form_asks_for_the_age_between_the_username_and_the_password(client, db):
    assert list(SignupForm().fields)[:5] == ["email", "username", "age", "password1", "password2"]
    page = client.get("/accounts/signup/").content.decode()
    assert "How old are you?" in page
    assert page.index('name="username"') < page.index('name="age"') < page.index('name="password1"')


@pytest.mark.parametrize("age", ["15", "12", "0"])
def test_someone_under_16_is_refused_kindly_and_pointed_to_help(client, db, age):
    response = _signup(client, age)
    assert response.status_code == 200
    page = response.content.decode()
    assert TOO_YOUNG.format(16) in page
    assert HELP in page
    assert not User.objects.exists()
    assert mail.outbox == []


def test_someone_who_is_16_can_join_and_their_age_is_not_kept(client, db):
    assert _signup(client, "16").status_code == 302
    user = User.objects.get(username="newcomer1")
    assert "age" not in {f.name for f in User._meta.get_fields()}
    assert not hasattr(user, "age")


def test_the_minimum_age_follows_the_setting(client, db, settings):
    settings.MINIMUM_AGE = 18
    assert TOO_YOUNG.format(18) in _signup(client, "17").content.decode()
    assert _signup(client, "18").status_code == 302


def test_nobody_under_13_may_join_whatever_the_setting_says(client, db, settings):
    settings.MINIMUM_AGE = 10
    assert TOO_YOUNG.format(13) in _signup(client, "12").content.decode()
    assert not User.objects.exists()
    assert _signup(client, "13").status_code == 302


def test_the_age_must_be_given(client, db):
    response = _signup(client, "")
    assert response.status_code == 200
    assert re.search(r"This field is required", response.content.decode())
    assert not User.objects.exists()


def test_the_honeypot_still_catches_a_bot_that_gives_an_age(client, db):
    response = _signup(client, "30", website="http://cheap-pills.example")
    assert "Something went wrong; please try again." in response.content.decode()
    assert not User.objects.exists()
