"""Version counters for cache keys: bump a name and every key built on it is stale."""

import time

from django.core.cache import cache


def get_version(name: str) -> int:
    key = f"version:{name}"
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, None)
        version = cache.get(key, 1)
    return int(version)


def bump_version(name: str) -> None:
    """A new version: the clock in nanoseconds, written without reading the old one. (An
    increment is a read and a write in the file cache, and two processes bumping at once
    could both write the same number: one bump lost, a stale page kept.)"""
    cache.set(f"version:{name}", time.time_ns(), None)


def bump_version_around_commit(name: str) -> None:
    """Bump now and again when the transaction commits: a page rendered between the two (from
    the old rows) is cached under the first bump's version, which the second one retires."""
    from django.db import transaction

    bump_version(name)
    transaction.on_commit(lambda: bump_version(name))


def forget_around_commit(key: str) -> None:
    """Delete a cached value now and again when the transaction commits: a read between the
    two (of the old rows) cannot leave the old value cached."""
    from django.db import transaction

    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
