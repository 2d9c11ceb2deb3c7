"""Built-in emergency numbers, so that every country a reader can pick shows one.

The crisis-line directory (`CrisisLine` rows, edited in the admin) is the first source:
when a country has an active EMERGENCY row, that row is shown. When it has none, because
nobody seeded or added one or an admin switched it off, `resources.crisis_options` falls
back to this table and builds an *unsaved* `CrisisLine` from it
(`resources.builtin_emergency_line`), flagged with `CrisisOptions.emergency_is_builtin`.

Why code and not seeded rows: an emergency number must never disappear because a row was
deleted or deactivated, and emergency numbers change far less often than helplines. The
table is reviewed like any other code change; `check_crisis_lines` reports when
`CHECKED_ON` is older than the verification period, like a stale row.

Numbers here are the national numbers for the services a person in crisis needs first
(an ambulance, where that is a separate number), with the other services in the
description. Any European country not listed gets 112, the European emergency number.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

CHECKED_ON = datetime.date(2026, 11, 20)
SERVICE_NAME = "Emergency services"
EU_112_SOURCE = "https://digital-strategy.ec.europa.eu/en/policies/112"
_ALL_SERVICES = "Police, fire or ambulance when a life is in danger."


@dataclass(frozen=True)
class EmergencyNumber:
    phone: str
    description: str = _ALL_SERVICES
    source_url: str = ""


def _eu(extra: str = "") -> EmergencyNumber:
    description = f"{_ALL_SERVICES} {extra}".strip()
    return EmergencyNumber("112", description, EU_112_SOURCE)


# ISO 3166 alpha-2 code -> the number to call. Keep one entry per line, sorted by code.
EMERGENCY_NUMBERS: dict[str, EmergencyNumber] = {
    "AR": EmergencyNumber(
        "107",
        "Ambulance. Police: 911 in most provinces, 101 elsewhere. Fire service: 100.",
    ),
    "AT": _eu("Ambulance: 144. Police: 133. Fire service: 122."),
    "AU": EmergencyNumber(
        "000",
        "Police, fire or ambulance when a life is in danger. 112 also works from mobiles.",
        "https://www.triplezero.gov.au",
    ),
    "BE": EmergencyNumber("112", "Fire service or ambulance: 112. Police: 101.", EU_112_SOURCE),
    "BG": _eu(),
    "BR": EmergencyNumber("192", "Ambulance (SAMU). Police: 190. Fire service: 193."),
    "CA": EmergencyNumber("911"),
    "CH": EmergencyNumber("144", "Ambulance: 144. Police: 117. Fire service: 118. 112 also works."),
    "CL": EmergencyNumber("131", "Ambulance (SAMU). Police (Carabineros): 133. Fire service: 132."),
    "CO": EmergencyNumber("123"),
    "CY": _eu(),
    "CZ": _eu("Ambulance: 155. Police: 158."),
    "DE": EmergencyNumber("112", "Fire service or ambulance: 112. Police: 110.", EU_112_SOURCE),
    "DK": _eu(),
    "EE": _eu(),
    "ES": _eu(),
    "FI": _eu(),
    "FR": _eu("Medical emergencies (SAMU): 15. Police: 17. Fire service: 18."),
    "GB": EmergencyNumber("999", "112 also works. " + _ALL_SERVICES),
    "GR": _eu("Ambulance: 166. Police: 100."),
    "HK": EmergencyNumber("999"),
    "HR": _eu(),
    "HU": _eu(),
    "IE": EmergencyNumber("112", "999 also works. " + _ALL_SERVICES, EU_112_SOURCE),
    "IL": EmergencyNumber("101", "Ambulance (Magen David Adom). Police: 100. Fire service: 102."),
    "IN": EmergencyNumber("112", "The national emergency number. Ambulance: 108 in most states."),
    "IS": _eu(),
    "IT": _eu("118 also reaches an ambulance."),
    "JP": EmergencyNumber("119", "Ambulance or fire service: 119. Police: 110."),
    "KR": EmergencyNumber("119", "Ambulance or fire service: 119. Police: 112."),
    "LB": EmergencyNumber("140", "Ambulance (Lebanese Red Cross). Police: 112."),
    "LI": _eu(),
    "LT": _eu(),
    "LU": _eu(),
    "LV": _eu(),
    "MT": _eu(),
    "MX": EmergencyNumber("911"),
    "MY": EmergencyNumber("999"),
    "NL": _eu(),
    "NO": EmergencyNumber("113", "Ambulance: 113. Police: 112. Fire service: 110."),
    "NZ": EmergencyNumber("111"),
    "PE": EmergencyNumber("106", "Ambulance (SAMU). Police: 105. Fire service: 116."),
    "PH": EmergencyNumber("911"),
    "PL": _eu("Ambulance: 999. Police: 997."),
    "PT": _eu(),
    "RO": _eu(),
    "RS": EmergencyNumber("194", "Ambulance. Police: 192. Fire service: 193."),
    "SE": _eu(),
    "SG": EmergencyNumber("995", "Ambulance or fire service: 995. Police: 999."),
    "SI": _eu(),
    "SK": _eu(),
    "TH": EmergencyNumber("1669", "Ambulance (emergency medical services). Police: 191."),
    "TR": EmergencyNumber("112"),
    "TW": EmergencyNumber("119", "Ambulance or fire service: 119. Police: 110."),
    "UA": EmergencyNumber("103", "Ambulance: 103. Police: 102. Fire service: 101."),
    "US": EmergencyNumber("911", source_url="https://www.911.gov"),
    "UY": EmergencyNumber("911"),
    "ZA": EmergencyNumber(
        "10177", "Ambulance. Police: 10111. From a mobile phone you can also call 112."
    ),
}

# European countries without an entry above: 112, the European emergency number.
EUROPEAN_WITHOUT_ENTRY = frozenset(
    {
        "AD", "AL", "AX", "BA", "BY", "FO", "GG", "GI", "IM", "JE", "MC", "MD", "ME",
        "MK", "RU", "SJ", "SM", "VA",
    }
)  # fmt: skip
EUROPEAN_DEFAULT = _eu()


def emergency_number(country: str) -> EmergencyNumber | None:
    """The built-in emergency number for `country`, or None when there is none (the page
    then says "call your local emergency number")."""
    if country in EMERGENCY_NUMBERS:
        return EMERGENCY_NUMBERS[country]
    if country in EUROPEAN_WITHOUT_ENTRY:
        return EUROPEAN_DEFAULT
    return None
