"""Password reset emails are limited per address and per network, silently."""

from django.core import mail
from django.test import Client

from mindwell.qa.tests.factories import UserFactory


def _reset(email: str, ip: str):
    return Client(REMOTE_ADDR=ip).post("/accounts/password/reset/", {"email": email})


def test_one_address_gets_at_most_three_reset_emails_an_hour(db):
    UserFactory(email="alice@example.org")
    responses = [_reset("alice@example.org", f"203.0.113.{i}") for i in range(1, 7)]
    assert {r.status_code for r in responses} == {302}  # the same answer every time
    assert len(mail.outbox) == 3


def test_an_address_without_an_account_is_limited_the_same_way(db):
    responses = [_reset("nobody@example.org", f"203.0.113.{i}") for i in range(1, 7)]
    assert {r.status_code for r in responses} == {302}
    assert len(mail.outbox) == 3


def test_one_network_sends_at_most_three_reset_emails_an_hour(db):
    responses = [_reset(f"person{i}@example.org", "198.51.100.9") for i in range(6)]
    assert {r.status_code for r in responses} == {302}
    assert len(mail.outbox) == 3
    assert _reset("person0@example.org", "198.51.100.10").status_code == 302
    assert len(mail.outbox) == 4  # another network, another address budget
