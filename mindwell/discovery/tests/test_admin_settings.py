"""The feed length an owner sets in the admin is what a feed reader gets."""

from mindwell.core.tests.admin_settings import admin_client, owner, set_in_admin
from mindwell.qa.tests.factories import ask

__all__ = ["admin_client", "owner"]  # fixtures


def test_feeds_carry_the_admins_number_of_items(admin_client, client, asker, category):
    for n in range(4):
        ask(asker, category=category, title=f"How do I rest on a busy week, part {n}?")
    assert client.get("/feeds/questions/").content.decode().count("<item>") == 4
    set_in_admin(admin_client, **{"feeds.items": 2, "general.site_name": "Calm Harbour"})
    feed = client.get("/feeds/questions/").content.decode()
    assert feed.count("<item>") == 2
    assert "part 3" in feed and "part 1" not in feed  # the newest
    assert "<title>Calm Harbour: recent questions</title>" in feed
    assert client.get("/feeds/questions/atom/").content.decode().count("<entry>") == 2
