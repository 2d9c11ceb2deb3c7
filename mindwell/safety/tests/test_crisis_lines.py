"""Crisis lines: data chosen by country, the "Get help now" page, the crisis card and
the check for entries nobody has verified lately."""

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from mindwell.qa.tests.factories import UserFactory
from mindwell.safety import resources
from mindwell.safety.models import CrisisLine, ReaderPreference

pytestmark = [pytest.mark.django_db, pytest.mark.urls("mindwell.safety.tests.urls_for_tests")]

SEEDED_ON = datetime.date(2026, 11, 20)
A_MONTH_LATER = datetime.datetime(2026, 12, 20, 12, tzinfo=datetime.UTC)
SEVEN_MONTHS_LATER = datetime.datetime(2027, 6, 20, 12, tzinfo=datetime.UTC)


def _help(client, accept_language=None, **extra):
    if accept_language is not None:
        extra["HTTP_ACCEPT_LANGUAGE"] = accept_language
    response = client.get("/help/", **extra)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def _main(html):
    """The page's <main>, without the per-request CSRF token in <body>."""
    return re.search(r"<main.*</main>", html).group(0)


def _line(**fields):
    values = {"last_verified": SEEDED_ON, "kind": CrisisLine.Kind.PRIMARY, "country": "GB"}
    values.update(fields)
    return CrisisLine.objects.create(**values)


# Choosing the country


@pytest.mark.parametrize(
    ("header", "region"),
    [
        ("en-GB,en;q=0.8", "GB"),
        ("es-ES", "ES"),
        ("fr", ""),
        ("fr,fr-FR;q=0.9", "FR"),
        ("fr,en-US;q=0.5", ""),
        ("en;q=0.1,de-DE;q=0.9", "DE"),
        ("zh-Hant-TW", "TW"),
        ("es-419", ""),
        ("en_GB", "GB"),
        ("*", ""),
        ("", ""),
        ("en-x-gb", ""),
        ("en-GB;q=nonsense", ""),
    ],
)
def test_browser_region_is_the_region_of_the_preferred_language(header, region):
    assert resources.browser_region(header) == region


def test_country_from_member_setting_beats_browser_language(client_for, asker):
    ReaderPreference.objects.create(user=asker, country="AU")
    request = RequestFactory().get("/help/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    request.user = asker
    assert resources.country_for(request) == "AU"

    html = _help(client_for(asker), "en-GB,en;q=0.8")
    assert "Lifeline" in html
    assert 'href="tel:131114"' in html
    assert "Samaritans" not in html


def test_a_member_without_a_saved_country_gets_their_browser_region(client_for, asker):
    ReaderPreference.objects.create(user=asker, country="")
    html = _help(client_for(asker), "en-NZ")
    assert "1737, Need to talk?" in html


def test_an_explicit_country_choice_beats_member_setting_and_browser(client_for, asker):
    ReaderPreference.objects.create(user=asker, country="AU")
    html = _help(client_for(asker), "en-GB", data={"country": "ie"})
    assert "Text HELLO to 50808" in html
    assert "Lifeline" not in html


def test_choosing_another_country_shows_the_international_fallback(client):
    html = _help(client, "en-GB", data={"country": ""})
    assert "https://findahelpline.com" in html
    assert "Samaritans" not in html


def test_a_country_parameter_that_is_not_a_code_is_ignored(client):
    html = _help(client, "en-GB", data={"country": "<script>"})
    assert "Samaritans" in html


def test_uk_is_understood_as_gb(client):
    assert "Samaritans" in _help(client, data={"country": "UK"})


# The help page


def test_british_english_browser_is_shown_samaritans(client):
    html = _help(client, "en-GB,en;q=0.8")
    assert "Samaritans" in html
    assert 'href="tel:116123"' in html
    assert "Text SHOUT to 85258" in html
    assert 'href="sms:85258"' in html
    assert 'href="tel:999"' in html
    assert "Showing support in <strong>United Kingdom</strong>" in html
    assert '<option value="GB" selected>United Kingdom</option>' in html


def test_us_page_offers_988_by_call_text_and_chat(client):
    html = _help(client, "en-US,en;q=0.9")
    assert "988 Suicide &amp; Crisis Lifeline" in html
    assert 'href="tel:988"' in html
    assert 'href="sms:988"' in html
    assert 'href="https://988lifeline.org"' in html
    assert 'href="tel:911"' in html


@pytest.mark.parametrize("header", ["ar-EG", "en-ZZ", "fr", ""])
def test_an_unknown_region_gets_the_international_fallback(client, header):
    html = _help(client, header)
    assert 'data-kind="international"' in html
    assert 'href="https://findahelpline.com"' in html
    assert "call your local emergency number" in html
    for local in ("Samaritans", "988", "Lifeline", "tel:"):
        assert local not in _main(html)


def test_a_country_without_helplines_says_so_and_still_gives_its_emergency_number(client):
    html = _help(client, "tr-TR")
    assert "There are no helplines for Turkey here yet." in html
    assert 'href="https://findahelpline.com"' in html
    assert 'href="tel:112"' in html


def test_help_page_never_uses_the_ip_address(client):
    pages = [
        _main(_help(client, "en-GB", REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=address))
        for address in ("81.2.69.160", "8.8.8.8", "2a02:c7f::1")
    ]
    assert pages[0] == pages[1] == pages[2]
    assert "Samaritans" in pages[0]
    # Without a language, an address in the UK still gives the international fallback.
    html = _main(_help(client, REMOTE_ADDR="81.2.69.160", HTTP_X_FORWARDED_FOR="81.2.69.160"))
    assert "Samaritans" not in html
    assert "findahelpline.com" in html


def test_help_page_shows_exactly_one_line_of_each_kind(client):
    _line(service_name="Second hotline", phone="0800 000 0000", priority=50)
    _line(service_name="Second text line", kind=CrisisLine.Kind.TEXT_OR_CHAT, text_number="Text 1")
    _line(service_name="Second emergency", kind=CrisisLine.Kind.EMERGENCY, phone="112", priority=50)
    html = _help(client, "en-GB")
    assert html.count('data-kind="primary"') == 1
    assert html.count('data-kind="text_chat"') == 1
    assert html.count('data-kind="emergency"') == 1
    assert "Second" not in html


def test_the_lowest_priority_number_wins_and_inactive_lines_are_hidden(client):
    _line(service_name="First choice", phone="0800 123", priority=1)
    assert "First choice" in _help(client, "en-GB")
    CrisisLine.objects.get(service_name="First choice").delete()
    samaritans = CrisisLine.objects.get(country="GB", service_name="Samaritans")
    samaritans.active = False
    samaritans.save()
    html = _help(client, "en-GB")
    assert "Samaritans" not in html
    assert "Shout" in html


def test_saving_a_line_shows_the_change_at_once_despite_the_cache(client):
    assert "116 123" in _help(client, "en-GB")
    samaritans = CrisisLine.objects.get(country="GB", service_name="Samaritans")
    samaritans.hours = "Day and night"
    samaritans.save()
    assert "Open Day and night" in _help(client, "en-GB")


def test_help_page_states_what_mindwell_is_and_helps_people_worried_about_others(client):
    html = _help(client, "en-GB")
    assert (
        "Mindwell is a peer community, not a crisis service and not a substitute for therapy"
        in html
    )
    assert "If you're worried about someone else" in html
    assert "call 999" in html


def test_country_picker_works_without_javascript(client):
    html = _help(client)
    assert '<form method="get" action="/help/"' in html
    assert '<select id="crisis-country" name="country">' in html
    assert '<option value="NZ">New Zealand</option>' in html
    assert '<option value="" selected>Another country</option>' in html
    assert "<script" not in _main(html)


def test_help_page_query_count_is_small_constant_and_cached(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    for n in range(20):
        _line(service_name=f"Extra line {n}", phone=f"0800 {n}", priority=100 + n)
    client.get("/")  # site-wide caches (used by base.html) fill on the first page
    # Active lines for the country and international; the countries for the picker.
    with django_assert_max_num_queries(2):
        _help(client, "en-GB")
    with django_assert_num_queries(0):
        html = _help(client, "en-GB")
    assert "Samaritans" in html
    with django_assert_max_num_queries(1):  # another country: its lines only
        _help(client, "en-AU")


def test_help_page_query_count_for_a_member(client_for, asker, django_assert_max_num_queries):
    ReaderPreference.objects.create(user=asker, country="US")
    client = client_for(asker)
    _help(client)
    # session, user, reading settings, then the header's inbox and review checks
    with django_assert_max_num_queries(6):
        html = _help(client)
    assert "988" in html


# The crisis card


def test_crisis_card_renders_one_compact_set_of_options():
    html = render_to_string(
        "safety/partials/crisis_card.html", {"crisis": resources.crisis_options("US")}
    )
    assert html.count('data-kind="primary"') == 1
    assert html.count('data-kind="text_chat"') == 1
    assert html.count('data-kind="emergency"') == 1
    assert 'href="tel:988"' in html
    assert 'href="/help/?country=US"' in html
    assert "{%" not in html


def test_crisis_card_without_local_lines_points_to_find_a_helpline():
    html = render_to_string(
        "safety/partials/crisis_card.html", {"crisis": resources.crisis_options("")}
    )
    assert "findahelpline.com" in html
    assert "Call your local emergency number" in html
    assert 'href="/help/"' in html


def test_crisis_options_for_a_country_without_a_text_line():
    options = resources.crisis_options("fr")
    assert options.country == "FR"
    assert options.primary.phone == "3114"
    assert options.text_or_chat is None
    assert options.emergency.phone == "112"
    assert options.international.chat_url == "https://findahelpline.com"


def test_countries_with_lines_lists_seeded_countries_by_name():
    countries = resources.countries_with_lines()
    assert ("GB", "United Kingdom") in countries
    assert [name for _, name in countries] == sorted(name for _, name in countries)
    assert all(code for code, _ in countries)


def test_every_seeded_line_can_be_reached():
    for line in CrisisLine.objects.all():
        assert line.tel_href or line.sms_href or line.chat_url, line
        assert line.last_verified == SEEDED_ON


# Checking for stale entries


def test_check_crisis_lines_passes_when_everything_was_verified_lately():
    out = StringIO()
    with time_machine.travel(A_MONTH_LATER, tick=False):
        call_command("check_crisis_lines", stdout=out)
    assert "All active crisis lines were verified in the last 183 days." in out.getvalue()


def test_check_crisis_lines_lists_stale_entries_and_fails():
    CrisisLine.objects.filter(country="DE").update(active=False)
    stale = CrisisLine.objects.filter(active=True).count()
    out = StringIO()
    with time_machine.travel(SEVEN_MONTHS_LATER, tick=False), pytest.raises(CommandError) as error:
        call_command("check_crisis_lines", stdout=out)
    assert error.value.returncode == 1
    assert f"{stale} active crisis line(s) not verified in the last 183 days." in str(error.value)
    lines = out.getvalue().split("\n\n")[0].splitlines()
    assert lines[0].split() == [
        "Country",
        "Kind",
        "Service",
        "Contact",
        "Last",
        "verified",
        "Days",
        "ago",
    ]
    assert len(lines) == 1 + stale
    assert any(
        row.startswith("GB") and "Samaritans" in row and row.split()[-2:] == ["2026-11-20", "212"]
        for row in lines
    )
    assert not any(row.startswith("DE ") for row in lines)
    assert "TelefonSeelsorge Chat" not in out.getvalue()


def test_check_crisis_lines_days_option():
    out = StringIO()
    with time_machine.travel(SEVEN_MONTHS_LATER, tick=False):
        call_command("check_crisis_lines", "--days", "365", stdout=out)
        with pytest.raises(CommandError):
            call_command("check_crisis_lines", "--days", "30", stdout=StringIO())
    assert "last 365 days" in out.getvalue()


def test_check_crisis_lines_exit_status(capsys, monkeypatch):
    # run_from_argv closes every connection when done; the test's must stay open.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    with time_machine.travel(SEVEN_MONTHS_LATER, tick=False):
        with pytest.raises(SystemExit) as stale:
            execute_from_command_line(["manage.py", "check_crisis_lines"])
        execute_from_command_line(["manage.py", "check_crisis_lines", "--days", "400"])
    assert stale.value.code == 1
    captured = capsys.readouterr()
    assert "Samaritans" in captured.out
    assert "not verified in the last 183 days" in captured.err


# Admin


def test_admin_marks_old_entries_as_needing_verification(client_for):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    _line(service_name="Recently checked", phone="0800 1", last_verified=datetime.date(2027, 6, 1))
    with time_machine.travel(SEVEN_MONTHS_LATER, tick=False):
        response = client_for(admin).get("/admin/safety/crisisline/", {"country": "GB"})
    html = response.content.decode()
    assert response.status_code == 200
    # Samaritans, Lifeline (Northern Ireland), Shout and the emergency number
    assert html.count("needs verification") == 4
    assert "Recently checked" in html


def test_admin_action_marks_lines_verified_and_refreshes_the_cache(client_for, client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    _help(client, "en-GB")  # fill the cache
    lines = CrisisLine.objects.filter(country="GB")
    response = client_for(admin).post(
        "/admin/safety/crisisline/",
        {"action": "mark_verified_today", "_selected_action": [ln.pk for ln in lines]},
    )
    assert response.status_code == 302
    assert set(lines.values_list("last_verified", flat=True)) == {timezone.localdate()}
    assert resources.crisis_options("GB").primary.last_verified == timezone.localdate()
