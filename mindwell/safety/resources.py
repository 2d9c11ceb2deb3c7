"""Crisis resources: which lines to show a reader, chosen from admin-edited data.

The country comes from the reader's own choice (`?country=`), their saved reading
settings, or their browser's language, and never from their IP address. Every country
has at least its emergency number: from the directory, or else from the built-in table
in emergency.py.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from mindwell.core.cache import get_version
from mindwell.safety import emergency
from mindwell.safety.models import CrisisLine, ReaderPreference
from mindwell.safety.models.crisis import CACHE_VERSION_NAME, VERIFY_EVERY_DAYS

CACHE_SECONDS = 300

# English names for the country picker: every country in the directory, and every country
# with a built-in emergency number (emergency.py). A code missing here is shown as itself.
COUNTRY_NAMES = {
    "AR": "Argentina",
    "AT": "Austria",
    "AU": "Australia",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "BR": "Brazil",
    "CA": "Canada",
    "CH": "Switzerland",
    "CL": "Chile",
    "CO": "Colombia",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DE": "Germany",
    "DK": "Denmark",
    "EE": "Estonia",
    "ES": "Spain",
    "FI": "Finland",
    "FR": "France",
    "GB": "United Kingdom",
    "GR": "Greece",
    "HK": "Hong Kong",
    "HR": "Croatia",
    "HU": "Hungary",
    "IE": "Ireland",
    "IL": "Israel",
    "IN": "India",
    "IS": "Iceland",
    "IT": "Italy",
    "JP": "Japan",
    "KR": "South Korea",
    "LB": "Lebanon",
    "LI": "Liechtenstein",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "LV": "Latvia",
    "MT": "Malta",
    "MX": "Mexico",
    "MY": "Malaysia",
    "NL": "Netherlands",
    "NO": "Norway",
    "NZ": "New Zealand",
    "PE": "Peru",
    "PH": "Philippines",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "RS": "Serbia",
    "SE": "Sweden",
    "SG": "Singapore",
    "SI": "Slovenia",
    "SK": "Slovakia",
    "TH": "Thailand",
    "TR": "Turkey",
    "TW": "Taiwan",
    "UA": "Ukraine",
    "US": "United States",
    "UY": "Uruguay",
    "ZA": "South Africa",
}
# Codes people type that are not ISO 3166 alpha-2.
_ALIASES = {"UK": "GB"}
_CODE = re.compile(r"[A-Z]{2}")
_MAX_LANGUAGE_TAGS = 20

# Countries to offer first in the picker for a browser language without a region
# ("de" -> Germany, Austria, Switzerland). Languages spoken in many countries list the
# largest first; the picker lists every other country after these.
LANGUAGE_COUNTRIES: dict[str, tuple[str, ...]] = {
    "af": ("ZA",),
    "cs": ("CZ",),
    "da": ("DK",),
    "de": ("DE", "AT", "CH", "LU", "LI"),
    "el": ("GR", "CY"),
    "en": ("US", "GB", "CA", "AU", "IE", "NZ", "IN", "ZA", "SG"),
    "es": ("ES", "MX", "AR", "CO", "CL", "PE", "UY", "US"),
    "fi": ("FI",),
    "fil": ("PH",),
    "fr": ("FR", "BE", "CH", "CA", "LU"),
    "he": ("IL",),
    "hi": ("IN",),
    "hu": ("HU",),
    "is": ("IS",),
    "it": ("IT", "CH"),
    "ja": ("JP",),
    "ko": ("KR",),
    "ms": ("MY", "SG"),
    "nb": ("NO",),
    "nl": ("NL", "BE"),
    "nn": ("NO",),
    "no": ("NO",),
    "pl": ("PL",),
    "pt": ("PT", "BR"),
    "ro": ("RO",),
    "sr": ("RS",),
    "sv": ("SE", "FI"),
    "th": ("TH",),
    "tl": ("PH",),
    "tr": ("TR",),
    "uk": ("UA",),
    "zh": ("TW", "HK", "SG"),
}


@dataclass(frozen=True)
class CrisisOptions:
    """What to show one reader: at most one line of each kind for their country, and
    the international fallback (shown when the country has no helpline).

    `emergency` is the country's EMERGENCY row or, when it has none, an unsaved line
    built from the table in emergency.py (`emergency_is_builtin` is then True); it is
    None only for a country in neither (and for "no country").
    """

    country: str
    primary: CrisisLine | None
    text_or_chat: CrisisLine | None
    emergency: CrisisLine | None
    international: CrisisLine | None
    emergency_is_builtin: bool = False

    @property
    def country_name(self) -> str:
        return country_name(self.country) if self.country else ""

    @property
    def has_local_lines(self) -> bool:
        """Whether the country has a helpline (call, text or chat) of its own; an
        emergency number alone does not count."""
        return any((self.primary, self.text_or_chat))


def country_name(code: str) -> str:
    return COUNTRY_NAMES.get(code, code)


def clean_country(value: str) -> str | None:
    """A country code in capitals ("gb" -> "GB", "UK" -> "GB"), "" for an explicit
    "somewhere else", or None if `value` is not a country code."""
    code = value.strip().upper()[:8]
    code = _ALIASES.get(code, code)
    if code == "" or _CODE.fullmatch(code):
        return code
    return None


def _ranked_languages(accept_language: str) -> list[list[str]]:
    """The language tags of an Accept-Language header as lists of subtags, most
    preferred first; tags with q=0, "*" and nonsense left out."""
    ranked: list[tuple[float, int, list[str]]] = []
    for position, part in enumerate(accept_language[:1000].split(",")[:_MAX_LANGUAGE_TAGS]):
        tag, _, params = part.strip().partition(";")
        subtags = tag.strip().replace("_", "-").split("-")
        if not subtags[0] or subtags[0] == "*":
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, subtags))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [subtags for _, _, subtags in ranked]


def browser_language(accept_language: str) -> str:
    """The browser's most preferred language, lower case, without a region:
    "de-AT,de;q=0.9" -> "de"; "" when there is none."""
    ranked = _ranked_languages(accept_language)
    return ranked[0][0].lower() if ranked else ""


def browser_region(accept_language: str) -> str:
    """The region of the browser's preferred language: "en-GB,en;q=0.8" -> "GB".

    Only the most preferred language counts ("fr,fr-FR;q=0.9" -> "FR", but
    "fr,en-US;q=0.5" -> ""): a region from a second language is a poor guess of where
    someone is. Returns "" when there is no region.
    """
    ranked = _ranked_languages(accept_language)
    if not ranked:
        return ""
    language = ranked[0][0].lower()
    for subtags in ranked:
        if subtags[0].lower() != language:
            continue
        for subtag in subtags[1:]:
            if len(subtag) == 1:  # an extension or private use ("x-…") follows
                break
            if len(subtag) == 2 and subtag.isascii() and subtag.isalpha():
                return clean_country(subtag) or ""
    return ""


def suggested_countries(accept_language: str) -> list[str]:
    """Countries to offer first in the picker, from the browser's language: its region
    if it has one, then the countries where the language is spoken ("de" -> DE, AT, CH,
    ...). Empty when the browser sends no language or one we have no countries for."""
    codes = [browser_region(accept_language)]
    codes.extend(LANGUAGE_COUNTRIES.get(browser_language(accept_language), ()))
    return list(dict.fromkeys(code for code in codes if code))


def country_for(request: HttpRequest) -> str:
    """The country whose crisis lines to show, "" for international.

    In order: an explicit `?country=XX` (so anyone can choose), the member's saved
    country, the region of the browser's language. Never the IP address. Costs one
    query for a signed-in member without `?country=`.
    """
    if "country" in request.GET:
        chosen = clean_country(request.GET["country"])
        if chosen is not None:
            return chosen
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        saved = (
            ReaderPreference.objects.filter(user_id=user.pk)
            .values_list("country", flat=True)
            .first()
        )
        if saved and (code := clean_country(saved)):
            return code
    return browser_region(request.headers.get("Accept-Language", ""))


def crisis_options(country: str) -> CrisisOptions:
    """One primary line, one text or chat option and the emergency number for
    `country` (lowest priority number first), plus the international fallback.

    A country without an active EMERGENCY row still gets its number from the built-in
    table (emergency.py), so a known country always has one.

    Cached for five minutes; saving or deleting a line (model or admin) invalidates it.
    At most one query.
    """
    code = clean_country(country) or ""
    key = f"crisis-options:{get_version(CACHE_VERSION_NAME)}:{code or 'intl'}"
    options: CrisisOptions | None = cache.get(key)
    if options is None:
        lines = list(
            CrisisLine.objects.filter(active=True, country__in={code, ""}).order_by(
                "priority", "pk"
            )
        )

        def first(kind: str) -> CrisisLine | None:
            if not code:
                return None
            return next((ln for ln in lines if ln.country == code and ln.kind == kind), None)

        international = [ln for ln in lines if ln.country == ""]
        international.sort(key=lambda ln: ln.kind != CrisisLine.Kind.PRIMARY)
        emergency_line = first(CrisisLine.Kind.EMERGENCY)
        builtin = emergency_line is None and code != ""
        if builtin:
            emergency_line = builtin_emergency_line(code)
        options = CrisisOptions(
            country=code,
            primary=first(CrisisLine.Kind.PRIMARY),
            text_or_chat=first(CrisisLine.Kind.TEXT_OR_CHAT),
            emergency=emergency_line,
            international=international[0] if international else None,
            emergency_is_builtin=builtin and emergency_line is not None,
        )
        cache.set(key, options, CACHE_SECONDS)
    return options


def builtin_emergency_line(country: str) -> CrisisLine | None:
    """An unsaved EMERGENCY line for `country` from the built-in table (emergency.py),
    or None when the table has no number for it. Never saved: it is not directory data,
    and it must not show up among the rows admins verify."""
    number = emergency.emergency_number(country)
    if number is None:
        return None
    return CrisisLine(
        country=country,
        kind=CrisisLine.Kind.EMERGENCY,
        service_name=emergency.SERVICE_NAME,
        phone=number.phone,
        description=number.description,
        source_url=number.source_url,
        last_verified=emergency.CHECKED_ON,
    )


def countries_with_lines() -> list[tuple[str, str]]:
    """(code, name) of each country with an active line, by name, for a picker.
    Cached like `crisis_options`."""
    key = f"crisis-countries:{get_version(CACHE_VERSION_NAME)}"
    codes: list[str] | None = cache.get(key)
    if codes is None:
        codes = sorted(
            set(
                CrisisLine.objects.filter(active=True)
                .exclude(country="")
                .values_list("country", flat=True)
            )
        )
        cache.set(key, codes, CACHE_SECONDS)
    return sorted(((code, country_name(code)) for code in codes), key=lambda pair: pair[1])


def picker_countries(
    suggested: list[str] | tuple[str, ...] = (),
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(code, name) of every country a reader can pick, in two lists: the `suggested`
    codes (in their order), then all the others by name. A reader can pick each country
    with an active line and each one in COUNTRY_NAMES, all of which have at least an
    emergency number. Cached like `crisis_options` (no query when cached)."""
    countries = dict(COUNTRY_NAMES)
    countries.update(countries_with_lines())
    first = [(code, countries[code]) for code in dict.fromkeys(suggested) if code in countries]
    chosen = {code for code, _ in first}
    rest = sorted(
        ((code, name) for code, name in countries.items() if code not in chosen),
        key=lambda pair: pair[1],
    )
    return first, rest


def lines_needing_verification(
    *, days: int = VERIFY_EVERY_DAYS, today: datetime.date | None = None
) -> list[CrisisLine]:
    """Active lines whose `last_verified` is more than `days` days ago, oldest first."""
    cutoff = (today or timezone.localdate()) - datetime.timedelta(days=days)
    return list(
        CrisisLine.objects.filter(active=True, last_verified__lt=cutoff).order_by(
            "last_verified", "country", "kind", "priority"
        )
    )
