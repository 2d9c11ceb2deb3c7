from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from mindwell.core.models import SingletonSettings


class PointEvent(models.Model):
    """One line of the points ledger (append-only).

    For the flat kinds `amount` is in point units (before the multiple); for the
    vote kinds it is a number of votes (+1 for a vote, -1 for a withdrawn one),
    because votes count with a cap per post. recount_points sums this ledger.
    """

    class Kind(models.TextChoices):
        QUESTION_POSTED = "question_posted", "Posted a question"
        ANSWER_POSTED = "answer_posted", "Posted an answer"
        BEST_ANSWER_SELECTED = "best_selected", "Selected a best answer"
        ANSWER_SELECTED = "answer_selected", "Answer selected as best"
        VOTE_CAST = "vote_cast", "Voted"
        QUESTION_UPVOTED = "q_upvoted", "Question voted up"
        QUESTION_DOWNVOTED = "q_downvoted", "Question voted down"
        ANSWER_UPVOTED = "a_upvoted", "Answer voted up"
        ANSWER_DOWNVOTED = "a_downvoted", "Answer voted down"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="point_events"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    amount = models.IntegerField()
    question = models.ForeignKey(
        "qa.Question", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    answer = models.ForeignKey(
        "qa.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["user", "kind"], name="point_user_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount:+d} for {self.user_id}"


class Privilege(models.TextChoices):
    VOTE_DOWN = "vote_down", "Vote down"
    COMMENT_EVERYWHERE = "comment_everywhere", "Comment on any post"
    FLAG = "flag", "Flag posts"
    RETAG = "retag", "Retag questions"
    EDIT_OTHERS = "edit_others", "Edit other people's posts"
    CLOSE_VOTES = "close_votes", "Vote to close questions"
    REVIEW_QUEUE = "review_queue", "See the review queue"


# Points needed (totals, so a new member starts at the base of 100).
PRESETS: dict[str, dict[str, int]] = {
    "small": {
        "vote_down": 120,
        "comment_everywhere": 100,
        "flag": 100,
        "retag": 300,
        "edit_others": 500,
        "close_votes": 750,
        "review_queue": 1000,
    },
    "medium": {
        "vote_down": 200,
        "comment_everywhere": 150,
        "flag": 110,
        "retag": 750,
        "edit_others": 1500,
        "close_votes": 2500,
        "review_queue": 3000,
    },
    "large": {
        "vote_down": 1250,
        "comment_everywhere": 600,
        "flag": 250,
        "retag": 2500,
        "edit_others": 5000,
        "close_votes": 7500,
        "review_queue": 10000,
    },
}


class PrivilegeTable(SingletonSettings):
    """Points thresholds for privileges: a preset or a custom table (one row)."""

    class Preset(models.TextChoices):
        SMALL = "small", "Small community"
        MEDIUM = "medium", "Medium community"
        LARGE = "large", "Large community"
        CUSTOM = "custom", "Custom (the values below)"

    preset = models.CharField(max_length=8, choices=Preset.choices, default=Preset.SMALL)
    vote_down = models.PositiveIntegerField(default=PRESETS["small"]["vote_down"])
    comment_everywhere = models.PositiveIntegerField(default=PRESETS["small"]["comment_everywhere"])
    flag = models.PositiveIntegerField(default=PRESETS["small"]["flag"])
    retag = models.PositiveIntegerField(default=PRESETS["small"]["retag"])
    edit_others = models.PositiveIntegerField(default=PRESETS["small"]["edit_others"])
    close_votes = models.PositiveIntegerField(default=PRESETS["small"]["close_votes"])
    review_queue = models.PositiveIntegerField(default=PRESETS["small"]["review_queue"])

    CACHE_KEY = "privilege-table"

    class Meta:
        verbose_name = verbose_name_plural = "privileges"

    def __str__(self) -> str:
        return f"Privileges ({self.get_preset_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.preset != self.Preset.CUSTOM:
            for name, points in PRESETS[self.preset].items():
                setattr(self, name, points)
        super().save(*args, **kwargs)

    @classmethod
    def thresholds(cls) -> dict[str, int]:
        """Points per privilege, gathered once per loaded table (a page of 120 answers asks
        for them about 360 times)."""
        table = cls.load()
        found: dict[str, int] | None = table.__dict__.get("_thresholds")
        if found is None:
            found = table.__dict__["_thresholds"] = {
                p.value: getattr(table, p.value) for p in Privilege
            }
        return found
