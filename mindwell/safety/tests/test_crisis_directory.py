"""The crisis-line directory as readers see it: every country has an emergency number, the
seeded directory covers 40+ countries with sources, a browser language without a region
gets a country chooser, and the verification check says what to re-check and where."""

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template.loader import render_to_string

from mindwell.safety import emergency, resources
from mindwell.safety.models import CrisisLine

pytestmark = [pytest.mark.django_db, pytest.mark.urls("mindwell.safety.tests.urls_for_tests")]

SEEDED_ON = datetime.date(2026, 11, 20)
SEEDED_PLUS_30_DAYS = datetime.datetime(2026, 12, 20, 12, tzinfo=datetime.UTC)
SEVEN_MONTHS_LATER = datetime.datetime(2027, 6, 20, 12, tzinfo=datetime.UTC)


def _help(client, accept_language=None, **extra):
    if accept_language is not None:
        extra["HTTP_ACCEPT_LANGUAGE"] = accept_language
    response = client.get("/help/", **extra)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def _main(html):
    return re.search(r"<main.*</main>", html).group(0)


def _picker_codes(html):
    """The country codes offered in the picker, in order."""
    select = re.search(r'<select id="crisis-country" name="country">(.*?)</select>', html)
    return re.findall(r'<option value="([A-Z]*)"', select.group(1))


# Always an emergency number


@pytest.mark.parametrize("code", sorted(resources.COUNTRY_NAMES))
def test_every_country_a_reader_can_pick_has_an_emergency_number(code):
    options = resources.crisis_options(code)
    assert options.emergency is not None, code
    assert options.emergency.phone
    assert options.emergency.tel_href.startswith("tel:")


def test_every_country_in_the_picker_has_an_emergency_number(client):
    codes = [code for code in _picker_codes(_help(client)) if code]  # not "Another country"
    assert len(codes) >= 40
    for code in codes:
        assert resources.crisis_options(code).emergency is not None, code


def test_germany_shows_112_for_fire_and_ambulance_and_110_for_police(client):
    html = _help(client, "de-DE")
    assert 'href="tel:112"' in html
    assert "Fire service or ambulance: 112. Police: 110." in html
    emergency_line = resources.crisis_options("DE").emergency
    assert emergency_line.phone == "112"
    assert "Police: 110" in emergency_line.description


def test_germany_keeps_110_and_112_when_its_emergency_row_is_switched_off():
    CrisisLine.objects.filter(country="DE", kind=CrisisLine.Kind.EMERGENCY).update(active=False)
    options = resources.crisis_options("DE")
    assert options.emergency_is_builtin
    assert options.emergency.phone == "112"
    assert options.emergency.description == "Fire service or ambulance: 112. Police: 110."


def test_a_deleted_emergency_row_falls_back_to_the_built_in_number(client):
    for line in CrisisLine.objects.filter(country="GB", kind=CrisisLine.Kind.EMERGENCY):
        line.delete()  # invalidates the cache, as the admin does
    options = resources.crisis_options("GB")
    assert options.emergency_is_builtin
    assert options.emergency.pk is None  # built from the table, never saved
    assert options.emergency.phone == "999"
    assert 'href="tel:999"' in _help(client, "en-GB")
    assert not CrisisLine.objects.filter(country="GB", kind=CrisisLine.Kind.EMERGENCY).exists()


def test_a_country_with_an_emergency_row_uses_the_row():
    options = resources.crisis_options("AU")
    assert not options.emergency_is_builtin
    assert options.emergency.pk is not None
    assert options.emergency.phone == "000"


@pytest.mark.parametrize(
    ("code", "phone", "also"),
    [
        ("JP", "119", "Police: 110"),
        ("KR", "119", "Police: 112"),
        ("NO", "113", "Police: 112"),
        ("NL", "112", ""),
        ("IT", "112", "118"),
        ("MX", "911", ""),
        ("NZ", "111", ""),
        ("ZA", "10177", "Police: 10111"),
        ("TR", "112", ""),
        ("AD", "112", ""),  # a European country not in the table: the European number
    ],
)
def test_countries_without_an_emergency_row_get_their_number(code, phone, also):
    options = resources.crisis_options(code)
    assert options.emergency.phone == phone
    assert also in options.emergency.description


def test_a_code_with_no_known_emergency_number_says_call_your_local_number(client):
    assert resources.crisis_options("ZZ").emergency is None
    assert resources.crisis_options("").emergency is None
    html = _help(client, data={"country": "ZZ"})
    assert "call your local emergency number" in " ".join(html.split())


def test_the_crisis_card_gives_the_emergency_number_of_a_country_without_helplines():
    html = render_to_string(
        "safety/partials/crisis_card.html", {"crisis": resources.crisis_options("TR")}
    )
    assert "findahelpline.com" in html
    assert 'href="tel:112"' in html


def test_every_table_entry_is_a_dialable_number():
    for code, number in emergency.EMERGENCY_NUMBERS.items():
        assert re.fullmatch(r"\d{3,5}", number.phone), code
        assert code in resources.COUNTRY_NAMES


# The directory


def test_at_least_40_countries_have_lines_after_migrations():
    countries = {code for code, _ in resources.countries_with_lines()}
    assert len(countries) >= 40
    with_helpline = set(
        CrisisLine.objects.filter(active=True, kind=CrisisLine.Kind.PRIMARY)
        .exclude(country="")
        .values_list("country", flat=True)
    )
    assert len(with_helpline) >= 40
    assert {"NL", "IT", "PT", "BR", "MX", "IN", "GB", "US"} <= with_helpline


def test_every_country_in_the_directory_has_a_name():
    for code in CrisisLine.objects.exclude(country="").values_list("country", flat=True):
        assert code in resources.COUNTRY_NAMES


def test_every_seeded_line_has_a_source_and_the_date_it_was_checked():
    for line in CrisisLine.objects.all():
        assert line.source_url.startswith("https://"), line
        assert line.last_verified == SEEDED_ON, line
        assert line.tel_href or line.sms_href or line.chat_url, line


@pytest.mark.parametrize(
    ("code", "name", "tel"),
    [
        ("NL", "113 Zelfmoordpreventie", "tel:08000113"),
        ("IT", "Telefono Amico Italia", "tel:0223272327"),
        ("PT", "SOS Voz Amiga", "tel:213544545"),
        ("BR", "CVV, Centro de Valorização da Vida", "tel:188"),
        ("MX", "Línea de la Vida", "tel:8009112000"),
        ("IN", "Tele-MANAS", "tel:14416"),
        ("AT", "TelefonSeelsorge", "tel:142"),
        ("CH", "Die Dargebotene Hand / La Main Tendue / Telefono Amico", "tel:143"),
        ("SE", "Mind Självmordslinjen", "tel:90101"),
        ("NO", "Mental Helse Hjelpetelefonen", "tel:116123"),
        ("KR", "Suicide prevention line 109", "tel:109"),
        ("CL", "Línea *4141, No estás solo", "tel:*4141"),
    ],
)
def test_a_reader_in_a_new_country_is_shown_its_national_line(client, code, name, tel):
    html = _help(client, data={"country": code})
    assert name.replace("&", "&amp;") in html
    assert f'href="{tel}"' in html
    assert f"Showing support in <strong>{resources.COUNTRY_NAMES[code]}</strong>" in html


def test_northern_ireland_lifeline_is_listed_for_the_uk():
    lifeline = CrisisLine.objects.get(country="GB", service_name="Lifeline (Northern Ireland)")
    assert lifeline.phone == "0808 808 8000"
    assert lifeline.tel_href == "tel:08088088000"
    assert "Northern Ireland" in lifeline.description


def test_us_crisis_text_line_is_listed():
    line = CrisisLine.objects.get(country="US", service_name="Crisis Text Line")
    assert line.kind == CrisisLine.Kind.TEXT_OR_CHAT
    assert line.text_number == "Text HOME to 741741"
    assert line.sms_href == "sms:741741"


# A language without a region


def test_german_without_a_region_shows_the_chooser_with_germany_first(client):
    html = _help(client, "de")
    main = _main(html)
    assert "<h2>Choose your country</h2>" in main
    assert '<form method="get" action="/help/"' in main
    assert _picker_codes(main)[:3] == ["DE", "AT", "CH"]
    assert '<option value="" selected>Another country</option>' in main
    # ...and the international line alongside, before a country is chosen.
    assert 'data-kind="international"' in main
    assert 'href="https://findahelpline.com"' in main
    assert "<script" not in main
    # The chooser comes before the lines, so it is the first thing to do.
    assert main.index("Choose your country") < main.index('data-kind="international"')


@pytest.mark.parametrize(
    ("header", "first"),
    [
        ("es", ["ES", "MX", "AR"]),
        ("fr", ["FR", "BE", "CH", "CA"]),
        ("pt", ["PT", "BR"]),
        ("en", ["US", "GB", "CA", "AU", "IE", "NZ"]),
    ],
)
def test_a_language_without_a_region_offers_its_countries_first(client, header, first):
    main = _main(_help(client, header))
    assert "Choose your country" in main
    assert _picker_codes(main)[: len(first)] == first


def test_choosing_a_country_from_the_chooser_shows_its_lines(client):
    html = _help(client, "de", data={"country": "AT"})
    assert "Choose your country" not in html
    assert 'href="tel:142"' in html
    assert '<option value="AT" selected>Austria</option>' in html


def test_a_browser_with_a_region_goes_straight_to_its_lines(client):
    html = _help(client, "de-CH,de;q=0.9")
    assert "Choose your country" not in html
    assert 'href="tel:143"' in html
    assert _picker_codes(html)[0] == "CH"  # the region first, then the language's countries


def test_no_language_at_all_still_shows_the_chooser(client):
    main = _main(_help(client))
    assert "Choose your country" in main
    assert _picker_codes(main)[:3] == ["AR", "AU", "AT"]  # by name


@pytest.mark.parametrize(
    ("header", "language"),
    [("de", "de"), ("de-AT,de;q=0.9", "de"), ("EN-gb", "en"), ("*", ""), ("", "")],
)
def test_browser_language(header, language):
    assert resources.browser_language(header) == language


def test_suggested_countries_put_the_region_first():
    assert resources.suggested_countries("fr-CA")[:2] == ["CA", "FR"]
    assert resources.suggested_countries("de")[:3] == ["DE", "AT", "CH"]
    assert resources.suggested_countries("xx") == []


def test_a_country_without_helplines_can_be_picked(client):
    assert "TR" in _picker_codes(_help(client))
    html = _help(client, data={"country": "TR"})
    assert '<option value="TR" selected>Turkey</option>' in html
    assert 'href="tel:112"' in html


# Verification


def test_a_fresh_install_has_no_stale_lines_a_month_after_seeding():
    out = StringIO()
    with time_machine.travel(SEEDED_PLUS_30_DAYS, tick=False):
        assert resources.lines_needing_verification() == []
        call_command("check_crisis_lines", stdout=out)
    assert "All active crisis lines were verified in the last 183 days." in out.getvalue()


def test_a_fresh_install_shows_no_entry_as_needing_verification_in_the_admin(client_for):
    from mindwell.qa.tests.factories import UserFactory

    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    with time_machine.travel(SEEDED_PLUS_30_DAYS, tick=False):
        response = client_for(admin).get("/admin/safety/crisisline/", {"country": "GB"})
    assert response.status_code == 200
    assert "needs verification" not in response.content.decode()


def test_check_crisis_lines_says_what_to_check_and_where():
    CrisisLine.objects.exclude(country="GB").update(active=False)
    out = StringIO()
    with time_machine.travel(SEVEN_MONTHS_LATER, tick=False), pytest.raises(CommandError):
        call_command("check_crisis_lines", stdout=out)
    text = out.getvalue()
    samaritans = text[text.index("GB primary: Samaritans") :].split("\n\n")[0]
    assert (
        'Check: the phone number 116 123; the hours "24/7"; the languages "English"; '
        'the name "Samaritans".'
    ) in samaritans
    assert "Source: https://www.samaritans.org" in samaritans
    shout = text[text.index("GB text_chat: Shout") :].split("\n\n")[0]
    assert 'the text instructions "Text SHOUT to 85258"' in shout
    assert "Source: https://giveusashout.org" in shout
    assert "Source: https://www.lifelinehelpline.info" in text
    assert "Mark as verified today" in text


def test_check_crisis_lines_asks_for_a_source_when_none_is_recorded():
    CrisisLine.objects.update(active=False)
    CrisisLine.objects.create(
        country="GB",
        kind=CrisisLine.Kind.PRIMARY,
        service_name="Unsourced line",
        phone="0800 1",
        last_verified=SEEDED_ON,
    )
    out = StringIO()
    with time_machine.travel(SEVEN_MONTHS_LATER, tick=False), pytest.raises(CommandError) as error:
        call_command("check_crisis_lines", stdout=out)
    assert "1 active crisis line(s) not verified" in str(error.value)
    assert "Source: none recorded" in out.getvalue()


def test_check_crisis_lines_reminds_to_check_the_built_in_emergency_numbers():
    CrisisLine.objects.update(active=False)
    out = StringIO()
    with time_machine.travel(SEVEN_MONTHS_LATER, tick=False), pytest.raises(CommandError) as error:
        call_command("check_crisis_lines", stdout=out)
    assert "built-in emergency numbers were not checked" in str(error.value)
    assert "mindwell/safety/emergency.py" in out.getvalue()
    assert emergency.EU_112_SOURCE in out.getvalue()


# Upgrading an existing database


def test_the_data_migration_keeps_admin_edits_and_adds_nothing_twice():
    """0005 on a database seeded by 0003 long ago: unchanged seeded rows get the new date
    and their source, an admin-edited row keeps its own, nothing is duplicated."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("mindwell.safety.migrations.0005_seed_more_crisis_lines")
    old = datetime.date(2025, 11, 1)
    CrisisLine.objects.filter(country__in=["GB", "IE", "DE"]).update(
        last_verified=old, source_url=""
    )
    CrisisLine.objects.filter(country="IE", service_name="Samaritans").update(phone="116 000")
    CrisisLine.objects.filter(country="DE", kind=CrisisLine.Kind.EMERGENCY).update(
        description="Police, fire or ambulance when a life is in danger."
    )
    count = CrisisLine.objects.count()

    migration.forwards(apps, None)

    assert CrisisLine.objects.count() == count
    gb = CrisisLine.objects.get(country="GB", service_name="Samaritans")
    assert gb.last_verified == SEEDED_ON
    assert gb.source_url == "https://www.samaritans.org"
    edited = CrisisLine.objects.get(country="IE", service_name="Samaritans")
    assert edited.last_verified == old
    assert edited.phone == "116 000"
    de = CrisisLine.objects.get(country="DE", kind=CrisisLine.Kind.EMERGENCY)
    assert de.description == "Fire service or ambulance: 112. Police: 110."
