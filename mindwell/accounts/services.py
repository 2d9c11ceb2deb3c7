from django.db import transaction

from mindwell.accounts.models import User
from mindwell.core.markdown import clean_text


@transaction.atomic
def update_profile(*, user: User, display_name: str, about: str) -> User:
    user.display_name = " ".join(clean_text(display_name).split())[:60]
    user.about = clean_text(about).strip()[:1000]
    user.full_clean(exclude=["password", "username", "email"])
    user.save(update_fields=["display_name", "about"])
    return user
