"""Visitors and members share one drawing of a thread: whoever comes first draws it, the
next viewer, visitor or member, gets it with their own forms and controls filled in."""

import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client

from mindwell.core.models import SiteConfiguration
from mindwell.qa.tests.factories import UserFactory, answer, ask, comment

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')
VARYING = re.compile(r"viewed \d+ times?|<time [^>]*>[^<]*</time>")
VISITOR_FORM = "You are posting without an account"


@pytest.fixture
def thread(asker, category):
    q = ask(asker, category=category, title="How do I tell my sister I need space?")
    a = answer(q, UserFactory(), body="Say it kindly and early, before resentment builds.")
    comment(q, None, answer=a, body="This worked for me with my brother.", anon_name="Kit")
    comment(q, UserFactory(), body="Do you live together?")
    return q, a


def visitor() -> Client:
    return Client(enforce_csrf_checks=True)


def member(name: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(display_name=name))
    return client


def main_part(page: str) -> str:
    """The page's content, without what differs from request to request."""
    content = page[page.index("<main") : page.index("</main>")]
    return " ".join(VARYING.sub("", TOKEN.sub("", content)).split())


def test_a_member_gets_the_drawing_a_visitor_left_with_their_own_forms(thread):
    q, _ = thread
    seen = visitor().get(q.get_absolute_url()).content.decode()
    assert VISITOR_FORM in seen and "Someone may be at risk?" in seen
    assert 'class="follow-form"' not in seen and ">Flag</" not in seen
    reader = member("Rae Reader")
    with mock.patch("mindwell.qa.views.question_context") as drawn_again:
        page = reader.get(q.get_absolute_url()).content.decode()
    drawn_again.assert_not_called()
    assert "Say it kindly and early" in page and "Rae Reader" in page
    assert 'class="follow-form"' in page and ">Flag</" in page
    assert VISITOR_FORM not in page and "Someone may be at risk?" not in page
    # The visitor's drawing filled for a member is what the page drawn for them alone shows.
    with mock.patch("mindwell.qa.views._shared_page", return_value=None):
        alone = reader.get(q.get_absolute_url()).content.decode()
    assert main_part(page) == main_part(alone)


def test_a_visitor_gets_the_drawing_a_member_left_with_a_visitors_forms(thread):
    q, _ = thread
    member("Rae Reader").get(q.get_absolute_url())
    with mock.patch("mindwell.qa.views.question_context") as drawn_again:
        page = visitor().get(q.get_absolute_url()).content.decode()
    drawn_again.assert_not_called()
    assert "Say it kindly and early" in page and "Rae Reader" not in page
    assert VISITOR_FORM in page and "Someone may be at risk?" in page
    assert 'class="follow-form"' not in page and ">Flag</" not in page
    # Nobody may edit an anonymous comment: a visitor (no account) is not its author.
    assert "/edit/" not in page
    cache.clear()  # the visitors' page cache too
    with mock.patch("mindwell.qa.views._shared_page", return_value=None):
        alone = visitor().get(q.get_absolute_url()).content.decode()
    assert main_part(page) == main_part(alone)


def test_when_visitors_may_not_post_they_are_asked_to_log_in(thread):
    q, _ = thread
    member("Rae Reader").get(q.get_absolute_url())
    config = SiteConfiguration.load()
    config.allow_anonymous_posts = False
    config.save()
    page = visitor().get(q.get_absolute_url()).content.decode()
    assert "to answer." in page and VISITOR_FORM not in page
    assert "Add a comment" not in page and "Ask a related question" not in page
    assert "Add a comment" in member("Mo Member").get(q.get_absolute_url()).content.decode()


def test_a_visitors_form_fields_are_drawn_once_for_every_page(asker, category):
    """The empty fields of a visitor's answer and comment forms are drawn once and reused on
    every page; the "log in" link below them still brings the visitor back to their page."""
    first = ask(asker, category=category, title="Is it normal to feel numb after a breakup?")
    second = ask(asker, category=category, title="How do I support a friend who is grieving?")
    visitor().get(first.get_absolute_url())
    response = visitor().get(second.get_absolute_url())
    page = response.content.decode()
    drawn = {template.name for template in response.templates}
    assert "qa/partials/answer_fields.html" not in drawn
    assert "qa/partials/comment_fields.html" not in drawn
    assert VISITOR_FORM in page
    assert page.count(f'?next={second.get_absolute_url()}">Log in</a> to collect') == 2
    assert f"?next={first.get_absolute_url()}" not in page
