"""RSS and Atom feeds: recent questions, per category, per tag, one question's answers.

What the privacy policy promises, kept here: anonymous and noindex questions are in no
feed (nor are their answers); a question or answer with an open item in the crisis queue
stays out until a moderator has resolved it; a content-warned post is its title and its
warning only, never its body. Authors appear by their public name only; anonymous answers
never carry an account. Every feed costs the same few queries, whatever its size."""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from mindwell.core import runtime
from mindwell.core.errors import NotFound
from mindwell.moderation.models import ReviewItem
from mindwell.qa.models import CONTENT_WARNINGS, Answer, Comment, Question, Status
from mindwell.taxonomy import selectors as taxonomy_selectors
from mindwell.taxonomy.models import Category, Tag


def site_name() -> str:
    return str(runtime.get("general.site_name"))


def feed_size() -> int:
    """How many items a feed carries (admin: Feeds)."""
    return int(runtime.get("feeds.items"))


WARNING_LABELS = dict(CONTENT_WARNINGS)


def _in_crisis_review(target: str) -> Exists:
    """An open item in the crisis queue for the outer question or answer (`target`)."""
    return Exists(
        ReviewItem.objects.filter(
            queue=ReviewItem.Queue.CRISIS,
            state=ReviewItem.State.OPEN,
            **{target: OuterRef("pk")},
        )
    )


def _feedable_questions() -> QuerySet[Question]:
    """Published questions a public feed may carry (and whose answers it may carry)."""
    return Question.objects.filter(
        status=Status.PUBLISHED, is_anonymous=False, noindex=False
    ).exclude(_in_crisis_review("question"))


def _questions() -> QuerySet[Question]:
    return (
        _feedable_questions()
        .select_related("author", "category")
        .defer("notify_email")
        .order_by("-created_at", "-id")
    )


def _warned_description(item: Question | Answer | Comment) -> str | None:
    """The line a content-warned post shows instead of its body ("Content warning: Grief"),
    or None when it has no warning."""
    if not item.content_warning:
        return None
    return f"Content warning: {WARNING_LABELS.get(item.content_warning, item.content_warning)}"


class QuestionFeedMixin:
    def item_title(self, item: Question) -> str:
        return item.title

    def item_description(self, item: Question) -> str:
        return _warned_description(item) or item.body_html

    def item_link(self, item: Question) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Question) -> Any:
        return item.created_at

    def item_updateddate(self, item: Question) -> Any:
        return item.edited_at or item.created_at

    def item_author_name(self, item: Question) -> str:
        return item.byline_name

    def item_author_link(self, item: Question) -> str | None:
        author = item.public_author
        return author.get_absolute_url() if author else None

    def item_categories(self, item: Question) -> list[str]:
        return [item.category.name]


class RecentQuestionsFeed(QuestionFeedMixin, Feed):  # type: ignore[type-arg]
    def title(self) -> str:
        return f"{site_name()}: recent questions"

    def description(self) -> str:
        return f"The newest questions on {site_name()}."

    def link(self) -> str:
        return reverse("qa:question_list")

    def items(self) -> list[Question]:
        return list(_questions()[: feed_size()])


class RecentQuestionsAtomFeed(RecentQuestionsFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()


class CategoryFeed(QuestionFeedMixin, Feed):  # type: ignore[type-arg]
    def get_object(self, request: HttpRequest, slug: str) -> Category:
        return taxonomy_selectors.category_by_slug(slug)

    def title(self, obj: Category) -> str:
        return f"{site_name()}: questions in {obj.name}"

    def description(self, obj: Category) -> str:
        return obj.description or self.title(obj)

    def link(self, obj: Category) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Category) -> list[Question]:
        return list(_questions().filter(category__path__startswith=obj.path)[: feed_size()])


class TagFeed(QuestionFeedMixin, Feed):  # type: ignore[type-arg]
    def get_object(self, request: HttpRequest, name: str) -> Tag:
        return taxonomy_selectors.tag_by_name(name)

    def title(self, obj: Tag) -> str:
        return f"{site_name()}: questions tagged {obj.name}"

    def description(self, obj: Tag) -> str:
        return self.title(obj)

    def link(self, obj: Tag) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Tag) -> list[Question]:
        return list(_questions().filter(tags=obj)[: feed_size()])


class ReplyItemsMixin:
    """Feed items that are answers or comments: a warning on the post or its question
    stands in for the body (feed readers collapse nothing); authors by their byline."""

    def item_description(self, item: Answer | Comment) -> str:
        return _warned_description(item) or _warned_description(item.question) or item.body_html

    def item_link(self, item: Answer | Comment) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Answer | Comment) -> Any:
        return item.created_at

    def item_author_name(self, item: Answer | Comment) -> str:
        return item.byline_name


def _replies(model: type[Answer] | type[Comment], *conditions: Q, **filters: Any) -> list[Any]:
    """The newest published answers or comments matching the conditions and `filters`,
    none in the crisis queue."""
    found = (
        model.objects.filter(*conditions, status=Status.PUBLISHED, **filters)
        .exclude(_in_crisis_review(model.__name__.lower()))
        .select_related("author", "question")
        .defer("notify_email")
        .order_by("-created_at", "-id")
    )
    return list(found[: feed_size()])


class AnswersFeed(ReplyItemsMixin, Feed):  # type: ignore[type-arg]
    """The answers to one question, newest first."""

    def get_object(self, request: HttpRequest, question_id: int) -> Question:
        question = _feedable_questions().filter(pk=question_id).first()
        if question is None:
            raise NotFound("Question not found.")
        return question

    def title(self, obj: Question) -> str:
        return f"Answers to: {obj.title}"

    def description(self, obj: Question) -> str:
        return self.title(obj)

    def link(self, obj: Question) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Question) -> list[Answer]:
        return _replies(Answer, question=obj)

    def item_title(self, item: Answer) -> str:
        return f"Answer by {item.byline_name}"


class RecentAnswersFeed(ReplyItemsMixin, Feed):  # type: ignore[type-arg]
    """The newest answers across the site, with the rules of the feeds above."""

    title = "Recent answers"
    description = "The newest answers"

    def link(self) -> str:
        return reverse("qa:recent_answers")

    def items(self) -> list[Answer]:
        return _replies(Answer, question__in=_feedable_questions().values("pk"))

    def item_title(self, item: Answer) -> str:
        return f"Answer by {item.byline_name} to: {item.question.title}"


class RecentCommentsFeed(ReplyItemsMixin, Feed):  # type: ignore[type-arg]
    """The newest comments across the site, with the rules of the feeds above."""

    title = "Recent comments"
    description = "The newest comments"

    def link(self) -> str:
        return reverse("qa:recent_comments")

    def items(self) -> list[Comment]:
        on_a_shown_answer = Q(answer__isnull=True) | Q(answer__status=Status.PUBLISHED)
        return _replies(Comment, on_a_shown_answer, question__in=_feedable_questions().values("pk"))

    def item_title(self, item: Comment) -> str:
        return f"Comment by {item.byline_name} on: {item.question.title}"
