"""Email settings an owner changes in the admin: the default for members who chose
nothing, and the site name and subject line of what the real mail server receives."""

import pytest

from mindwell.core.tests.admin_settings import admin_client, owner, set_in_admin
from mindwell.notifications.models import OutboundEmail
from mindwell.qa.tests.factories import CategoryFactory, UserFactory, answer, ask

__all__ = ["admin_client", "owner"]  # fixtures

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_site_name_and_subject_prefix_reach_the_mail_server(
    admin_client, smtp_server, run_worker
):
    asker = UserFactory(username="asker", email="asker@example.org")
    set_in_admin(admin_client, **{"general.site_name": "Calm Harbour"})
    q = ask(asker, category=CategoryFactory(), title="How do I sleep after a breakup?")
    answer(q, UserFactory(display_name="Helper"), body="Keep a routine, even a small one.")
    run_worker()
    set_in_admin(admin_client, **{"emails.subject_prefix": "[Harbour notes]"})
    answer(q, UserFactory(display_name="Other"), body="A walk at dusk helps me unwind.")
    run_worker()
    subjects = sorted(message["Subject"] for message in smtp_server.messages)
    assert subjects == [
        "[Calm Harbour] Helper answered: How do I sleep after a breakup?",
        "[Harbour notes] Other answered: How do I sleep after a breakup?",
    ]
    text = smtp_server.messages[0].get_payload(0).get_payload(decode=True).decode()
    assert "Calm Harbour" in text


def test_members_who_chose_nothing_get_the_admins_default(
    admin_client, client_for, smtp_server, run_worker
):
    asker = UserFactory(username="asker", email="asker@example.org")
    set_in_admin(admin_client, **{"emails.default_mode": "off"})
    page = client_for(asker).get("/account/notifications/").content.decode()
    assert 'name="mode_new_answer" value="off" checked' in page
    q = ask(asker, category=CategoryFactory())
    answer(q, UserFactory(), body="Keep a routine, even a small one.")
    run_worker()
    assert smtp_server.messages == []
    assert not OutboundEmail.objects.exists()
