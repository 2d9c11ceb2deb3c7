"""The member of every signed-in request is read with a prepared statement: the same member."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mindwell.accounts.models import User
from mindwell.qa.tests.factories import UserFactory


def test_a_member_read_by_id_has_every_field_the_orm_gives(db):
    member = UserFactory(display_name="Quiet Fern", points=321, on_duty=True, flag_weight=0.5)
    User.objects.filter(pk=member.pk).update(
        last_login=timezone.now() - timedelta(hours=2),
        restricted_until=timezone.now() + timedelta(days=1),
        restriction="silence",
    )
    fast = User.objects.get(pk=member.pk)
    orm = User.objects.filter(pk=member.pk).get()  # the queryset's get: the ORM's own path
    fields = [f.attname for f in User._meta.concrete_fields]
    assert [getattr(fast, f) for f in fields] == [getattr(orm, f) for f in fields]
    assert fast.on_duty is True and fast.is_active is True and fast.restriction == "silence"
    assert fast.get_deferred_fields() == set()
    fast.display_name = "Still Fern"
    fast.save()  # an instance like any other
    assert User.objects.filter(pk=member.pk).get().display_name == "Still Fern"


def test_a_missing_member_is_not_found(db):
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=987654)


def test_other_lookups_are_the_orms(db):
    member = UserFactory(username="river-stone")
    assert User.objects.get(username="river-stone") == member
    assert User.objects.get(pk=str(member.pk)) == member


def test_a_signed_in_request_knows_its_member(db, client_for):
    member = UserFactory(display_name="Harbour Light")
    page = client_for(member).get("/").content.decode()
    assert "Harbour Light" in page
