"""API shapes of categories and tags."""

from ninja import Field, Schema


class CategoryOut(Schema):
    slug: str
    name: str
    description: str
    question_count: int
    url: str
    children: list["CategoryOut"] = Field(default_factory=list)


CategoryOut.model_rebuild()


class TagOut(Schema):
    name: str
    question_count: int
    url: str


class TagPageOut(Schema):
    results: list[TagOut]
    next: str | None
