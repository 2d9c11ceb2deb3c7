"""Dictionaries that live for one request: empty when it starts, gone when it ends.

Some values are read many times while one page is drawn (whether voting is on, for each
post; the privilege table, for each post's controls) and change rarely. A request memo keeps
the first read for the rest of the request; outside a request (the worker, commands, a
service called from a test) there is none, and every read goes to the shared cache.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.core.signals import request_finished, request_started


class RequestMemo:
    def __init__(self, name: str) -> None:
        self._values: ContextVar[dict[str, Any] | None] = ContextVar(name, default=None)
        request_started.connect(self._start, dispatch_uid=f"{name}-started", weak=False)
        request_finished.connect(self._end, dispatch_uid=f"{name}-finished", weak=False)

    def _start(self, **kwargs: Any) -> None:
        self._values.set({})

    def _end(self, **kwargs: Any) -> None:
        self._values.set(None)

    def values(self) -> dict[str, Any] | None:
        """This request's dictionary, or None outside a request."""
        return self._values.get()

    def forget(self) -> None:
        """Drop what this request has read (after a save)."""
        if self._values.get() is not None:
            self._values.set({})
