"""List sizes and view counting an owner sets in the admin, as a visitor meets them."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from mindwell.core.tests.admin_settings import admin_client, owner, set_in_admin
from mindwell.qa.models import Question
from mindwell.qa.tests.factories import UserFactory, ask

__all__ = ["admin_client", "owner"]  # fixtures


def test_lists_show_the_admins_page_size_at_once(admin_client, client, asker, category):
    for n in range(8):
        ask(asker, category=category, title=f"How do I rest on a busy week, part {n}?")
    before = client.get("/questions/").content.decode()  # drawn and cached for visitors
    assert before.count("busy week, part") == 8
    set_in_admin(admin_client, **{"lists.page_size": 5})
    page = client.get("/questions/").content.decode()
    assert page.count("busy week, part") == 5
    assert "?page=2" in page
    second = client.get("/questions/?page=2").content.decode()
    assert second.count("busy week, part") == 3


def test_the_view_window_follows_the_admin(admin_client, client_for, asker, category):
    q = ask(asker, category=category)
    set_in_admin(admin_client, **{"viewing.view_count_window": 600})
    reader = client_for(UserFactory())
    reader.get(q.get_absolute_url())
    reader.get(q.get_absolute_url())  # a reload within the window adds nothing
    assert Question.objects.get(pk=q.pk).view_count == 1
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        reader.get(q.get_absolute_url())  # 11 minutes on: a new view (not within the hour)
    assert Question.objects.get(pk=q.pk).view_count == 2
