"""`make run` fails clearly, with a non-zero exit, when its port is taken (it used to print
"Mindwell is running" anyway)."""

import shutil
import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASH = shutil.which("bash") or "/bin/bash"


@pytest.mark.skipif(not (ROOT / ".venv/bin/python").exists(), reason="needs make's virtualenv")
def test_a_taken_port_is_a_clear_failure():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [BASH, "scripts/run.sh", "127.0.0.1", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"Cannot listen on 127.0.0.1:{port}" in result.stderr
    assert f"make run PORT={port + 1}" in result.stderr
    assert "is running" not in result.stdout
