"""The points formula as run-time settings (defaults: settings.POINTS, Question2Answer's)."""

from django.conf import settings

from mindwell.core.runtime import Setting, register, register_note

# settings.POINTS name -> (label, help).
POINTS = {
    "BASE": ("Points for joining", "Every member starts with this many points (not multiplied)."),
    "MULTIPLE": ("Multiply every part by", "Each part below counts this many times."),
    "QUESTION_POSTED": ("Posting a question", ""),
    "ANSWER_POSTED": ("Posting an answer", ""),
    "BEST_ANSWER_SELECTED": ("Selecting a best answer for one's question", ""),
    "ANSWER_SELECTED": ("Having one's answer selected as best", ""),
    "VOTE_CAST": ("Voting on a question or answer", ""),
    "PER_QUESTION_UPVOTE": ("Per up vote on one's question", ""),
    "PER_QUESTION_DOWNVOTE": ("Per down vote on one's question (taken away)", ""),
    "QUESTION_VOTES_MAX_GAIN": ("Limit from up votes on one question", ""),
    "QUESTION_VOTES_MAX_LOSS": ("Limit from down votes on one question", ""),
    "PER_ANSWER_UPVOTE": ("Per up vote on one's answer", ""),
    "PER_ANSWER_DOWNVOTE": ("Per down vote on one's answer (taken away)", ""),
    "ANSWER_VOTES_MAX_GAIN": ("Limit from up votes on one answer", ""),
    "ANSWER_VOTES_MAX_LOSS": ("Limit from down votes on one answer", ""),
}
NOTE = (
    "A member's points are the points for joining plus the multiple times the sum of the "
    "parts below. New events count with the new values; the maintenance command "
    "recount_points applies the joining points, the multiple and the vote values to "
    "existing totals."
)


def key(name: str) -> str:
    return f"points.{name.lower()}"


def _default(name: str) -> object:
    return lambda: int(settings.POINTS[name])


def register_settings() -> None:
    register_note("points", NOTE)
    register_note(
        "permissions",
        "The points needed for each privilege (voting down, flagging, retagging, editing, "
        "closing) are set in Reputation › Privileges.",
    )
    register(
        *(
            Setting(
                key(name),
                "points",
                label,
                _default(name),
                help_text,
                min_value=1 if name == "MULTIPLE" else 0,
                max_value=100_000,
                source="POINTS",
            )
            for name, (label, help_text) in POINTS.items()
        )
    )
