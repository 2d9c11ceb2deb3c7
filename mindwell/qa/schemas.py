"""API shapes. Authors are public names only: an anonymous post never carries an account."""

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema


class AuthorOut(Schema):
    name: str
    username: str | None = Field(None, description="Null for anonymous posts.")

    @staticmethod
    def of(post: Any) -> "AuthorOut":
        author = post.public_author
        return AuthorOut(name=post.byline_name, username=author.username if author else None)


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
    created_at: datetime
    last_activity_at: datetime


class CommentOut(Schema):
    id: int
    body: str
    body_html: str
    author: AuthorOut
    created_at: datetime


class AnswerOut(Schema):
    id: int
    body: str
    body_html: str
    author: AuthorOut
    score: int
    is_best: bool
    created_at: datetime
    edited_at: datetime | None
    comments: list[CommentOut]


class QuestionOut(QuestionSummaryOut):
    body: str
    body_html: str
    edited_at: datetime | None
    comments: list[CommentOut]
    answers: list[AnswerOut]


class QuestionPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[QuestionSummaryOut]


class QuestionIn(Schema):
    title: str
    body: str
    category: str = Field(description="Category slug.")
    tags: list[str] = Field(default_factory=list)
    anonymous: bool = False
    anon_name: str = ""


class AnswerIn(Schema):
    body: str
    anonymous: bool = False
    anon_name: str = ""


class VoteIn(Schema):
    value: Literal[-1, 0, 1]


class VoteOut(Schema):
    score: int
    my_vote: int
