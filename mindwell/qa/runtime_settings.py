"""Run-time settings of questions, answers and comments: lengths, view counting, voting."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings

from mindwell.core.runtime import Setting, register, register_check
from mindwell.qa.models import BODY_MAX, COMMENT_MAX, TITLE_MAX, TITLE_MIN


def _lengths_in_order(values: Mapping[str, Any]) -> dict[str, str]:
    errors = {}
    pairs = [
        ("posting.title_min", "posting.title_max", "the longest title"),
        ("posting.question_min", "posting.body_max", "the longest question or answer"),
        ("posting.answer_min", "posting.body_max", "the longest question or answer"),
        ("posting.comment_min", "posting.comment_max", "the longest comment"),
    ]
    for low, high, what in pairs:
        if low in values and high in values and values[low] > values[high]:
            errors[low] = f"This is longer than {what} ({values[high]:,} characters)."
    return errors


def register_settings() -> None:
    register(
        Setting(
            "posting.title_min",
            "posting",
            "Shortest question title",
            TITLE_MIN,
            "In characters.",
            min_value=1,
            max_value=TITLE_MAX,
        ),
        Setting(
            "posting.title_max",
            "posting",
            "Longest question title",
            TITLE_MAX,
            f"In characters; at most {TITLE_MAX}.",
            min_value=10,
            max_value=TITLE_MAX,
        ),
        Setting(
            "posting.question_min",
            "posting",
            "Shortest question details",
            20,
            "In characters.",
            min_value=1,
            max_value=10_000,
        ),
        Setting(
            "posting.answer_min",
            "posting",
            "Shortest answer",
            10,
            "In characters.",
            min_value=1,
            max_value=10_000,
        ),
        Setting(
            "posting.body_max",
            "posting",
            "Longest question details or answer",
            BODY_MAX,
            f"In characters; at most {BODY_MAX:,}.",
            min_value=100,
            max_value=BODY_MAX,
        ),
        Setting(
            "posting.comment_min",
            "posting",
            "Shortest comment",
            1,
            "In characters.",
            min_value=1,
            max_value=COMMENT_MAX,
        ),
        Setting(
            "posting.comment_max",
            "posting",
            "Longest comment",
            COMMENT_MAX,
            f"In characters; at most {COMMENT_MAX:,}.",
            min_value=20,
            max_value=COMMENT_MAX,
        ),
        Setting(
            "viewing.view_count_window",
            "viewing",
            "Count a visitor's views of a question once per",
            lambda: settings.VIEW_COUNT_WINDOW_SECONDS,
            "In seconds: reloading a question within this time adds no view.",
            min_value=60,
            max_value=7 * 24 * 3600,
            source="VIEW_COUNT_WINDOW_SECONDS",
        ),
        Setting(
            "permissions.vote_questions",
            "permissions",
            "Members may vote on questions",
            True,
            kind=bool,
        ),
        Setting(
            "permissions.vote_answers",
            "permissions",
            "Members may vote on answers",
            True,
            kind=bool,
        ),
        Setting(
            "permissions.vote_down",
            "permissions",
            "Members may vote down",
            True,
            "Off: only up votes (the privilege's points still apply when on).",
            kind=bool,
        ),
    )
    register_check(_lengths_in_order)
