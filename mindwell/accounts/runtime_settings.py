"""Run-time settings of members: who may join, how many the member list shows."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from mindwell.accounts import titles
from mindwell.core.runtime import Setting, register, register_check

# Nobody younger than this may join, whatever the settings say (COPPA and the GDPR's
# lowest age of digital consent).
ABSOLUTE_MINIMUM_AGE = 13


def register_settings() -> None:
    register(
        Setting(
            "users.minimum_age",
            "users",
            "Youngest age allowed to join",
            lambda: max(int(getattr(settings, "MINIMUM_AGE", 16)), ABSOLUTE_MINIMUM_AGE),
            f"Sign-up asks for an age (never stored); never below {ABSOLUTE_MINIMUM_AGE}.",
            min_value=ABSOLUTE_MINIMUM_AGE,
            max_value=99,
            source="MINIMUM_AGE",
        ),
        Setting(
            "lists.members_page_size",
            "lists",
            "Members per page",
            40,
            "On the members page.",
            min_value=10,
            max_value=200,
        ),
        Setting(
            "users.titles",
            "users",
            "Titles by points",
            titles.default_text,
            "Shown beside members' names on profiles and the member list: "
            "“points title” pairs separated by semicolons; a member has the title of the "
            "highest number they reach. Leave empty for no titles.",
            kind=str,
            max_length=1000,
            source="MEMBER_TITLES",
        ),
    )
    register_check(_titles_readable)


def _titles_readable(values: Mapping[str, Any]) -> dict[str, str]:
    try:
        titles.parse(str(values.get("users.titles", "")))
    except ValidationError as error:
        return {"users.titles": error.messages[0]}
    return {}
