"""Low findings of the outside probe: NUL bytes, API limits, off-site redirects, caching of
members' pages, cookie names and CSP."""

import pytest
from django.test import Client

from mindwell.qa.tests.factories import UserFactory, ask


@pytest.mark.parametrize(
    "path",
    ["/questions/?tag=a%00b", "/search/?q=panic%00attack", "/api/v1/questions?category=x%00"],
)
def test_a_nul_byte_in_a_query_is_a_400(client, db, path):
    assert client.get(path).status_code == 400


def test_a_nul_byte_in_a_path_is_a_404(client, db):
    assert client.get("/users/al%00ice/").status_code == 404
    assert client.get("/tags/x%00y/").status_code == 404


def test_a_nul_byte_in_a_form_or_json_body_is_a_400_and_nothing_is_saved(
    client_for, category, asker
):
    client = client_for(asker)
    page = client.post(
        "/ask/", {"title": "A title with a NUL\x00 inside", "body": "Body", "category": category.pk}
    )
    assert page.status_code == 400
    api = client.post(
        "/api/v1/questions",
        data='{"title": "A NUL \\u0000 in JSON", "body": "Some body text", "category": "x"}',
        content_type="application/json",
    )
    assert api.status_code == 400


@pytest.mark.parametrize("limit", ["-1", "0", "99999999999999999999", "abc"])
def test_tag_list_limits_are_validated(client, db, limit):
    response = client.get(f"/api/v1/tags?limit={limit}")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_the_tag_list_answers_within_its_limits(client, db):
    assert client.get("/api/v1/tags?limit=500").status_code == 200


def test_next_never_leads_off_site(client_for, category, asker):
    q = ask(asker, category=category)
    client = client_for(UserFactory())
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = client.post(f"/follow/question/{q.pk}/", {"follow": "on", "next": target})
        assert response.status_code == 302
        assert "evil.example" not in response["Location"]
    response = client.post(f"/follow/question/{q.pk}/", {"follow": "on", "next": "/questions/"})
    assert response["Location"] == "/questions/"


def test_members_pages_are_not_cached_and_visitors_pages_may_be(client_for, asker, db):
    assert "no-store" in client_for(asker).get("/").get("Cache-Control", "")
    assert "private" in client_for(asker).get("/").get("Cache-Control", "")
    assert "no-store" not in Client().get("/").get("Cache-Control", "")


def test_csp_forbids_base_tags(client, db):
    assert "base-uri 'none'" in client.get("/")["Content-Security-Policy"]


def test_under_https_cookies_carry_the_host_prefix():
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'mindwell.settings'; "
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE)"
    )
    env = {**os.environ, "HTTPS": "true", "SECRET_KEY": "x" * 50}
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["__Host-sessionid", "__Host-csrftoken", "True"]


def test_sqlite_overwrites_deleted_content(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL does not keep deleted rows readable in the file")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1
