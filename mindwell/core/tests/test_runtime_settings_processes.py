"""A setting changed by one process is read by every other at once: the values live on the
configuration row, kept in the machine's shared cache and dropped from it on save."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]

READER = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mindwell.settings")
django.setup()
from mindwell.core import runtime
for line in sys.stdin:
    print(runtime.get("general.site_name"), runtime.get("lists.page_size"), flush=True)
"""

WRITER = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mindwell.settings")
django.setup()
from mindwell.core import runtime
runtime.save(values={"general.site_name": "Calm Harbour", "lists.page_size": 8})
"""


def _env(tmp_path):
    env = {
        **os.environ,
        "MINDWELL_SHARED_CACHE_IN_TESTS": "1",
        "CACHE_DIR": str(tmp_path / "cache"),
        "DJANGO_SETTINGS_MODULE": "mindwell.settings",
    }
    env.pop("REDIS_URL", None)
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = db["NAME"]  # the test database, which this test commits to
    else:
        host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{host}/{db['NAME']}"
    return env


@pytest.mark.django_db(transaction=True)
def test_a_setting_changed_in_one_process_is_read_at_once_by_another(tmp_path):
    from mindwell.core.models import SiteConfiguration

    SiteConfiguration.load()  # the row exists, with the defaults
    env = _env(tmp_path)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdin and reader.stdout
        reader.stdin.write("read\n")
        reader.stdin.flush()
        assert reader.stdout.readline().split() == ["Mindwell", "20"]  # now in the cache
        subprocess.run([sys.executable, "-c", WRITER], cwd=ROOT, env=env, check=True, timeout=120)
        reader.stdin.write("read\n")
        reader.stdin.flush()
        assert reader.stdout.readline().split() == ["Calm", "Harbour", "8"]
    finally:
        reader.kill()
        reader.wait(timeout=30)
