from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from mindwell.accounts.models import User
from mindwell.core.errors import NotFound


def _has_public_post() -> Q:
    """Members who signed at least one published post with their name. Everyone else (new
    members, members who only post anonymously) has no public profile and no row in the
    member list: joining is not made public by the site."""
    from mindwell.qa.models import Answer, Comment, Question, Status

    def signed(model: Any) -> Exists:
        return Exists(
            model.objects.filter(author=OuterRef("pk"), is_anonymous=False, status=Status.PUBLISHED)
        )

    return Q(signed(Question)) | Q(signed(Answer)) | Q(signed(Comment))


def member_by_username(username: str, *, viewer: Any = None) -> User:
    """A member's public profile; the member themself and moderators always see it."""
    members = User.objects.filter(username=username, is_active=True)
    own = viewer is not None and viewer.is_authenticated and viewer.username == username
    if not own and not getattr(viewer, "is_moderator", False):
        members = members.filter(_has_public_post())
    user = members.first()
    if user is None:
        raise NotFound("Member not found.")
    return user


def members_by_points() -> QuerySet[User]:
    return User.objects.filter(_has_public_post(), is_active=True).order_by("-points", "id")
