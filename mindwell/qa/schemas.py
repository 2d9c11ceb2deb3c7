"""API shapes. Authors are public names only: an anonymous post never carries an account."""

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema

from mindwell.accounts import avatars
from mindwell.qa.models import BODY_MAX, COMMENT_MAX, TITLE_MAX

# The size pictures are linked at (CSS pixels; the file is at least this big).
AVATAR_SIZE = 128
AVATAR_DESCRIPTION = (
    f"The member's picture, {AVATAR_SIZE} px square: their upload, or their initials on a "
    "colour. A path on this site, as `url` is (or the file store's own address)."
)


def avatar_url(member: Any) -> str:
    """The picture of `member` (None: the neutral one, for anonymous posts). No query."""
    return avatars.picture(member, AVATAR_SIZE).src


class AuthorOut(Schema):
    name: str
    username: str | None = Field(None, description="Null for anonymous posts.")
    avatar_url: str = Field(
        description=AVATAR_DESCRIPTION + " Anonymous posts show the neutral picture."
    )

    @staticmethod
    def of(post: Any) -> "AuthorOut":
        # Only the public author: an anonymous post's picture says nothing about its author.
        author = post.public_author
        return AuthorOut(
            name=post.byline_name,
            username=author.username if author else None,
            avatar_url=avatar_url(author),
        )


class QuestionSummaryOut(Schema):
    id: int
    title: str
    url: str
    category: str
    tags: list[str]
    author: AuthorOut
    score: int
    answer_count: int
    view_count: int
    has_best_answer: bool
    closed: bool
    status: str = Field(description="published; or queued/hidden (your own, or moderators).")
    created_at: datetime
    last_activity_at: datetime


class CommentOut(Schema):
    id: int
    question_id: int
    answer_id: int | None
    body: str
    body_html: str
    author: AuthorOut
    status: str
    created_at: datetime
    edited_at: datetime | None


class AnswerOut(Schema):
    id: int
    question_id: int
    body: str
    body_html: str
    author: AuthorOut
    score: int
    is_best: bool
    status: str
    created_at: datetime
    edited_at: datetime | None
    comments: list[CommentOut]


class QuestionOut(QuestionSummaryOut):
    body: str
    body_html: str
    edited_at: datetime | None
    close_reason: str
    comments: list[CommentOut]
    answers: list[AnswerOut]
    my_votes: dict[str, int] = Field(
        description="Your votes here: keys q<id> / a<id>, values 1 or -1 (empty for visitors)."
    )


class QuestionPageOut(Schema):
    results: list[QuestionSummaryOut]
    next: str | None = Field(description="The next page's URL, or null on the last page.")


class RevisionOut(Schema):
    number: int
    title: str
    body: str
    tags: str
    editor: str = Field(description="The editor's public name (never an anonymous author's).")
    summary: str
    created_at: datetime


class QuestionIn(Schema):
    title: str = Field(max_length=TITLE_MAX)
    body: str = Field(max_length=BODY_MAX)
    category: str = Field(description="Category slug.", max_length=100)
    tags: list[str] = Field(default_factory=list, max_length=10)
    anonymous: bool = False
    anon_name: str = Field("", max_length=60)
    content_warning: str = Field("", max_length=20)


class AnswerIn(Schema):
    body: str = Field(max_length=BODY_MAX)
    anonymous: bool = False
    anon_name: str = Field("", max_length=60)
    content_warning: str = Field("", max_length=20)


class CommentIn(Schema):
    body: str = Field(max_length=COMMENT_MAX)
    answer_id: int | None = Field(None, description="Comment on this answer of the question.")
    anonymous: bool = False
    anon_name: str = Field("", max_length=60)


class QuestionEditIn(Schema):
    title: str = Field(max_length=TITLE_MAX)
    body: str = Field(max_length=BODY_MAX)
    category: str = Field(max_length=100)
    tags: list[str] = Field(default_factory=list, max_length=10)
    summary: str = Field("", max_length=200, description="The revision summary.")


class BodyEditIn(Schema):
    body: str = Field(max_length=BODY_MAX)
    summary: str = Field("", max_length=200, description="The revision summary (answers).")


class VoteIn(Schema):
    value: Literal[-1, 0, 1] = Field(description="1 up, -1 down, 0 withdraws your vote.")


class VoteOut(Schema):
    score: int
    my_vote: int


class BestAnswerIn(Schema):
    answer_id: int | None = Field(description="The best answer; null unselects it.")


class PostedOut(Schema):
    id: int
    status: str = Field(description="published, or queued when it waits for a moderator.")
    url: str


class MemberOut(Schema):
    """A public profile: what the member's profile page shows (never an email address)."""

    username: str
    name: str
    about: str
    level: str
    points: int
    joined: datetime
    url: str
    avatar_url: str = Field(description=AVATAR_DESCRIPTION)
    question_count: int = Field(description="Signed questions (anonymous ones never count).")
    answer_count: int


class MemberPageOut(Schema):
    results: list[MemberOut]
    next: str | None
