from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

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
