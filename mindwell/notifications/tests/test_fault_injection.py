"""Fault injection for background email: a hung mail server, a mail server that is down, and
a worker killed in the middle of a batch. Real SMTP servers (aiosmtpd, or a socket that never
answers), the real SMTP backend and, for the kill, the real worker process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from mindwell.accounts.models import User
from mindwell.notifications import services
from mindwell.notifications.models import OutboundEmail
from mindwell.qa.models import Question
from mindwell.qa.tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[3]
WAIT_LIMIT = 90  # seconds before a test gives up waiting (a liveness bound, not a speed test)


class HungSMTPServer:
    """Accepts connections and never says a word (a mail server that hangs)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connected = threading.Event()
        self.clients: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            self.clients.append(client)
            self.connected.set()

    def close(self) -> None:
        for client in self.clients:
            client.close()
        self.sock.close()


def _use_smtp(settings, port: int, timeout: int = 20) -> None:
    settings.EMAIL_BACKEND = "mindwell.notifications.outbox.OutboxBackend"
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = timeout


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _queue(n: int) -> list[OutboundEmail]:
    from django.core.mail import send_mail

    for i in range(n):
        send_mail(f"Message {i}", f"Body {i}", None, [f"person{i}@example.org"])
    return list(OutboundEmail.objects.order_by("created_at"))


@pytest.mark.django_db(transaction=True)
def test_a_hung_mail_server_does_not_hold_up_writes(settings, category):
    hung = HungSMTPServer()
    _use_smtp(settings, hung.port, timeout=15)
    try:
        (email,) = _queue(1)
        sender = threading.Thread(
            target=lambda: services.send_outbound_email(email_id=str(email.pk)), daemon=True
        )
        sender.start()
        assert hung.connected.wait(WAIT_LIMIT)
        # The worker is now inside its SMTP conversation. Members still write:
        asker = UserFactory(username="writer")
        from mindwell.qa.tests.factories import ask

        question = ask(asker, category=category, title="Written while the mail server hangs")
        assert sender.is_alive(), "the write finished only after the SMTP conversation"
        assert Question.objects.filter(pk=question.pk).exists()
        email.refresh_from_db()
        assert email.status == OutboundEmail.Status.SENDING and email.lease_until is not None
    finally:
        hung.close()
    sender.join(WAIT_LIMIT)
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.PENDING  # to be retried, not lost
    assert email.attempts == 1 and email.last_error


@pytest.mark.django_db(transaction=True)
def test_with_the_mail_server_down_sign_up_still_answers_and_the_email_waits(
    settings, client, run_worker
):
    _use_smtp(settings, _closed_port(), timeout=3)
    settings.ACCOUNT_RATE_LIMITS = False
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newcomer",
            "email": "newcomer@example.org",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
            "age": "30",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(username="newcomer").exists()
    email = OutboundEmail.objects.get(to="newcomer@example.org")
    run_worker()
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.PENDING
    assert email.attempts == 1 and "Connection" in email.last_error
    reset = client.post("/accounts/password/reset/", {"email": "newcomer@example.org"})
    assert reset.status_code == 302


def _worker_env(smtp_port: int, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = str(db["NAME"])
    else:
        user = db.get("USER") or "postgres"
        host = db.get("HOST") or "127.0.0.1"
        env["DATABASE_URL"] = f"postgres://{user}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"
    env |= {
        "DJANGO_SETTINGS_MODULE": "mindwell.settings",
        "MINDWELL_VAR_DIR": str(tmp_path),
        "SECRET_KEY": django_settings.SECRET_KEY,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "EMAIL_LEASE_SECONDS": "3",
        "SWEEP_EVERY_SECONDS": "1",
        "EMAIL_SWEEP_AFTER_SECONDS": "2",
    }
    return env


def _start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_LIMIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Gave up waiting for {what}")
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_loses_no_email(settings, smtp_server, tmp_path):
    settings.EMAIL_BACKEND = "mindwell.notifications.outbox.OutboxBackend"
    smtp_server.inbox.delay = 0.4  # a slow server, so the kill lands mid-batch
    emails = _queue(12)
    ids = {e.message_id for e in emails}
    env = _worker_env(smtp_server.port, tmp_path)
    worker = _start_worker(env)
    try:
        _wait(lambda: len(smtp_server.messages) >= 3, "the first emails")
        worker.send_signal(signal.SIGKILL)
        worker.wait(WAIT_LIMIT)
        delivered = len(smtp_server.messages)
        assert delivered < 12, "the batch finished before the kill; nothing was tested"
        worker = _start_worker(env)
        _wait(
            lambda: {m["Message-ID"] for m in smtp_server.messages} >= ids,
            "every email after the restart",
        )
        _wait(
            lambda: not OutboundEmail.objects.exclude(status=OutboundEmail.Status.SENT).exists(),
            "every outbox row marked sent",
        )
    finally:
        worker.kill()
        worker.wait(WAIT_LIMIT)
    received = [m["Message-ID"] for m in smtp_server.messages]
    assert set(received) == ids
    # At least once; only the email in flight at the kill may arrive twice (same Message-ID).
    assert len(received) - len(ids) <= 1
