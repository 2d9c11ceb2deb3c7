"""The embedded file cache lists its directory to cull at most once a minute per process,
and still culls when it holds more than MAX_ENTRIES."""

from unittest import mock

from mindwell.core import cache_backends
from mindwell.core.cache_backends import FileCache


def test_sets_do_not_list_the_directory_each_time_but_culling_still_happens(tmp_path):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    with mock.patch.object(cache_backends, "_last_cull", -(10**9)):
        with mock.patch.object(
            FileCache, "_list_cache_files", wraps=cache._list_cache_files
        ) as listed:
            for i in range(30):
                cache.set(f"key{i}", i)
        assert listed.call_count == 1  # the first set looked; the next 29 did not
        assert len(list(tmp_path.glob("*.djcache"))) == 30
        with mock.patch.object(cache_backends, "time") as clock:
            clock.monotonic.return_value = 10**9  # a minute (and more) later
            cache.set("one-more", 1)
        assert len(list(tmp_path.glob("*.djcache"))) <= 17  # culled half, then wrote one
        assert cache.get("one-more") == 1
