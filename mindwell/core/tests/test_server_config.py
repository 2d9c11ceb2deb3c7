"""The web server as `make run` and `make bench` start it (gunicorn, from the project's
directory) replaces each worker after a few thousand requests, so a long-running site's
workers do not keep the memory their pages dirtied."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def effective(env_extra: dict[str, str] | None = None) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", "mindwell.wsgi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env_extra or {})},
    )
    assert done.returncode == 0, done.stderr
    return {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in done.stdout.splitlines())
        if value
    }


def test_workers_are_recycled_with_jitter():
    config = effective()
    assert config["max_requests"] == "5000"
    assert config["max_requests_jitter"] == "500"
    assert effective({"WEB_MAX_REQUESTS": "800"})["max_requests"] == "800"
