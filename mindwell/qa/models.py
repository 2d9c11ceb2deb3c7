from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from mindwell.core.reversing import reverse_fast

if TYPE_CHECKING:
    from mindwell.accounts.models import User

TITLE_MIN, TITLE_MAX = 10, 150
BODY_MAX = 60_000
COMMENT_MAX = 1_000
ANONYMOUS_NAME = "Anonymous"
# Path segments under /questions/<id>/ that a slug must not shadow.
RESERVED_SLUGS = {"answers", "comments", "best", "edit", "history", "noindex", "retag"}


CONTENT_WARNINGS = [
    ("self_harm", "Self-harm"),
    ("suicide", "Suicide"),
    ("abuse", "Abuse"),
    ("eating_disorders", "Eating disorders"),
    ("grief", "Grief"),
    ("other", "Sensitive content"),
]


class Status(models.TextChoices):
    PUBLISHED = "published", "Published"
    QUEUED = "queued", "Waiting for approval"
    HIDDEN = "hidden", "Hidden"
    DELETED = "deleted", "Deleted"


class PostQuerySet(models.QuerySet[Any]):
    def visible(self) -> PostQuerySet:
        return self.filter(status=Status.PUBLISHED)


class Post(models.Model):
    """What questions, answers and comments share: authorship, body, edits.

    An anonymous post keeps its member author (so they can edit it) but no page
    shows or links that account; `author_name` is the name chosen for display.
    A visitor's post has no author. `notify_email` is used only to send
    notifications about this post and is never shown.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(max_length=60, blank=True)
    is_anonymous = models.BooleanField(default=False)
    notify_email = models.EmailField(blank=True)
    body = models.TextField(max_length=BODY_MAX)
    body_html = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_by_name = models.CharField(max_length=60, blank=True)
    # A keyed digest of the poster's IP address (never the address), purged after
    # IP_DIGEST_RETENTION_DAYS; for blocking abuse.
    ip_digest = models.CharField(max_length=64, blank=True)
    content_warning = models.CharField(
        max_length=20,
        blank=True,
        choices=CONTENT_WARNINGS,
        help_text="Collapse the text behind this label until the reader chooses to see it.",
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def byline_name(self) -> str:
        """The name shown on the post; never reveals the account of an anonymous post."""
        if self.is_anonymous or self.author_id is None:
            return self.author_name or ANONYMOUS_NAME
        return self.author.public_name if self.author else self.author_name

    @property
    def public_author(self) -> User | None:
        """The account a page may link to, or None for anonymous posts."""
        return None if self.is_anonymous else self.author

    @property
    def public_editor(self) -> User | None:
        """The last editor a page may link to; None when the anonymous author edited."""
        if self.edited_by_id is None or (self.is_anonymous and self.edited_by_id == self.author_id):
            return None
        return self.edited_by

    @property
    def post_kind(self) -> str:
        """ "question", "answer" or "comment"."""
        return type(self).__name__.lower()

    @property
    def target(self) -> dict[str, Any]:
        """{"question": self} etc., for models that point at exactly one kind of post."""
        return {self.post_kind: self}

    @property
    def thread(self) -> Question:
        """The question this post belongs to (itself for a question)."""
        return self if isinstance(self, Question) else self.question  # type: ignore[attr-defined]

    @property
    def thread_id(self) -> int:
        return self.pk if isinstance(self, Question) else self.question_id  # type: ignore[attr-defined]

    @property
    def page_url(self) -> str:
        """Where the post is shown: its question page, at its anchor."""
        if isinstance(self, Question):
            return self.get_absolute_url()
        return f"{self.thread.get_absolute_url()}#{self.anchor}"  # type: ignore[attr-defined]

    def is_by(self, user: Any) -> bool:
        return bool(user.is_authenticated and self.author_id == user.pk)


class Question(Post):
    title = models.CharField(max_length=TITLE_MAX)
    slug = models.SlugField(max_length=80, allow_unicode=False, blank=True)
    category = models.ForeignKey(
        "taxonomy.Category", on_delete=models.PROTECT, related_name="questions"
    )
    tags = models.ManyToManyField("taxonomy.Tag", related_name="questions", blank=True)
    score = models.IntegerField(default=0)
    upvotes = models.PositiveIntegerField(default=0)
    downvotes = models.PositiveIntegerField(default=0)
    answer_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    view_count = models.PositiveIntegerField(default=0)
    accepted_answer = models.ForeignKey(
        "qa.Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    has_upvoted_answer = models.BooleanField(default=False)

    class CloseReason(models.TextChoices):
        DUPLICATE = "duplicate", "Duplicate of another question"
        NEEDS_DETAIL = "needs_detail", "Needs more detail"
        OFF_TOPIC = "off_topic", "Off-topic"
        OTHER = "other", "Other"

    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(max_length=14, choices=CloseReason.choices, blank=True)
    close_note = models.CharField(max_length=300, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    follow_on = models.ForeignKey(
        "qa.Answer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ons",
        help_text="The answer this question was asked from (“ask a related question”).",
    )
    locked = models.BooleanField(default=False, help_text="No new answers, comments or votes.")
    pinned = models.BooleanField(default=False)
    noindex = models.BooleanField(
        default=False, help_text="Ask search engines not to index this question."
    )
    hotness = models.FloatField(default=0)
    last_activity_at = models.DateTimeField(default=timezone.now)
    last_activity_kind = models.CharField(max_length=12, default="asked")
    last_activity_name = models.CharField(max_length=60, blank=True)
    last_activity_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["status", "-created_at"], name="q_newest"),
            models.Index(
                fields=["status", "-pinned", "-last_activity_at", "-id"], name="q_activity"
            ),
            models.Index(fields=["status", "-hotness"], name="q_hot"),
            models.Index(fields=["status", "-score", "-created_at"], name="q_votes"),
            models.Index(fields=["status", "-answer_count", "-created_at"], name="q_answers"),
            models.Index(fields=["status", "-view_count", "-created_at"], name="q_views"),
            models.Index(fields=["author", "-created_at"], name="q_author"),
            models.Index(fields=["category", "status", "-created_at"], name="q_category"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.slug = slugify(self.title)[:80].strip("-") or "question"
        if self.slug in RESERVED_SLUGS:
            self.slug += "-q"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse_fast("qa:question_detail", question_id=self.pk, slug=self.slug)


class Answer(Post):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    score = models.IntegerField(default=0)
    upvotes = models.PositiveIntegerField(default=0)
    downvotes = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["question", "status", "-score", "created_at"], name="a_question"),
            models.Index(fields=["author", "-created_at"], name="a_author"),
        ]

    def __str__(self) -> str:
        return f"Answer {self.pk} to {self.question_id}"

    def get_absolute_url(self) -> str:
        return reverse("qa:answer_permalink", kwargs={"answer_id": self.pk})

    @property
    def anchor(self) -> str:
        return f"a{self.pk}"


class Comment(Post):
    """A comment on a question (answer is None) or on one of its answers."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="comments")
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    body = models.TextField(max_length=COMMENT_MAX)

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["question", "created_at"], name="c_question"),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk}"

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#c{self.pk}"

    @property
    def anchor(self) -> str:
        return f"c{self.pk}"


class Vote(models.Model):
    """One member's vote on one question or answer (+1 or -1)."""

    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="votes"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="votes"
    )
    value = models.SmallIntegerField(choices=[(1, "up"), (-1, "down")])
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=(
                    Q(question__isnull=False, answer__isnull=True)
                    | Q(question__isnull=True, answer__isnull=False)
                ),
                name="vote_one_target",
            ),
            models.CheckConstraint(condition=Q(value__in=[1, -1]), name="vote_value"),
            models.UniqueConstraint(
                fields=["voter", "question"],
                condition=Q(question__isnull=False),
                name="one_vote_per_question",
            ),
            models.UniqueConstraint(
                fields=["voter", "answer"],
                condition=Q(answer__isnull=False),
                name="one_vote_per_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value:+d} by {self.voter_id}"


class Revision(models.Model):
    """A snapshot of a post after each save; number 1 is the original."""

    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    body = models.TextField()
    tags = models.CharField(max_length=250, blank=True)
    category_name = models.CharField(max_length=80, blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    editor_name = models.CharField(max_length=60, blank=True)
    editor_anonymous = models.BooleanField(default=False)
    summary = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Only moderators may read this revision's text (it held method details a
    # moderator took out of the post).
    moderators_only = models.BooleanField(default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=(
                    Q(question__isnull=False, answer__isnull=True, comment__isnull=True)
                    | Q(question__isnull=True, answer__isnull=False, comment__isnull=True)
                    | Q(question__isnull=True, answer__isnull=True, comment__isnull=False)
                ),
                name="revision_one_target",
            ),
            models.UniqueConstraint(
                fields=["question", "number"],
                condition=Q(question__isnull=False),
                name="revision_question_number",
            ),
            models.UniqueConstraint(
                fields=["answer", "number"],
                condition=Q(answer__isnull=False),
                name="revision_answer_number",
            ),
            models.UniqueConstraint(
                fields=["comment", "number"],
                condition=Q(comment__isnull=False),
                name="revision_comment_number",
            ),
        ]

    def __str__(self) -> str:
        return f"Revision {self.number}"

    @property
    def editor_display(self) -> str:
        if self.editor_anonymous or self.editor_id is None:
            return self.editor_name or ANONYMOUS_NAME
        return self.editor.public_name if self.editor else self.editor_name
