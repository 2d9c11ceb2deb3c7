"""/healthz for load balancers and monitors, and the worker's heartbeat behind it."""

import json
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mindwell.core import heartbeat, tasks, workers
from mindwell.core.health import WorkerStatus, worker_status
from mindwell.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def _beat_ago(seconds: int) -> None:
    heartbeat.beat("test-host-1")
    WorkerHeartbeat.objects.update(beat_at=timezone.now() - timedelta(seconds=seconds))


def test_no_heartbeat_ever_is_503_with_the_worker_silent(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["database"] == "ok" and body["cache"] == "ok"
    assert body["worker"] == {"last_beat_seconds": None, "silent": True}
    assert body["tasks"] == {"pending": 0, "oldest_pending_seconds": None}
    assert response["Cache-Control"] == "no-store"


def test_a_fresh_heartbeat_is_200(client):
    heartbeat.beat("test-host-1")
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["worker"]["silent"] is False
    assert body["worker"]["last_beat_seconds"] is not None
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"


@override_settings(WORKER_SILENT_AFTER_SECONDS=60)
def test_a_heartbeat_older_than_the_setting_is_503(client):
    _beat_ago(61)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"]["silent"] is True
    assert response.json()["worker"]["last_beat_seconds"] >= 61


@override_settings(WORKER_SILENT_AFTER_SECONDS=600)
def test_the_newest_beat_counts_and_the_setting_is_read(client):
    _beat_ago(300)  # silent under the default of 120 s, not under 600
    heartbeat.beat("test-host-2")
    WorkerHeartbeat.objects.filter(worker_id="test-host-2").update(
        beat_at=timezone.now() - timedelta(hours=2)
    )
    assert client.get("/healthz").status_code == 200


def test_a_pending_task_enqueued_ten_minutes_ago_shows_its_age(client):
    heartbeat.beat("test-host-1")
    tasks.sweep.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=10))
    response = client.get("/healthz")
    assert response.status_code == 200  # a queue that waits is reported, not a failure
    assert response.json()["tasks"]["pending"] == 1
    assert response.json()["tasks"]["oldest_pending_seconds"] >= 600


def test_a_task_scheduled_for_later_is_not_pending_yet(client):
    tasks.sweep.using(run_after=timezone.now() + timedelta(hours=1)).enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=10))
    assert worker_status().pending == 0
    assert worker_status().oldest_pending_seconds is None


def test_the_real_heartbeat_writes_the_row_and_a_clean_stop_marks_it():
    worker = workers.worker_id()
    heartbeat.beat(worker, starting=True)
    row = WorkerHeartbeat.objects.get(worker_id=worker)
    assert row.pid > 0 and row.host and row.stopped_at is None
    assert row.started_at == row.beat_at
    assert worker_status().silent is False
    heartbeat.mark_stopped(worker)
    assert WorkerHeartbeat.objects.get(worker_id=worker).stopped_at is not None
    heartbeat.beat(worker)  # beating again (the same worker id) clears it
    assert WorkerHeartbeat.objects.get(worker_id=worker).stopped_at is None


def test_the_heartbeat_thread_beats_on_entry_and_stops_on_exit():
    worker = workers.worker_id()
    with heartbeat.Heartbeat(worker, every=3600) as beating:  # the thread never beats here
        assert WorkerHeartbeat.objects.get(worker_id=worker).stopped_at is None
        assert beating._thread.is_alive() and beating._thread.daemon
    assert not beating._thread.is_alive()
    assert WorkerHeartbeat.objects.get(worker_id=worker).stopped_at is not None


def test_workers_gone_from_this_host_are_forgotten():
    heartbeat.beat(workers.worker_id())  # this process: alive
    gone = heartbeat.beat("gone-worker")
    WorkerHeartbeat.objects.filter(pk=gone.pk).update(stopped_at=timezone.now())
    elsewhere = heartbeat.beat("other-host-worker")
    WorkerHeartbeat.objects.filter(pk=elsewhere.pk).update(
        host="elsewhere", beat_at=timezone.now() - timedelta(days=8)
    )
    assert heartbeat.forget_gone_workers() == 2
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == [
        workers.worker_id()
    ]


def test_the_response_holds_no_address_host_or_member_data(client, django_user_model):
    heartbeat.beat("test-host-1")
    user = django_user_model.objects.create_user(
        username="healthwatcher", email="watcher@example.org", password="x-Long-pass-42"
    )
    client.force_login(user)
    response = client.get(
        "/healthz", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    text = response.content.decode()
    for secret in ("203.0.113.7", "198.51.100.9", "127.0.0.1", "healthwatcher", "watcher@"):
        assert secret not in text
    row = WorkerHeartbeat.objects.get()
    assert row.host not in text and "test-host-1" not in text and str(row.pid) not in text
    body = json.loads(text)
    assert set(body) == {"status", "database", "cache", "worker", "tasks"}
    assert set(body["worker"]) == {"last_beat_seconds", "silent"}
    assert set(body["tasks"]) == {"pending", "oldest_pending_seconds"}
    assert "Set-Cookie" not in response.headers


def test_no_login_no_redirect_under_https_and_only_safe_methods(client):
    heartbeat.beat("test-host-1")
    with override_settings(SECURE_SSL_REDIRECT=True):
        assert client.get("/").status_code == 301  # the rest of the site goes to HTTPS
        assert client.get("/healthz").status_code == 200  # the probe is answered as asked
        assert client.head("/healthz").status_code == 200
        assert client.post("/healthz").status_code == 405


def test_a_missing_tasks_table_is_reported_not_a_500(client):
    from django.db import connection

    heartbeat.beat("test-host-1")
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        cursor.execute(f"DROP TABLE {DBTaskResult._meta.db_table}")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["tasks"] == {"pending": None, "oldest_pending_seconds": None}


def test_a_missing_heartbeat_table_is_silent_not_a_500(client):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {WorkerHeartbeat._meta.db_table}")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == {"last_beat_seconds": None, "silent": True}


def test_a_failing_cache_is_503(client, monkeypatch):
    from django.core.cache import cache

    heartbeat.beat("test-host-1")

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "set", down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "fail" and response.json()["database"] == "ok"


def test_worker_status_is_a_small_dataclass():
    status = worker_status()
    assert isinstance(status, WorkerStatus)
    assert status == WorkerStatus(
        last_beat_seconds=None, silent=True, pending=0, oldest_pending_seconds=None
    )


def test_the_thread_beats_every_interval_until_stopped(monkeypatch):
    beats = []
    beating = heartbeat.Heartbeat("test-host-1", every=0)

    def fake_beat(worker, **kwargs):  # no database from the thread in a test transaction
        beats.append(worker)
        if len(beats) == 3:
            beating._stop.set()

    monkeypatch.setattr(heartbeat, "beat", fake_beat)
    beating._thread.start()
    beating._thread.join(timeout=30)
    assert beats == ["test-host-1"] * 3


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_beats_and_marks_itself_stopped():
    from django.core.management import call_command

    call_command("worker", "--batch", "--interval", "0", verbosity=0)
    row = WorkerHeartbeat.objects.get(worker_id=workers.worker_id())
    assert row.stopped_at is not None
