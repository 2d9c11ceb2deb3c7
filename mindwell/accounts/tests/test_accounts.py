import re

from allauth.account.models import EmailAddress
from django.core import mail

from mindwell.accounts.models import User
from mindwell.qa.tests.factories import UserFactory, ask


def _signup(client, email, username="newcomer"):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "username": username,
            "password1": "a quiet harbour 42",
            "password2": "a quiet harbour 42",
            "age": "30",
        },
    )


def test_signup_sends_a_verification_email_and_confirming_allows_login(client, db):
    response = _signup(client, "new@example.org")
    assert response.status_code == 302
    user = User.objects.get(username="newcomer")
    assert user.points == 100
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[0].body)
    assert link
    client.post(link.group(1))
    assert EmailAddress.objects.get(user=user).verified
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "newcomer", "password": "a quiet harbour 42"}
    )
    assert response.status_code == 302


def test_signup_with_a_used_email_does_not_reveal_the_account(client, db):
    existing = UserFactory(username="taken", email="taken@example.org")
    EmailAddress.objects.create(user=existing, email=existing.email, verified=True, primary=True)
    response = _signup(client, "taken@example.org", username="someone")
    page = client.get(response["Location"]).content.decode() if response.status_code == 302 else ""
    assert "already" not in page.lower()
    assert "taken@example.org" not in response.content.decode()
    fresh = _signup(client.__class__(), "fresh@example.org", username="another")
    assert response.status_code == fresh.status_code == 302
    assert response["Location"] == fresh["Location"]


def test_login_failure_message_is_the_same_for_unknown_and_wrong_password(client, db):
    UserFactory(username="known", email="known@example.org")
    wrong = client.post("/accounts/login/", {"login": "known@example.org", "password": "nope nope"})
    unknown = client.post("/accounts/login/", {"login": "ghost@example.org", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 200
    error = re.compile(r"The email address and/or password you specified are not correct")
    assert error.search(wrong.content.decode()) and error.search(unknown.content.decode())


def test_password_reset_does_not_reveal_whether_an_account_exists(client, db):
    UserFactory(username="known", email="known@example.org")
    a = client.post("/accounts/password/reset/", {"email": "known@example.org"})
    b = client.post("/accounts/password/reset/", {"email": "ghost@example.org"})
    assert a.status_code == b.status_code == 302
    assert a["Location"] == b["Location"]


def test_production_hasher_is_argon2(settings):
    from mindwell import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    from django.contrib.auth.hashers import Argon2PasswordHasher

    assert Argon2PasswordHasher().encode("secret", "somesaltvalue").startswith("argon2$argon2id$")


def test_email_addresses_are_never_shown_on_profiles(client, category):
    pat = UserFactory(username="private", email="private@example.org", display_name="Pat")
    ask(pat, category=category, title="A question Pat signed with a name")
    page = client.get("/users/private/").content.decode()
    assert "Pat" in page and "private@example.org" not in page
    assert "private@example.org" not in client.get("/users/").content.decode()


def test_profile_edit_changes_the_display_name(client_for, asker):
    client = client_for(asker)
    response = client.post("/account/profile/", {"display_name": "  Alice   B. ", "about": "Hi"})
    assert response.status_code == 302
    asker.refresh_from_db()
    assert asker.display_name == "Alice B."


def test_reserved_usernames_are_refused(client, db):
    response = _signup(client, "a@example.org", username="admin")
    assert response.status_code == 200
    assert "reserved" in response.content.decode()


def test_account_emails_greet_with_the_site_name_not_the_host(client, db, settings):
    settings.SITE_NAME = "Harbour Q&A"
    settings.SITE_URL = "http://127.0.0.1:8101"
    _signup(client, "greet@example.org", username="greeted")
    body = mail.outbox[0].body
    assert body.startswith("Hello from Harbour Q&A!")
    assert "Hello from testserver" not in body
    assert "http://127.0.0.1:8101/" in body  # where notification emails point too


def test_account_emails_follow_the_site_name_set_in_the_admin(client, db):
    from mindwell.core import runtime

    runtime.save(values={"general.site_name": "Quiet Harbour"})
    _signup(client, "named@example.org", username="named")
    message = mail.outbox[0]
    assert message.subject.startswith("[Quiet Harbour] ")
    assert message.body.startswith("Hello from Quiet Harbour!")
