from django.db.models import QuerySet

from mindwell.accounts.models import User
from mindwell.core.errors import NotFound


def member_by_username(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise NotFound("Member not found.")
    return user


def members_by_points() -> QuerySet[User]:
    return User.objects.filter(is_active=True).order_by("-points", "id")
