"""Run-time settings of notification emails: the members' default, the digest's hour."""

from django.conf import settings

from mindwell.core.runtime import Setting, register

MODES = (("each", "Each event"), ("digest", "Daily digest"), ("off", "Off"))


def register_settings() -> None:
    register(
        Setting(
            "emails.default_mode",
            "emails",
            "Notification emails for members who chose nothing",
            "each",
            "For every kind of notification a member has not set in their settings "
            "(crisis alerts to moderators always go out at once).",
            kind=str,
            choices=MODES,
        ),
        Setting(
            "emails.digest_hour",
            "emails",
            "Daily digest hour (UTC)",
            lambda: settings.DIGEST_HOUR_UTC,
            "The hour the daily digests are sent at.",
            min_value=0,
            max_value=23,
            source="DIGEST_HOUR_UTC",
        ),
        Setting(
            "emails.subject_prefix",
            "emails",
            "Start of every notification email's subject",
            "",
            "Empty: the site name in brackets, e.g. [Mindwell].",
            kind=str,
            max_length=40,
        ),
    )
