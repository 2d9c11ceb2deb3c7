"""Previews cost the server a Markdown rendering: bounded in size and in number."""

from mindwell.core import markdown
from mindwell.qa.tests.factories import UserFactory


def test_pathological_brackets_render_as_visible_text(db):
    html = markdown.render("![" * 30_000)
    assert html.count("![") == 30_000  # kept as text, not links, and all of it
    assert markdown.render("[a link](https://example.org)").count("<a ") == 1


def test_nothing_past_the_post_limit_is_rendered(db):
    html = markdown.render("word " * 20_000)  # 100,000 characters
    assert html.count("word") == 12_000


def test_a_huge_preview_is_capped_and_answers(client, db):
    response = client.post("/preview/", {"body": "![" * 800_000})  # 1.6 MB
    assert response.status_code == 200
    assert response.content.decode().count("![") <= 30_000


def test_previews_are_rate_limited_per_member(client_for, settings, db):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "preview": (3, None)}
    client = client_for(UserFactory())
    codes = [client.post("/preview/", {"body": "Hello *there*"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_previews_are_rate_limited_per_network_for_visitors(client, settings, db):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "preview": (None, 2)}
    codes = [client.post("/preview/", {"body": "Hi"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_a_body_too_large_to_read_gets_413_with_a_clear_message(client_for, category):
    client = client_for(UserFactory())
    response = client.post(
        "/ask/", {"title": "A very long question", "body": "x" * 3_000_000, "category": category.pk}
    )
    assert response.status_code == 413
    assert "too long to accept" in response.content.decode()
