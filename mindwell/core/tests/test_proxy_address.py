"""Behind a reverse proxy, the client cannot choose the address that limits and blocks use."""

from django.test import Client

from mindwell.core.privacy import ip_digest
from mindwell.qa.tests.factories import UserFactory


def _login(client: Client, forged: str):
    return client.post(
        "/accounts/login/",
        {"login": "alice", "password": "not the password"},
        HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.50",  # the proxy appended the real one
    )


def test_forged_forwarded_addresses_do_not_escape_the_log_in_limit(settings, db):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # BEHIND_PROXY=true
    settings.PROXY_HOPS = 1
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": (None, 5)}
    UserFactory(username="alice")
    client = Client(REMOTE_ADDR="10.0.0.2")  # the proxy
    codes = [_login(client, f"198.51.100.{i}").status_code for i in range(1, 8)]
    assert codes[:5] == [200] * 5
    assert codes[5:] == [429, 429]


def test_the_address_the_proxy_appended_is_the_one_counted(settings, rf):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.PROXY_HOPS = 1
    forged = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.50", REMOTE_ADDR="10.0.0.2")
    honest = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.50", REMOTE_ADDR="10.0.0.2")
    expected = ip_digest(honest)
    assert ip_digest(forged) == expected
    settings.PROXY_HOPS = 2  # two proxies: the outer one appended the client's address
    chain = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.50, 10.0.0.9")
    assert ip_digest(chain) == expected


def test_without_a_proxy_the_header_is_ignored(settings, rf):
    settings.PROXY_HOPS = 0
    a = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4", REMOTE_ADDR="203.0.113.50")
    b = rf.get("/", HTTP_X_FORWARDED_FOR="5.6.7.8", REMOTE_ADDR="203.0.113.50")
    assert ip_digest(a) == ip_digest(b)
