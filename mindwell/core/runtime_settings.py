"""The run-time settings core's own code reads: the site's name, page sizes, hourly limits."""

from django.conf import settings

from mindwell.core.ratelimit import NOUNS
from mindwell.core.runtime import Setting, register

# Hourly limits, as named in the admin (actions without a name here use their code).
LIMIT_LABELS = {
    "question": "Questions",
    "answer": "Answers",
    "comment": "Comments",
    "vote": "Votes",
    "flag": "Flags",
    "visitor_report": "Reports by visitors",
    "password_reset": "Password reset emails",
    "preview": "Markdown previews",
    "signup": "Sign-ups",
    "login": "Log-in attempts",
    "api_read": "API reads",
}


def _limit_default(action: str, side: int) -> object:
    return lambda: settings.RATE_LIMITS.get(action, (None, None))[side]


def limit_key(action: str, *, by_member: bool) -> str:
    return f"spam.{action}_per_{'member' if by_member else 'ip'}"


def register_settings() -> None:
    register(
        Setting(
            "general.site_name",
            "general",
            "Site name",
            lambda: settings.SITE_NAME,
            "Shown in the header, page titles, feeds and emails.",
            kind=str,
            max_length=60,
            required=True,
            source="SITE_NAME",
        ),
        Setting(
            "general.tagline",
            "general",
            "Tagline",
            "Peer support for relationships and mental health",
            "The home page's title after the name, and the site's description for search engines.",
            kind=str,
            max_length=160,
        ),
        Setting(
            "lists.page_size",
            "lists",
            "Questions per page",
            lambda: settings.PAGE_SIZE,
            "How many items a list of questions, answers or comments shows on one page.",
            min_value=5,
            max_value=100,
            source="PAGE_SIZE",
        ),
    )
    for action, (per_member, per_ip) in settings.RATE_LIMITS.items():
        label = LIMIT_LABELS.get(action, NOUNS.get(action, (action, action))[1].capitalize())
        for by_member, default in ((True, per_member), (False, per_ip)):
            if default is None:
                continue  # that kind of limit does not apply to this action
            who = "member" if by_member else "network (IP address)"
            register(
                Setting(
                    limit_key(action, by_member=by_member),
                    "spam",
                    f"{label} per {who} per hour",
                    _limit_default(action, 0 if by_member else 1),
                    "Empty: no limit. Moderators are never limited.",
                    min_value=1,
                    max_value=100_000,
                    optional=True,
                    source="RATE_LIMITS",
                ),
            )
