"""One vocabulary everywhere: the account pages say "Log in", "Sign up" and "Log out" as the
header does, never allauth's "Sign In", "Sign Up", "Login" or "Sign Out"."""

import re

import pytest

from mindwell.qa.tests.factories import UserFactory

ALLAUTH_WORDS = re.compile(r"\b(Sign In|Sign Up|Signup|Sign Out|sign in|Login:?|Remember Me)\b")


def _words(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_visitor_account_pages_use_the_sites_words(client, db, path):
    text = _words(client.get(path).content.decode())
    assert not ALLAUTH_WORDS.search(text), ALLAUTH_WORDS.search(text)
    assert "Log in" in text and "Sign up" in text


def test_the_log_in_form_and_log_out_page_use_them_too(client, client_for, db):
    login = client.get("/accounts/login/").content.decode()
    assert 'placeholder="Username or email"' in login and "Keep me logged in" in login
    assert 'No account yet? <a href="/accounts/signup/">Sign up</a> first.' in login
    signup = client.get("/accounts/signup/").content.decode()
    assert 'Already have an account? <a href="/accounts/login/">Log in</a>.' in signup
    page = _words(client_for(UserFactory()).get("/accounts/logout/").content.decode())
    assert "Log out" in page and not ALLAUTH_WORDS.search(page)
