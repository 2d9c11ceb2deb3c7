"""Member settings an owner changes in the admin: the youngest age to join, the member
list's page size."""

from mindwell.accounts.models import User
from mindwell.accounts.tests.factories import UserFactory
from mindwell.core.tests.admin_settings import admin_client, owner, set_in_admin
from mindwell.qa.tests.factories import ask

__all__ = ["admin_client", "owner"]  # fixtures


def _signup(client, age):
    data = {
        "email": "newcomer@example.org",
        "username": "newcomer",
        "age": age,
        "password1": "a quiet harbour 42",
        "password2": "a quiet harbour 42",
    }
    return client.post("/accounts/signup/", data)


def test_the_youngest_age_to_join_follows_the_admin(admin_client, client):
    set_in_admin(admin_client, **{"users.minimum_age": 18})
    refused = _signup(client, "17")
    assert "you need to be at least 18 to join Mindwell." in refused.content.decode()
    assert not User.objects.filter(username="newcomer").exists()
    assert _signup(client, "18").status_code == 302


def test_the_age_can_never_be_set_below_13(admin_client):
    from mindwell.core.tests.admin_settings import change

    response = change(admin_client, **{"users.minimum_age": 12})
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 13." in response.content.decode()


def test_the_member_list_pages_by_the_admins_size(admin_client, client, category):
    for n in range(12):  # the list shows members with a public post
        ask(UserFactory(username=f"member-{n:02}"), category=category, title=f"Calm nights {n}?")
    set_in_admin(admin_client, **{"lists.members_page_size": 10})
    page = client.get("/users/").content.decode()
    assert page.count('href="/users/member-') == 10
    assert "?page=2" in page
