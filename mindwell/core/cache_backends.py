"""The embedded default cache: Django's file cache, shared by every process of a machine."""

from __future__ import annotations

import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY_SECONDS = 60.0
_last_cull = 0.0  # per process


class FileCache(FileBasedCache):
    """Django's file cache, but it lists its directory (to cull when MAX_ENTRIES is passed)
    at most once a minute per process instead of on every set: with the pages of a large
    site cached, listing tens of thousands of files was most of the cost of every set, and
    of every version bump (an incr is a get and a set)."""

    def _cull(self) -> None:
        global _last_cull
        now = time.monotonic()
        if now - _last_cull < CULL_EVERY_SECONDS:
            return
        _last_cull = now
        super()._cull()  # type: ignore[misc]  # (private in the stubs)
