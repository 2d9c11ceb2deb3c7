from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone


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
