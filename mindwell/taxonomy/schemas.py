"""API shapes of categories and tags."""

from ninja import Schema


class CategoryOut(Schema):
    slug: str
    name: str
    parent: str | None
    question_count: int


class TagOut(Schema):
    name: str
    question_count: int
