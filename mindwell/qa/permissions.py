"""Who may do what to questions, answers and comments. Predicates only: no queries."""

from typing import Any

from mindwell.accounts.models import User
from mindwell.core.models import SiteConfiguration
from mindwell.qa.models import Answer, Post, Question, Status

EDITOR_LEVELS = {User.Level.EDITOR, User.Level.MODERATOR, User.Level.ADMIN, User.Level.SUPER}


def anonymous_posting_allowed() -> bool:
    return SiteConfiguration.load().allow_anonymous_posts


def can_post(user: Any) -> bool:
    """Members can always post; visitors only when anonymous posting is on."""
    return bool(user.is_authenticated and user.is_active) or anonymous_posting_allowed()


def can_vote(user: Any, post: Question | Answer) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and post.status == Status.PUBLISHED
        and post.author_id != user.pk
    )


def vote_refusal(user: Any, post: Question | Answer) -> str:
    """Why a vote is refused, for the disabled control's title."""
    if not user.is_authenticated:
        return "Log in to vote."
    if post.author_id == user.pk:
        return "You cannot vote on your own post."
    return "Voting is not possible on this post."


def is_editor(user: Any) -> bool:
    return bool(user.is_authenticated and (user.level in EDITOR_LEVELS or user.is_superuser))


def can_edit(user: Any, post: Post) -> bool:
    return bool(user.is_authenticated and user.is_active and (post.is_by(user) or is_editor(user)))


def can_select_answer(user: Any, question: Question) -> bool:
    return bool(user.is_authenticated and user.is_active and question.is_by(user))


def is_moderator(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_moderator)


def can_set_noindex(user: Any, question: Question) -> bool:
    """The asker and moderators decide whether search engines may index a question."""
    return bool(
        user.is_authenticated and user.is_active and (question.is_by(user) or user.is_moderator)
    )
