"""Settings rows are read once per request: a page asks for the privilege table once per
post's controls. A change shows from the next request on, or at once in the request that
saved it; outside a request every read goes to the shared cache."""

from contextlib import contextmanager

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from mindwell.reputation.models import PrivilegeTable


@contextmanager
def request():
    # As Django's test client does: the signals, without closing the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        yield
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def changed_elsewhere(points: int) -> None:
    """Another process saves the table: the row changes and the shared copy is dropped."""
    PrivilegeTable.objects.filter(pk=1).update(vote_down=points)
    cache.delete(PrivilegeTable.CACHE_KEY)


def test_a_request_reads_the_table_once_and_the_next_sees_a_change(db):
    PrivilegeTable.load()
    with request():
        first = PrivilegeTable.load()
        changed_elsewhere(first.vote_down + 7)
        assert PrivilegeTable.load() is first  # the same request: its own copy
    with request():
        assert PrivilegeTable.load().vote_down == first.vote_down + 7


def test_the_request_that_saves_sees_its_change(db):
    with request():
        table = PrivilegeTable.load()
        table.preset = PrivilegeTable.Preset.CUSTOM
        table.vote_down = 321
        table.save()
        assert PrivilegeTable.load().vote_down == 321


def test_outside_a_request_every_read_asks_the_shared_cache(db):
    before = PrivilegeTable.load().vote_down
    changed_elsewhere(before + 3)
    assert PrivilegeTable.load().vote_down == before + 3
