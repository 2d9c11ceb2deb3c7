"""The duty rota: who gets crisis alerts at once, and until when.

Going on duty lasts one shift (settings.DUTY_SHIFT_HOURS); at its end the moderator is
off duty and told so (in the inbox of the duty page and by email). Nobody can silence
everyone: when nobody is on duty, every moderator and admin is alerted (alerts.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from mindwell.accounts import roles
from mindwell.accounts.models import User
from mindwell.audit.services import audit
from mindwell.core.errors import NotAllowed
from mindwell.notifications import services as notifications
from mindwell.notifications.models import Kind
from mindwell.safety import tasks


def on_duty(now: datetime | None = None) -> QuerySet[User]:
    """Moderators whose shift is running now, soonest-ending first."""
    now = now or timezone.now()
    return roles.moderators().filter(on_duty=True, on_duty_until__gt=now).order_by("on_duty_until")


@transaction.atomic
def set_on_duty(*, moderator: User, on_duty: bool, hours: int | None = None) -> User:
    """Go on duty for one shift (or `hours`, 1 to 12), or off duty now."""
    if not roles.is_moderator(moderator):
        raise NotAllowed("Only moderators can go on duty.")
    now = timezone.now()
    if on_duty:
        length = max(1, min(12, hours or settings.DUTY_SHIFT_HOURS))
        until = now + timedelta(hours=length)
        User.objects.filter(pk=moderator.pk).update(on_duty=True, on_duty_until=until)
        moderator.on_duty, moderator.on_duty_until = True, until
        tasks.end_shift.using(run_after=until).enqueue(moderator.pk, until.isoformat())
        audit(actor=moderator, action="on_duty", target=moderator, reason=f"until {until:%H:%M}")
    else:
        User.objects.filter(pk=moderator.pk).update(on_duty=False, on_duty_until=None)
        moderator.on_duty, moderator.on_duty_until = False, None
        audit(actor=moderator, action="off_duty", target=moderator)
    return moderator


@transaction.atomic
def end_shift(user_id: int, until_iso: str) -> bool:
    """The end of a shift (run by the worker at its end): off duty, and told so. A
    shift that was extended or ended by hand since is left alone."""
    moderator = User.objects.select_for_update().filter(pk=user_id).first()
    if moderator is None or not moderator.on_duty or moderator.on_duty_until is None:
        return False
    if moderator.on_duty_until.isoformat() != until_iso:
        return False  # a newer shift
    moderator.on_duty, moderator.on_duty_until = False, None
    moderator.save(update_fields=["on_duty", "on_duty_until"])
    audit(actor=None, action="shift_ended", target=moderator)
    notifications.email_member(
        moderator,
        Kind.CRISIS_ALERT,
        f"shift-end:{until_iso}",
        "Your shift has ended: you are off duty",
        [
            "Your crisis-duty shift has ended and you are now off duty.",
            "Urgent alerts go to whoever is on duty; if nobody is, every moderator hears.",
        ],
        path=reverse("safety:duty"),
    )
    return True
