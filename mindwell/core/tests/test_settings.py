import os
import subprocess
import sys
from pathlib import Path

from mindwell.core.models import SiteConfiguration

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args, env_extra, tmp_path):
    env = {**os.environ, "MINDWELL_VAR_DIR": str(tmp_path), **env_extra}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={"HTTPS": "true", "DEBUG": "false", "SECRET_KEY": "k" * 20 + "Zq8!x" * 10},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_secret_key_is_generated_once_into_var(tmp_path):
    for _ in range(2):
        result = _manage(
            "shell",
            "-c",
            "from django.conf import settings; print(settings.SECRET_KEY)",
            env_extra={"SECRET_KEY": ""},
            tmp_path=tmp_path,
        )
        assert result.returncode == 0, result.stderr
    key = (tmp_path / "secret_key").read_text().strip()
    assert len(key) >= 50
    assert result.stdout.strip().splitlines()[-1] == key


def test_sqlite_runs_in_wal_mode(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_site_configuration_is_a_single_cached_row(db, django_assert_num_queries):
    SiteConfiguration.load()
    with django_assert_num_queries(0):
        assert SiteConfiguration.load().allow_anonymous_posts is True
    config = SiteConfiguration(allow_anonymous_posts=False)
    config.save()
    assert SiteConfiguration.objects.count() == 1
    assert SiteConfiguration.load().allow_anonymous_posts is False


def test_static_files_are_served_from_the_project_package(client, db):
    from django.contrib.staticfiles import finders

    assert finders.find("css/mindwell.css")
    assert finders.find("js/htmx-2.0.11.min.js")
