from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import DEFAULT_DB_ALIAS, models

from mindwell.core.prepared import Prepared, model_fields
from mindwell.core.reversing import reverse_fast


def starting_points() -> int:
    """The points a new member starts with: the admin's "Points for joining"."""
    from django.db import DatabaseError

    from mindwell.core import runtime

    if runtime.is_registered("points.base"):  # by the reputation app, once it is ready
        try:
            return int(runtime.get("points.base"))
        except DatabaseError:  # no tables yet: Django's checks build a User before migrate
            pass
    return int(settings.POINTS["BASE"])


class MemberManager(UserManager["User"]):
    """Django's UserManager, but `get(pk=<int>)` alone, which loads the member of every
    signed-in request (auth's ModelBackend.get_user), reads the row with a prepared
    statement (core.prepared): 0.06 ms instead of the ORM's 0.34 ms of building and
    compiling the query. Every other call is the ORM's."""

    # By model: the prepared read of every column, and the columns in the order it reads them.
    _by_id: ClassVar[dict[type[models.Model], tuple[Prepared, list[str]]]] = {}

    def get(self, *args: Any, **kwargs: Any) -> "User":
        pk = kwargs.get("pk")
        if (
            args
            or len(kwargs) != 1
            or type(pk) is not int
            or self._db not in (None, DEFAULT_DB_ALIAS)
        ):
            return super().get(*args, **kwargs)
        model = self.model
        if (found_read := self._by_id.get(model)) is None:
            names = model_fields(model)
            by_id = Prepared(
                lambda user_id: model._base_manager.filter(pk=user_id).values_list(*names)
            )
            found_read = self._by_id[model] = (by_id, names)
        by_id, names = found_read
        found = by_id.converted(user_id=pk)
        if not found:
            raise model.DoesNotExist(f"{model._meta.object_name} matching query does not exist.")
        return model.from_db(DEFAULT_DB_ALIAS, names, found[0])


class User(AbstractUser):
    """A member. Email addresses are private: never shown on any page."""

    objects: ClassVar[MemberManager] = MemberManager()

    class Level(models.TextChoices):
        MEMBER = "member", "Member"
        APPROVED = "approved", "Approved member"
        EXPERT = "expert", "Expert"
        EDITOR = "editor", "Editor"
        MODERATOR = "moderator", "Moderator"
        ADMIN = "admin", "Administrator"
        SUPER = "superadmin", "Super administrator"

    display_name = models.CharField(
        max_length=60, blank=True, help_text="Shown on your posts instead of your username."
    )
    about = models.TextField(max_length=1000, blank=True)
    level = models.CharField(max_length=12, choices=Level.choices, default=Level.MEMBER)
    points = models.IntegerField(default=starting_points, db_index=True)
    # How much this member's flags count; lowered when moderators dismiss them.
    flag_weight = models.FloatField(default=1.0)
    # A moderator on duty gets crisis alerts at once (in-app and by email), until the
    # end of their shift (settings.DUTY_SHIFT_HOURS after going on duty).
    on_duty = models.BooleanField(default=False)
    on_duty_until = models.DateTimeField(null=True, blank=True)
    # The current suspension or silencing (history in moderation.Suspension).
    restriction = models.CharField(
        max_length=8, blank=True, choices=[("suspend", "Suspended"), ("silence", "Silenced")]
    )
    restricted_until = models.DateTimeField(null=True, blank=True, help_text="Empty: permanent.")
    restriction_reason = models.TextField(blank=True)
    # The uploaded picture: the storage name its sizes share (accounts.avatars.stored_name),
    # e.g. "avatars/Xk2…"; empty shows the generated initials. A new upload gets a new name,
    # so its URLs can be cached for ever.
    avatar = models.CharField(max_length=80, blank=True, editable=False)

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["-points", "id"], name="user_points_rank")
        ]

    def __str__(self) -> str:
        return self.public_name

    def get_absolute_url(self) -> str:
        return reverse_fast("accounts:profile", username=self.username)

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    def active_restriction(self) -> str:
        """ "suspend", "silence" or "" (an expired restriction no longer applies)."""
        from django.utils import timezone

        if not self.restriction:
            return ""
        if self.restricted_until is not None and self.restricted_until <= timezone.now():
            return ""
        return self.restriction

    @property
    def is_moderator(self) -> bool:
        from mindwell.accounts.roles import is_moderator

        return is_moderator(self)


class ApiToken(models.Model):
    """A personal access token for the JSON API (`Authorization: Bearer …`).

    Only a SHA-256 digest of the secret is stored (the secret is random, 256 bits, so a
    fast digest is enough); the member sees the secret once, when it is made. `prefix`
    (the secret's first characters) lets the member tell their tokens apart.
    """

    class Scope(models.TextChoices):
        READ = "read", "Read"
        WRITE = "write", "Write"
        MODERATE = "moderate", "Moderate"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: never.")
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now: Any) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def allows(self, scope: str) -> bool:
        """`write` includes `read`; `moderate` is its own scope."""
        if scope == self.Scope.READ:
            return bool(self.scopes)
        return scope in self.scopes
