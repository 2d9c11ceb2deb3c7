"""Run-time settings of members: who may join, how many the member list shows."""

from django.conf import settings

from mindwell.core.runtime import Setting, register

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
    )
