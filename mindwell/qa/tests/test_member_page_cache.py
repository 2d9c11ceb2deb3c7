"""A member's page of a thread they took no part in is drawn once and shared: each member
still sees their own header and gets a working CSRF token, and whoever asked, answered,
commented, voted, follows, edits or moderates sees their own controls."""

import re
from unittest import mock

import pytest
from django.test import Client

from mindwell.accounts.models import User
from mindwell.core.conditional import CSRF_PLACEHOLDER
from mindwell.notifications.follows import follow
from mindwell.posting import services
from mindwell.qa.models import Vote
from mindwell.qa.tests.factories import UserFactory, answer, ask

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def thread(asker, category):
    q = ask(asker, category=category, title="How do we split chores without fighting?")
    a = answer(q, UserFactory(), body="A shared list on the fridge ended our arguments.")
    return q, a


def member(name: str, **fields) -> tuple[User, Client]:
    user = UserFactory(display_name=name, **fields)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return user, client


def test_a_second_member_gets_the_drawn_page_with_their_own_header_and_token(thread):
    q, a = thread
    _, first = member("Robin First")
    first_page = first.get(q.get_absolute_url()).content.decode()
    _, second = member("Sasha Second")
    with mock.patch("mindwell.qa.views.question_context") as drawn_again:
        page = second.get(q.get_absolute_url()).content.decode()
    drawn_again.assert_not_called()
    assert "A shared list on the fridge" in page
    assert "Sasha Second" in page and "Robin First" not in page
    assert CSRF_PLACEHOLDER not in page and CSRF_PLACEHOLDER not in first_page
    token = TOKEN.findall(page)[0]
    voted = second.post(f"/vote/answer/{a.pk}/", {"value": "up", "csrfmiddlewaretoken": token})
    assert voted.status_code in (200, 302)
    assert Vote.objects.filter(answer=a, value=1).count() == 1


def test_members_who_took_part_or_follow_see_their_own_state(thread):
    q, a = thread
    _, plain = member("Plain Reader")
    plain.get(q.get_absolute_url())  # the shared drawing
    voter, voter_client = member("Vera Voter")
    services.cast_vote(voter=voter, post=a, value=1)
    page = voter_client.get(q.get_absolute_url()).content.decode()
    assert 'aria-label="Withdraw your up vote"' in page
    follower, follower_client = member("Fay Follower")
    follow(user=follower, target=q)
    assert "Following ✓" in follower_client.get(q.get_absolute_url()).content.decode()
    assert "Following ✓" not in plain.get(q.get_absolute_url()).content.decode()


def test_a_new_answer_shows_at_once_on_the_drawn_page(thread):
    q, _ = thread
    _, reader = member("Reader")
    reader.get(q.get_absolute_url())
    answer(q, UserFactory(), body="Rotating the worst chore weekly felt fair to us.")
    assert "Rotating the worst chore" in reader.get(q.get_absolute_url()).content.decode()
