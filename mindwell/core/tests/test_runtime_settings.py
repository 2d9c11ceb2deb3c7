"""Run-time settings: one admin page grouped as Question2Answer groups its options; each
value validated, audited and read by the code a member meets (core/runtime.py)."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as FormError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from mindwell.audit.models import AuditEntry
from mindwell.core import runtime
from mindwell.core.admin import field_name
from mindwell.core.models import SiteConfiguration
from mindwell.core.tests.admin_settings import URL, admin_client, change, owner

__all__ = ["admin_client", "owner"]  # fixtures


def test_the_admin_page_shows_every_setting_by_q2a_group(admin_client):
    listing = admin_client.get("/admin/core/siteconfiguration/")
    assert listing.status_code == 302 and listing["Location"] == URL  # one configuration
    page = admin_client.get(URL).content.decode()
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", page)
    groups = [h.strip() for h in headings if h.strip() in runtime.GROUPS.values()]
    assert groups == list(runtime.GROUPS.values())
    for declared in runtime.registered():
        assert f'name="{field_name(declared.key)}"' in page, declared.key
    assert "Reputation › Privileges" in page  # the privilege table, pointed to


def test_a_visitor_sees_the_new_site_name_at_once_and_the_change_is_audited(
    admin_client, client, owner
):
    assert ">Mindwell</a>" in client.get("/").content.decode()  # a visitor's cached page
    response = change(admin_client, **{"general.site_name": "Calm Harbour"})
    assert response.status_code == 302
    home = client.get("/").content.decode()
    assert ">Calm Harbour</a>" in home and ">Mindwell</a>" not in home
    entry = AuditEntry.objects.get(action="setting_changed")
    assert entry.actor == owner
    assert entry.target_label == "Site name (general.site_name)"
    assert entry.reason == "Mindwell → Calm Harbour"
    assert AuditEntry.objects.filter(action="setting_changed").count() == 1  # only what changed


def test_the_tagline_titles_the_home_page(admin_client, client):
    change(admin_client, **{"general.tagline": "Talk it through, kindly"})
    home = client.get("/").content.decode()
    assert "<title>Talk it through, kindly · Mindwell</title>" in home
    assert '<meta name="description" content="Talk it through, kindly">' in home


def test_bad_values_are_refused_with_a_clear_message_and_nothing_is_saved(admin_client):
    response = change(
        admin_client,
        **{
            "general.site_name": "Not saved",
            "posting.title_min": 120,
            "posting.title_max": 80,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This is longer than the longest title (80 characters)." in page
    response = change(admin_client, **{"posting.max_tags": 9})
    assert "Ensure this value is less than or equal to 6." in response.content.decode()
    response = change(admin_client, **{"general.site_name": "  "})
    assert "This field is required." in response.content.decode()
    assert runtime.get("general.site_name") == "Mindwell"
    assert runtime.get("posting.title_min") == 10
    assert not AuditEntry.objects.filter(action="setting_changed").exists()


def test_only_values_that_differ_from_the_default_are_stored(admin_client, settings):
    change(admin_client, **{"lists.page_size": 7})
    assert SiteConfiguration.load().overrides == {"lists.page_size": 7}
    change(admin_client, **{"lists.page_size": 20})  # back to the default
    assert SiteConfiguration.load().overrides == {}
    settings.PAGE_SIZE = 25  # so the settings file decides again
    assert runtime.get("lists.page_size") == 25


def test_a_stored_value_that_no_longer_fits_falls_back_to_the_default(db):
    config = SiteConfiguration.load()
    config.overrides = {"posting.max_tags": 40, "feeds.items": "many"}
    config.save()
    assert runtime.get("posting.max_tags") == 5
    assert runtime.get("feeds.items") == 30


def test_save_from_code_validates_and_announces_the_change(db, owner):
    with pytest.raises(FormError) as refused:
        runtime.save(values={"points.multiple": 0, "emails.default_mode": "hourly"}, actor=owner)
    assert set(refused.value.message_dict) == {"points.multiple", "emails.default_mode"}
    found = runtime.save(values={"points.multiple": 5}, actor=owner)
    assert found == [("points.multiple", "Multiply every part by", 10, 5)]
    assert AuditEntry.objects.get(action="setting_changed").reason == "10 → 5"
    with pytest.raises(ImproperlyConfigured):
        runtime.get("no.such.setting")


def test_reading_settings_adds_no_query_once_the_site_row_is_cached(db, django_assert_num_queries):
    runtime.current()
    with django_assert_num_queries(0):
        runtime.current()
        runtime.get("general.site_name")


def test_every_setting_is_in_the_readme_table():
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    start = readme.index("<!-- site-settings-table")
    table = readme[start : readme.index("<!-- /site-settings-table -->")]
    documented = set(re.findall(r"^\| [^|]+ \| [^|]+ \| `([a-z_.]+)` \|", table, re.M))
    assert documented == {declared.key for declared in runtime.registered()}
    for declared in runtime.registered():
        assert f"| {declared.label} | `{declared.key}` |" in table


def test_the_command_lists_changes_and_refuses_bad_values(db):
    out = StringIO()
    call_command(
        "site_settings", "--set", "feeds.items=12", "--set", "spam.vote_per_ip=none", stdout=out
    )
    assert sorted(out.getvalue().splitlines()) == [
        "feeds.items: 30 -> 12",
        "spam.vote_per_ip: 600 -> no limit",
    ]
    assert runtime.get("spam.vote_per_ip") is None
    entry = AuditEntry.objects.filter(action="setting_changed").first()
    assert entry.actor_name == "system"
    with pytest.raises(
        CommandError, match=r"feeds\.items: Ensure this value is less than or equal"
    ):
        call_command("site_settings", "--set", "feeds.items=500")
    with pytest.raises(CommandError, match="No run-time setting"):
        call_command("site_settings", "--set", "feeds.colour=blue")
    assert runtime.get("feeds.items") == 12


def test_a_request_reads_the_shared_cache_once_and_a_save_refreshes_it(db, monkeypatch):
    SiteConfiguration.load()  # the row exists (made on first use)
    loads = []
    real_load = SiteConfiguration.load

    def counted_load():
        loads.append(1)
        return real_load()

    monkeypatch.setattr(SiteConfiguration, "load", counted_load)
    # As Django's test client does: the signal, without closing the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        for _ in range(50):  # a question page asks about voting once per post
            assert runtime.get("permissions.vote_down") is True
        assert runtime.get("feeds.items") == 30
        assert len(loads) == 1
        runtime.save(values={"permissions.vote_down": False})
        assert runtime.get("permissions.vote_down") is False  # not the request's old copy
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    loads.clear()
    runtime.get("feeds.items")
    runtime.get("feeds.items")
    assert len(loads) == 2  # outside a request: every read asks the shared cache
