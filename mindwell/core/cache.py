"""Version counters for cache keys: bump a name and every key built on it is stale."""

from django.core.cache import cache


def get_version(name: str) -> int:
    key = f"version:{name}"
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, None)
        version = cache.get(key, 1)
    return int(version)


def bump_version(name: str) -> None:
    key = f"version:{name}"
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, None)
