"""Privileges and the points formula an owner changes in the admin: audited from what to
what, and applied to what members may do."""

from mindwell.audit.models import AuditEntry
from mindwell.core.tests.admin_settings import admin_client, owner, set_in_admin
from mindwell.qa.tests.factories import UserFactory, answer, ask
from mindwell.reputation.models import PRESETS, PrivilegeTable
from mindwell.reputation.services import recount_points

__all__ = ["admin_client", "owner"]  # fixtures


def test_a_privilege_change_is_audited_from_what_to_what(admin_client, client_for, asker, category):
    q = ask(asker, category=category)
    a = answer(q, UserFactory(), body="A short walk after dinner helps me sort things out.")
    voter = client_for(UserFactory(points=150))
    table = PrivilegeTable.load()
    url = f"/admin/reputation/privilegetable/{table.pk}/change/"
    data = {"preset": "custom", **PRESETS["small"], "vote_down": 140}
    assert admin_client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action="admin_change_privilegetable")
    assert entry.reason == "preset: small → custom, vote_down: 120 → 140"
    assert voter.post(f"/vote/answer/{a.pk}/", {"value": "down"}).status_code == 302
    data["vote_down"] = 160
    admin_client.post(url, data)
    down = client_for(UserFactory(points=150)).post(f"/vote/answer/{a.pk}/", {"value": "down"})
    assert down.status_code == 403
    assert "You need 160 points to vote down." in down.content.decode()


def test_recount_applies_a_new_multiple_to_existing_totals(admin_client, asker, category):
    writer = UserFactory()
    answer(ask(asker, category=category), writer)
    writer.refresh_from_db()
    assert writer.points == 100 + 10 * 4
    set_in_admin(admin_client, **{"points.multiple": 3, "points.base": 50})
    recount_points(user_ids=[writer.pk])
    writer.refresh_from_db()
    assert writer.points == 50 + 3 * 4
