"""Crisis resources: which lines to show a reader, chosen from admin-edited data.

The country comes from the reader's own choice (`?country=`), their saved reading
settings, or their browser's language, and never from their IP address.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from mindwell.core.cache import get_version
from mindwell.safety.models import CrisisLine, ReaderPreference
from mindwell.safety.models.crisis import CACHE_VERSION_NAME, VERIFY_EVERY_DAYS

CACHE_SECONDS = 300

# English names for the country picker; a code missing here is shown as itself.
COUNTRY_NAMES = {
    "AR": "Argentina",
    "AT": "Austria",
    "AU": "Australia",
    "BE": "Belgium",
    "BR": "Brazil",
    "CA": "Canada",
    "CH": "Switzerland",
    "CL": "Chile",
    "CO": "Colombia",
    "DE": "Germany",
    "DK": "Denmark",
    "ES": "Spain",
    "FI": "Finland",
    "FR": "France",
    "GB": "United Kingdom",
    "IE": "Ireland",
    "IN": "India",
    "IT": "Italy",
    "JP": "Japan",
    "MX": "Mexico",
    "NL": "Netherlands",
    "NO": "Norway",
    "NZ": "New Zealand",
    "PL": "Poland",
    "PT": "Portugal",
    "SE": "Sweden",
    "SG": "Singapore",
    "US": "United States",
    "ZA": "South Africa",
}
# Codes people type that are not ISO 3166 alpha-2.
_ALIASES = {"UK": "GB"}
_CODE = re.compile(r"[A-Z]{2}")
_MAX_LANGUAGE_TAGS = 20


@dataclass(frozen=True)
class CrisisOptions:
    """What to show one reader: at most one line of each kind for their country, and
    the international fallback (shown on its own when the country has no lines)."""

    country: str
    primary: CrisisLine | None
    text_or_chat: CrisisLine | None
    emergency: CrisisLine | None
    international: CrisisLine | None

    @property
    def country_name(self) -> str:
        return country_name(self.country) if self.country else ""

    @property
    def has_local_lines(self) -> bool:
        return any((self.primary, self.text_or_chat, self.emergency))


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


def browser_region(accept_language: str) -> str:
    """The region of the browser's preferred language: "en-GB,en;q=0.8" -> "GB".

    Only the most preferred language counts ("fr,fr-FR;q=0.9" -> "FR", but
    "fr,en-US;q=0.5" -> ""): a region from a second language is a poor guess of where
    someone is. Returns "" when there is no region.
    """
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
    if not ranked:
        return ""
    ranked.sort(key=lambda item: (item[0], item[1]))
    language = ranked[0][2][0].lower()
    for _, _, subtags in ranked:
        if subtags[0].lower() != language:
            continue
        for subtag in subtags[1:]:
            if len(subtag) == 1:  # an extension or private use ("x-…") follows
                break
            if len(subtag) == 2 and subtag.isascii() and subtag.isalpha():
                return clean_country(subtag) or ""
    return ""


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
        options = CrisisOptions(
            country=code,
            primary=first(CrisisLine.Kind.PRIMARY),
            text_or_chat=first(CrisisLine.Kind.TEXT_OR_CHAT),
            emergency=first(CrisisLine.Kind.EMERGENCY),
            international=international[0] if international else None,
        )
        cache.set(key, options, CACHE_SECONDS)
    return options


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
