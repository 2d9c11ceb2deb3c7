from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.module_loading import import_string

from mindwell.accounts import avatars
from mindwell.accounts.models import User
from mindwell.core.cache import bump_version_around_commit
from mindwell.core.markdown import clean_text


def profile_checks() -> list[Callable[..., Any]]:
    """The checks other apps put on profile text (settings.PROFILE_CHECKS, dotted paths,
    like AUTH_PASSWORD_VALIDATORS): identity names no domain app. Each raises
    ValidationError({field: message}) to refuse."""
    return [import_string(path) for path in getattr(settings, "PROFILE_CHECKS", [])]


@transaction.atomic
def update_profile(*, user: User, display_name: str, about: str) -> User:
    display_name = " ".join(clean_text(display_name).split())[:60]
    about = clean_text(about).strip()[:1000]
    for check in profile_checks():
        check(user, display_name=display_name, about=about)
    user.display_name = display_name
    user.about = about
    user.full_clean(exclude=["password", "username", "email"])
    user.save(update_fields=["display_name", "about"])
    bump_version_around_commit("people")  # names on visitors' cached pages
    return user


def set_avatar(*, user: User, upload: Any) -> User:
    """Make the uploaded picture the member's avatar (raises ValidationError with a message
    for the member when the file cannot be used). The previous picture's files are deleted
    once the change is committed; the new files are deleted again if saving the row fails.
    Call it outside a transaction: the files are written before the row."""
    try:
        sizes = avatars.process_upload(upload)
    except avatars.AvatarRejected as error:
        raise ValidationError({"avatar": str(error)}) from None
    stored = avatars.new_stored_name()
    avatars.save_files(stored, sizes)
    try:
        with transaction.atomic():
            previous = _lock_avatar(user)
            user.avatar = stored
            user.save(update_fields=["avatar"])
            if previous:
                transaction.on_commit(lambda: avatars.delete_files(previous))
            bump_version_around_commit("people")  # pictures on visitors' cached pages
    except BaseException:
        avatars.delete_files(stored)
        raise
    return user


def _lock_avatar(user: User) -> str:
    return str(User.objects.select_for_update().values_list("avatar", flat=True).get(pk=user.pk))


@transaction.atomic
def remove_avatar(*, user: User) -> User:
    """Go back to the generated initials; the picture's files are deleted after commit."""
    previous = _lock_avatar(user)
    user.avatar = ""
    user.save(update_fields=["avatar"])
    if previous:
        transaction.on_commit(lambda: avatars.delete_files(previous))
        bump_version_around_commit("people")
    return user
