"""Following questions, tags, categories and members."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from mindwell.accounts.models import User
from mindwell.core.errors import DomainError
from mindwell.core.prepared import prepared
from mindwell.notifications.models import (
    Follow,
)
from mindwell.qa.models import Question
from mindwell.taxonomy.models import Category, Tag

# Follows ------------------------------------------------------------------------


def _target_field(target: Any) -> str:
    for model, name in (
        (Question, "question"),
        (Tag, "tag"),
        (Category, "category"),
        (User, "member"),
    ):
        if isinstance(target, model):
            return name
    raise DomainError("That cannot be followed.")


def follow(*, user: User, target: Any) -> None:
    field = _target_field(target)
    if field == "member" and target.pk == user.pk:
        raise DomainError("You cannot follow yourself.")
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(user=user, **{field: target})
    except IntegrityError:
        pass  # followed at the same moment elsewhere: the same result


def unfollow(*, user: User, target: Any) -> None:
    Follow.objects.filter(user=user, **{_target_field(target): target}).delete()


def is_following(user: Any, target: Any) -> bool:
    if not user.is_authenticated:
        return False
    if isinstance(target, Question):  # every member's question page: compiled once
        return bool(_follows_question.rows(user_id=user.pk, question_id=target.pk))
    return Follow.objects.filter(user=user, **{_target_field(target): target}).exists()


@prepared
def _follows_question(user_id: int, question_id: int) -> QuerySet[Follow]:
    return Follow.objects.filter(user_id=user_id, question_id=question_id).values("pk")[:1]
