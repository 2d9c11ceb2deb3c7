"""Django's SQLite backend, with write transactions queued on a lock file.

SQLite lets one writer in at a time. A connection that finds the database locked waits in
SQLite's busy handler, which sleeps 1, 2, 5, 10, 15, 20, 25 ms... between tries, whatever
the moment the lock is freed: a vote holds the lock for 2-4 ms, so with three web workers
writing at once the waiters mostly slept past it. Measured under `make bench`'s vote
scenario (50 members voting at once): the machine was 31-43 % idle while the writers slept.

Here a write transaction (Django's `atomic`, which begins with BEGIN IMMEDIATE) first takes
an exclusive `flock` on ``<database>.writers``, a file beside the database that every process
of the machine opens, and gives it back when the transaction ends (commit, rollback or a
closed connection). A waiter tries again every 0.25-1 ms, so the next writer goes in within
a millisecond of the last one leaving. SQLite's own lock and busy timeout are unchanged
underneath (statements outside `atomic` and other programs still use them), and a waiter
gives up after the database's timeout as SQLite would ("database is locked"). A process
that dies holding the lock loses it with its file descriptor (the kernel frees it).
In-memory databases have no file to share and no other process: nothing changes for them.
"""

from __future__ import annotations

import fcntl
import os
import time
from typing import Any

from django.db.backends.sqlite3 import base as sqlite3_base
from django.db.utils import OperationalError

FIRST_PAUSE = 0.00025  # seconds between tries, doubling up to LONGEST_PAUSE
LONGEST_PAUSE = 0.001


# django-stubs declares none of the private methods overridden here.
_SQLiteWrapper: Any = sqlite3_base.DatabaseWrapper


class DatabaseWrapper(_SQLiteWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._writers_fd: int | None = None
        self._writers_pid = 0  # the process that opened it (a forked child opens its own)
        self._holding = False

    def _writers_file(self) -> int | None:
        """This connection's descriptor of the lock file (its own, so two connections of
        one process exclude each other too); None for an in-memory database."""
        if self._writers_fd is not None and self._writers_pid != os.getpid():
            # Inherited through fork: the parent's open file, whose lock the two would share.
            os.close(self._writers_fd)
            self._writers_fd, self._holding = None, False
        if self._writers_fd is None:
            if self.is_in_memory_db():
                return None
            path = f"{self.settings_dict['NAME']}.writers"
            self._writers_fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._writers_pid = os.getpid()
        return self._writers_fd

    def _take_writers_lock(self) -> None:
        fd = self._writers_file()
        if fd is None or self._holding:
            return
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
        deadline = time.monotonic() + timeout
        pause = FIRST_PAUSE
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OperationalError("database is locked") from None
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
                continue
            self._holding = True
            return

    def _give_back_writers_lock(self) -> None:
        if self._holding and self._writers_fd is not None:
            fcntl.flock(self._writers_fd, fcntl.LOCK_UN)
        self._holding = False

    def _start_transaction_under_autocommit(self) -> None:
        if self.transaction_mode not in ("IMMEDIATE", "EXCLUSIVE"):
            super()._start_transaction_under_autocommit()
            return
        self._take_writers_lock()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._give_back_writers_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()
        finally:
            if self.connection is None or not self.connection.in_transaction:
                self._give_back_writers_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()
        finally:
            self._give_back_writers_lock()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self._give_back_writers_lock()
            if self._writers_fd is not None:
                os.close(self._writers_fd)
                self._writers_fd = None
