"""Visitors' pages come from the shared cache after the first render: no view runs, each
visitor still gets a working CSRF token of their own, views are still counted, and any
post, edit or vote shows at once."""

import re
from unittest import mock

from django.shortcuts import render as render_page
from django.test import Client

from mindwell.core.conditional import CSRF_PLACEHOLDER, time_bucket
from mindwell.qa.models import Answer, Question
from mindwell.qa.tests.factories import UserFactory, answer, ask

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def visitor(agent: str) -> Client:
    return Client(enforce_csrf_checks=True, HTTP_USER_AGENT=agent)


def test_a_second_visitor_is_served_from_the_cache_with_a_token_of_their_own(asker, category):
    q = ask(asker, category=category, title="How do I stop replaying the argument?")
    first = visitor("first browser").get(q.get_absolute_url())
    assert first.status_code == 200
    second_client = visitor("second browser")
    with mock.patch("mindwell.qa.views.render") as render:
        second = second_client.get(q.get_absolute_url())
    render.assert_not_called()
    page = second.content.decode()
    assert "How do I stop replaying the argument?" in page
    assert CSRF_PLACEHOLDER not in page and CSRF_PLACEHOLDER not in first.content.decode()
    tokens = TOKEN.findall(page)
    assert tokens and tokens != TOKEN.findall(first.content.decode())
    assert "csrftoken" in second.cookies

    # The token from the cached page works: the visitor's anonymous answer is accepted.
    posted = second_client.post(
        f"/questions/{q.pk}/answers/",
        {
            "body": "Writing the argument down once, then closing the notebook, helped me.",
            "csrfmiddlewaretoken": tokens[0],
        },
    )
    assert posted.status_code in (200, 302)
    assert Answer.objects.filter(question=q).count() == 1


def test_views_from_the_cache_are_counted_once_per_visitor(asker, category):
    q = ask(asker, category=category)
    for agent in ("one", "two", "two", "three"):
        assert visitor(agent).get(q.get_absolute_url()).status_code == 200
    assert Question.objects.get(pk=q.pk).view_count == 3


def test_a_new_answer_shows_at_once_to_the_next_visitor(asker, category):
    q = ask(asker, category=category)
    visitor("one").get(q.get_absolute_url())
    answer(q, UserFactory(), body="A walk after dinner gave us a calmer place to talk.")
    assert "A walk after dinner" in visitor("two").get(q.get_absolute_url()).content.decode()


def test_members_never_get_a_visitors_cached_page(client_for, asker, category):
    q = ask(asker, category=category)
    visitor("one").get(q.get_absolute_url())
    member = client_for(UserFactory(display_name="Rowan Member"))
    page = member.get(q.get_absolute_url()).content.decode()
    assert "Rowan Member" in page  # their own header, rendered for them
    assert CSRF_PLACEHOLDER not in page


def test_the_language_of_the_browser_keeps_its_own_copy(asker, category):
    q = ask(asker, category=category)
    english = visitor("one").get(q.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-GB")
    with mock.patch("mindwell.qa.views.render", wraps=render_page) as render:
        visitor("two").get(q.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de-DE")
    render.assert_called_once()
    assert english.status_code == 200


def test_a_vote_changes_the_question_page_at_once(
    asker, category, django_capture_on_commit_callbacks
):
    from mindwell.posting import services

    q = ask(asker, category=category)
    a = answer(q, UserFactory(), body="Keeping a set bedtime helped more than anything.")
    before = visitor("one").get(q.get_absolute_url()).content.decode()
    assert f'id="vote-answer-{a.pk}"' in before
    with django_capture_on_commit_callbacks(execute=True):  # the page changes as it commits
        services.cast_vote(voter=UserFactory(), post=a, value=1)
    after = visitor("two").get(q.get_absolute_url()).content.decode()
    score = re.compile(rf'id="vote-answer-{a.pk}".*?<output class="score"[^>]*>(-?\d+)<', re.S)
    assert score.search(before)[1] == "0" and score.search(after)[1] == "1"


def test_a_returning_visitor_keeps_their_csrf_secret_on_cached_pages(asker, category):
    from django.middleware.csrf import _unmask_cipher_token

    q = ask(asker, category=category, title="How do I stop replaying the argument?")
    visitor("first browser").get(q.get_absolute_url())  # fills the cache
    client = visitor("returning browser")
    first = client.get(q.get_absolute_url())
    secret = first.cookies["csrftoken"].value
    tokens = []
    for _ in range(2):  # served from the cache, each time with a new mask over their secret
        page = client.get(q.get_absolute_url()).content.decode()
        token = TOKEN.findall(page)[0]
        assert len(token) == 64 and token.isalnum()
        assert _unmask_cipher_token(token) == secret
        tokens.append(token)
    assert tokens[0] != tokens[1]
    assert client.cookies["csrftoken"].value == secret
    posted = client.post(
        f"/questions/{q.pk}/answers/",
        {
            "body": "Naming the feeling out loud took the heat out of it.",
            "csrfmiddlewaretoken": token,
        },
    )
    assert posted.status_code in (200, 302)
    assert Answer.objects.filter(question=q).count() == 1


def test_a_cached_page_is_drawn_again_within_five_minutes_and_pages_turn_apart(asker, category):
    """What a page shows without a version (its view count) is at most five minutes old;
    the pages do not all turn at the same second (a burst of redrawing under load)."""
    q = ask(asker, category=category, title="Why do I dread weekends alone?")
    start = 1_800_000_000.0
    url = q.get_absolute_url()
    paths = [url, *(f"/questions/{n}/a-question/" for n in range(40))]
    turns = [  # the second of the five minutes at which each page is drawn anew
        next(t for t in range(300) if time_bucket_at(p, start) != time_bucket_at(p, start + t + 1))
        for p in paths
    ]
    assert len(set(turns)) > 20
    with mock.patch("mindwell.core.conditional.time.time", return_value=start):
        visitor("first").get(url)
        Question.objects.filter(pk=q.pk).update(view_count=41)
        assert views_shown(visitor("second").get(url)) < 41  # as drawn first
    later = start + turns[0] + 1
    with mock.patch("mindwell.core.conditional.time.time", return_value=later):
        assert views_shown(visitor("third").get(url)) >= 41


def views_shown(response) -> int:
    return int(re.search(r"viewed (\d+) times?", response.content.decode())[1])


def time_bucket_at(path: str, when: float) -> int:
    with mock.patch("mindwell.core.conditional.time.time", return_value=when):
        return time_bucket(path)
