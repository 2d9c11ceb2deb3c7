"""The embedded default cache is shared by every process of a machine: what the
background worker changes (an unread count, a content version) the web workers see."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mindwell.settings")
django.setup()
from django.core.cache import cache
from mindwell.core.cache import bump_version, get_version
from mindwell.notifications.inbox import _unread_key
action = sys.argv[1]
if action == "fill":
    cache.set(_unread_key(7), 3, 300)
    print(get_version("questions"))
elif action == "worker":
    cache.delete(_unread_key(7))  # what a new notification does
    bump_version("questions")
elif action == "read":
    print(cache.get(_unread_key(7)), get_version("questions"))
"""


def _run(action, env):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, action],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip()


def test_a_value_changed_by_one_process_is_seen_by_another(tmp_path):
    env = {
        **os.environ,
        "MINDWELL_SHARED_CACHE_IN_TESTS": "1",
        "CACHE_DIR": str(tmp_path / "cache"),
        "SQLITE_PATH": str(tmp_path / "unused.sqlite3"),
    }
    env.pop("REDIS_URL", None)
    before = int(_run("fill", env))  # a web worker caches a member's unread count
    _run("worker", env)  # the worker makes a notification and bumps the content version
    count, version = _run("read", env).split()
    assert count == "None"  # the web worker no longer shows the stale count
    assert int(version) > before
