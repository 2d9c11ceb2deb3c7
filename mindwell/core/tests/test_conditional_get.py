"""Visitors revalidating an unchanged page get 304 without the page being rendered;
any post, edit or vote changes the answer; members always get a fresh page."""

from unittest import mock

from mindwell.qa.tests.factories import UserFactory, answer, ask


def test_an_unchanged_page_is_answered_304_without_rendering(client, asker, category):
    q = ask(asker, category=category)
    first = client.get(q.get_absolute_url())
    assert first.status_code == 200
    etag = first["ETag"]
    with mock.patch("mindwell.qa.views.render") as render:
        again = client.get(q.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert not again.content
    render.assert_not_called()


def test_a_new_answer_changes_the_visitors_page(client, asker, category):
    q = ask(asker, category=category)
    etag = client.get(q.get_absolute_url())["ETag"]
    answer(q, UserFactory(), body="Writing the worries down before bed helped me a lot.")
    fresh = client.get(q.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert "Writing the worries down" in fresh.content.decode()
    assert fresh["ETag"] != etag


def test_members_always_get_a_fresh_page(client_for, asker, category):
    q = ask(asker, category=category)
    member = client_for(UserFactory())
    response = member.get(q.get_absolute_url())
    assert response.status_code == 200
    assert "ETag" not in response
    again = member.get(q.get_absolute_url(), HTTP_IF_NONE_MATCH='"v-anything"')
    assert again.status_code == 200


def test_the_list_pages_answer_304_too(client, asker, category):
    ask(asker, category=category)
    for path in ("/", "/questions/", f"/categories/{category.slug}/"):
        etag = client.get(path)["ETag"]
        assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
