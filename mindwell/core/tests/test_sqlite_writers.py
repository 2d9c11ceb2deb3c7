"""SQLite's write transactions queue on a lock file (mindwell/core/sqlite/base.py)."""

import fcntl
import os
import threading

import pytest
from django.db import OperationalError, connection, transaction

from mindwell.core.models import RateCounter

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's writers only"),
]


def _lock_is_free() -> bool:
    """Whether another open file of the writers' lock could take it now."""
    fd = os.open(f"{connection.settings_dict['NAME']}.writers", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


def _count(key: str) -> None:
    RateCounter.objects.create(key=key, window="2026-12-07T10:00:00Z")


def test_a_write_transaction_holds_the_writers_lock_until_it_commits_or_rolls_back():
    with transaction.atomic():
        _count("first")
        assert not _lock_is_free()
    assert _lock_is_free()
    held_while_failing: list[bool] = []

    def fail() -> None:
        with transaction.atomic():
            _count("second")
            held_while_failing.append(not _lock_is_free())
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        fail()
    assert held_while_failing == [True]
    assert _lock_is_free()
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["first"]


def test_a_writer_waits_its_turn_and_gives_up_after_the_timeout(monkeypatch):
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 0.3)
    outcome: list[str] = []

    def write(key: str) -> None:
        try:
            with transaction.atomic():
                _count(key)
            outcome.append("written")
        except OperationalError as error:
            outcome.append(str(error))
        finally:
            connection.close()

    with transaction.atomic():
        _count("holder")
        waiter = threading.Thread(target=write, args=("while held",))
        waiter.start()
        waiter.join()
    after = threading.Thread(target=write, args=("after",))
    after.start()
    after.join()

    assert outcome == ["database is locked", "written"]
    assert sorted(RateCounter.objects.values_list("key", flat=True)) == ["after", "holder"]
