"""Following questions, tags, categories and members."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from mindwell.accounts.models import User
from mindwell.core.errors import DomainError
from mindwell.core.prepared import Prepared, prepared
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
    # Every member's question, tag and category page asks: compiled once per process.
    found = _FOLLOWS[_target_field(target)].rows(user_id=user.pk, target_id=target.pk)
    return bool(found)


def _follows(field: str) -> Prepared:
    return prepared(
        lambda user_id, target_id: Follow.objects.filter(
            user_id=user_id, **{f"{field}_id": target_id}
        ).values("pk")[:1]
    )


_FOLLOWS = {field: _follows(field) for field in ("question", "tag", "category", "member")}
