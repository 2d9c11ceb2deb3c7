"""Run-time settings of the feeds."""

from mindwell.core.runtime import Setting, register

MOST_ITEMS = 100


def register_settings() -> None:
    register(
        Setting(
            "feeds.items",
            "feeds",
            "Items in each feed",
            30,
            f"How many of the newest questions, answers or comments a feed carries (at most "
            f"{MOST_ITEMS}).",
            min_value=1,
            max_value=MOST_ITEMS,
        ),
    )
