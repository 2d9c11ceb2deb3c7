"""Shared fixtures: personas (asker, counselor, moderator, stranger) and logged-in clients."""

import pytest
from django.core.cache import cache
from django.test import Client

from mindwell.accounts.models import User
from mindwell.qa.tests.factories import CategoryFactory, UserFactory


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
