"""Run-time settings of tags: how many a question may have, how many a list shows."""

from mindwell.core.runtime import Setting, register

# A revision keeps a question's tags in 250 characters: six tags of 40 fit.
MOST_TAGS = 6


def register_settings() -> None:
    register(
        Setting(
            "posting.max_tags",
            "posting",
            "Most tags on a question",
            5,
            f"At most {MOST_TAGS}.",
            min_value=1,
            max_value=MOST_TAGS,
        ),
        Setting(
            "lists.tags_page_size",
            "lists",
            "Tags per page",
            60,
            "On the tags page.",
            min_value=10,
            max_value=200,
        ),
    )
