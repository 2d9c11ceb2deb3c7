"""Points are exact where a change of +20 must show (below 10,000), compact above with the
exact figure in a tooltip: on the profile, the member list and beside posts."""

from mindwell.accounts.models import User
from mindwell.qa.tests.factories import UserFactory, ask


def test_points_are_exact_below_ten_thousand_and_exact_in_the_title_above(client, category):
    modest = UserFactory(username="modest", display_name="Modest")
    busy = UserFactory(username="busy", display_name="Busy")
    ask(modest, category=category, title="How do I keep a routine when grieving?")
    q = ask(busy, category=category, title="Is it normal to miss an ex years later?")
    User.objects.filter(pk=modest.pk).update(points=1020)
    User.objects.filter(pk=busy.pk).update(points=12_345)
    profile = client.get(modest.get_absolute_url()).content.decode()
    assert ">1,020<" in profile and ">1k<" not in profile  # (a CSRF token may hold "1k")
    busy_profile = client.get(busy.get_absolute_url()).content.decode()
    assert 'title="12,345 points">12k<' in busy_profile
    members = client.get("/users/").content.decode()
    assert ">1,020</span> points" in members and 'title="12,345 points">12k<' in members
    assert 'title="12,345 points">12k<' in client.get(q.get_absolute_url()).content.decode()
