"""Q2A content to Markdown, the Q2A password hashers and the redirects of a site that
never imported (no MariaDB needed)."""

import hashlib

import bcrypt
import pytest
from django.contrib.auth.hashers import check_password
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mindwell.core.markdown import render
from mindwell.importers.hashers import Q2ABcryptPasswordHasher, Q2ALegacySHA1PasswordHasher
from mindwell.importers.q2a.content import (
    html_to_markdown,
    plain_to_markdown,
    rewrite_links,
    to_plain,
)

HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "mindwell.importers.hashers.Q2ABcryptPasswordHasher",
    "mindwell.importers.hashers.Q2ALegacySHA1PasswordHasher",
]


def test_comments_become_plain_text_as_the_site_keeps_them():
    assert to_plain("**literal** <b>\r\nline two", "") == "**literal** <b>\nline two"
    html = (
        '<p>See <a href="https://example.org/a">this page</a> and <a href="javascript:x()">'
        "that</a><br>then &amp; <script>alert(1)</script>done</p><p>Next</p>"
    )
    assert to_plain(html, "html") == (
        "See this page (https://example.org/a) and that\nthen & done\n\nNext"
    )


def test_plain_text_that_looks_like_markdown_stays_literal():
    html = render(
        plain_to_markdown("**not bold** _nor this_\n# not a heading\n1. no list\n> no quote")
    )
    assert "<strong>" not in html and "<em>" not in html and "<h1>" not in html
    assert "<ol>" not in html and "<blockquote>" not in html
    assert "**not bold** _nor this_<br>" in html and "1. no list" in html


def test_plain_text_keeps_markup_characters_line_breaks_and_links():
    html = render(
        plain_to_markdown("I <3 <b>you</b> & me\nnext line\n\nsee https://example.org/a_b.")
    )
    assert "I &lt;3 &lt;b&gt;you&lt;/b&gt; &amp; me<br>" in html
    assert '<a href="https://example.org/a_b"' in html and "a_b</a>." in html


def test_html_is_converted_and_sanitised_without_losing_text():
    source = (
        "<p>Tips &amp; tricks &ndash; <b>bold</b> <i>it</i></p><script>steal()</script>"
        '<ul><li>one</li><li>two</li></ul><a href="javascript:void(0)" onclick="x()">kept words</a>'
        '<img src="https://example.org/p.png" alt="a chart"><style>p{}</style>'
    )
    html = render(html_to_markdown(source))
    assert "<strong>bold</strong>" in html and "<em>it</em>" in html and "<li>one</li>" in html
    assert "Tips &amp; tricks – " in html
    assert "steal" not in html and "javascript" not in html and "onclick" not in html
    assert "kept words" in html and "a chart" in html and "p{}" not in html


def test_links_to_the_old_site_are_rewritten():
    def resolve(post_id, show):
        return {12: "/questions/7/x/"}.get(post_id) and (
            "/questions/7/x/" + (f"#a{show}" if show else "")
        )

    text = (
        "[a](https://old.example/12/slug) [b](https://old.example/index.php?qa=12) "
        "[c](../12/slug) <https://old.example/12/slug?show=5#a5> [d](https://old.example/99/x)"
    )
    out = rewrite_links(text, site_url="https://old.example/", resolve=resolve)
    assert out.count("/questions/7/x/") == 5 and "https://old.example/99/x" in out
    assert "[/questions/7/x/#a5](/questions/7/x/#a5)" in out


def test_bcrypt_hashes_from_q2a_verify_and_upgrade(settings):
    settings.PASSWORD_HASHERS = HASHERS
    php_hash = bcrypt.hashpw(b"s3cret-pass", bcrypt.gensalt(4)).decode().replace("$2b$", "$2y$")
    encoded = Q2ABcryptPasswordHasher.wrap(php_hash)
    assert not check_password("wrong", encoded)
    upgraded = []
    assert check_password("s3cret-pass", encoded, setter=upgraded.append)
    assert upgraded == ["s3cret-pass"]  # Django rehashes with Argon2
    assert not check_password("s3cret-pass", "q2a_bcrypt$not-a-hash")


def test_legacy_salted_sha1_verifies_like_q2a():
    salt = b"abcdefgh12345678"
    check = hashlib.sha1(b"abcdefgh" + "pässword".encode() + b"12345678").digest()  # noqa: S324
    encoded = Q2ALegacySHA1PasswordHasher.wrap(salt, check)
    hasher = Q2ALegacySHA1PasswordHasher()
    assert hasher.verify("pässword", encoded)
    assert not hasher.verify("password", encoded)
    assert hasher.must_update(encoded)
    assert "hash" in hasher.safe_summary(encoded)


@pytest.mark.django_db
def test_old_links_cost_one_flag_when_nothing_was_imported():
    client = Client()
    assert client.get("/1604/some-old-question").status_code == 404
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/1605/another-old-question").status_code == 404
        assert client.get("/?qa=1604").status_code == 200  # the home page, as ever
    assert not [q for q in queries.captured_queries if "importers_" in q["sql"]]
