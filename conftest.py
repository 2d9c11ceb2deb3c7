"""Shared fixtures: personas (asker, counselor, moderator, stranger) and logged-in clients."""

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import settings as hypothesis_settings

from mindwell.accounts.models import User
from mindwell.accounts.tests.factories import UserFactory
from mindwell.taxonomy.tests.factories import CategoryFactory

# No test asserts how long something takes (speed lives in `make bench`): Hypothesis's
# per-example deadline is one such assertion, and a first example that loads the URLconf
# or a model on a busy machine exceeded it.
hypothesis_settings.register_profile("mindwell", deadline=None)
hypothesis_settings.load_profile("mindwell")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def asker(db) -> User:
    return UserFactory(username="alice", display_name="Alice")


@pytest.fixture
def stranger(db) -> User:
    return UserFactory(username="charlie", display_name="Charlie")


@pytest.fixture
def counselor(db) -> User:
    return UserFactory(username="bob", display_name="Bob, LPC", level=User.Level.EXPERT)


@pytest.fixture
def moderator(db) -> User:
    return UserFactory(username="mona", display_name="Mona", level=User.Level.MODERATOR)


@pytest.fixture
def category(db):
    return CategoryFactory(name="Anxiety & stress", slug="anxiety-stress")


@pytest.fixture
def client_for():
    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


class _Inbox:
    """What a real SMTP server (aiosmtpd) received."""

    def __init__(self) -> None:
        self.messages: list = []
        self.delay = 0.0  # seconds before each reply to DATA (a slow mail server)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        import asyncio
        import email

        if self.delay:
            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        self.messages.append(message)
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.inbox = _Inbox()
        self.controller = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list:
        return self.inbox.messages


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free port; Django's email settings point at it."""
    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def run_worker():
    """Run the background worker until no task is ready (what `make run` starts)."""
    from django.core.management import call_command

    def run() -> None:
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)

    return run


@pytest.fixture
def everyone_votes_down(db):
    """A custom privilege table where new members may vote down."""
    from mindwell.reputation.models import PrivilegeTable

    table, _ = PrivilegeTable.objects.get_or_create(pk=1)
    table.preset = PrivilegeTable.Preset.CUSTOM
    table.vote_down = 0
    table.save()
    return table


def pytest_collection_modifyitems(items):
    """Transactional tests flush the database afterwards, which would also remove the
    rows that migrations seed (crisis lines, policy pages, canned messages). Serialized
    rollback puts them back for the tests that follow."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
            name in item.fixturenames for name in ("transactional_db", "live_server")
        )
        if transactional:
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )
