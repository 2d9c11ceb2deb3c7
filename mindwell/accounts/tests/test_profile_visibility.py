"""Joining is not made public: a member appears only after signing a post with their name."""

from mindwell.accounts.models import User
from mindwell.qa.tests.factories import UserFactory, answer, ask


def test_a_member_who_never_posted_publicly_has_no_profile_and_no_row(client, category, db):
    UserFactory(username="quietone")
    shy = UserFactory(username="onlyanon")
    ask(shy, category=category, anonymous=True, title="Asked without my name showing")
    assert client.get("/users/quietone/").status_code == 404
    assert client.get("/users/onlyanon/").status_code == 404
    listing = client.get("/users/").content.decode()
    assert "quietone" not in listing and "onlyanon" not in listing
    assert client.get("/users/nobody-at-all/").status_code == 404


def test_a_member_who_signed_a_post_is_public(client, category, asker, db):
    q = ask(asker, category=category)
    helper = UserFactory(username="helperone")
    answer(q, helper, body="What helped me was writing things down.")
    assert client.get(f"/users/{helper.username}/").status_code == 200
    assert "helperone" in client.get("/users/").content.decode()


def test_members_see_their_own_profile_and_moderators_see_everyone(client_for, db):
    quiet = UserFactory(username="quietone")
    assert client_for(quiet).get("/users/quietone/").status_code == 200
    moderator = UserFactory(username="mod", level=User.Level.MODERATOR)
    assert client_for(moderator).get("/users/quietone/").status_code == 200
