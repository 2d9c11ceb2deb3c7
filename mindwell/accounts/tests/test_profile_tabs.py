"""A member's profile: recent activity and paginated tabs of public questions, answers and
comments (anonymous posts never, not even to their author; hidden or queued ones never),
a title by points, member since, and fixed query costs."""

import pytest
from django.contrib.auth.models import AnonymousUser

from mindwell.accounts.models import User
from mindwell.accounts.titles import title_for
from mindwell.accounts.views import PROFILE_PAGE_SIZE
from mindwell.qa import selectors as qa_selectors
from mindwell.qa.models import Answer, Question, Status
from mindwell.qa.tests.factories import UserFactory, answer, ask, comment


@pytest.fixture
def member(category):
    user = UserFactory(username="rosa", display_name="Rosa")
    ask(user, category=category, title="How can I rebuild trust after a fight?")
    return user


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_overview_shows_recent_activity_of_every_kind(client, member, category, stranger):
    other = ask(stranger, category=category, title="Is it fine to take a break from family?")
    answer(other, member, body="A short break can protect the relationship.")
    comment(other, member, body="I did this last year, it helped.")
    html = page(client, member.get_absolute_url())
    assert "Recent activity" in html
    assert "Asked" in html and "How can I rebuild trust after a fight?" in html
    assert "Answered" in html and "Commented on" in html
    assert "Is it fine to take a break from family?" in html
    assert "Member since" in html and "Newcomer" in html


def test_anonymous_posts_never_appear_even_to_their_author(client_for, client, member, category):
    secret = ask(member, category=category, title="A private worry posted anonymously",
                 anonymous=True)  # fmt: skip
    answer(secret, member, anonymous=True, body="An anonymous reply to my own worry.")
    comment(secret, member, anonymous=True, body="An anonymous note under it, kept apart.")
    for viewer in (client, client_for(member)):
        for tab in ("", "questions/", "answers/", "comments/"):
            html = page(viewer, f"{member.get_absolute_url()}{tab}")
            assert "A private worry posted anonymously" not in html
            assert "An anonymous note under it" not in html
    counts = qa_selectors.user_post_counts(member)
    assert counts == {"questions": 1, "answers": 0, "comments": 0}


def test_hidden_and_queued_posts_are_not_listed(client, client_for, member, category, stranger):
    hidden = ask(member, category=category, title="This question was hidden by a moderator")
    queued = ask(member, category=category, title="This question waits in the queue")
    Question.objects.filter(pk=hidden.pk).update(status=Status.HIDDEN)
    Question.objects.filter(pk=queued.pk).update(status=Status.QUEUED)
    other = ask(stranger, category=category, title="Someone else's question to answer")
    reply = answer(other, member, body="This answer was hidden later on.")
    Answer.objects.filter(pk=reply.pk).update(status=Status.HIDDEN)
    for viewer in (client, client_for(stranger)):
        for tab in ("", "questions/", "answers/"):
            html = page(viewer, f"{member.get_absolute_url()}{tab}")
            assert "hidden by a moderator" not in html and "waits in the queue" not in html
            assert "Someone else's question to answer" not in html
    assert "How can I rebuild trust after a fight?" in page(
        client, f"{member.get_absolute_url()}questions/"
    )


def test_tabs_are_paginated(client, member, category, stranger):
    question = ask(stranger, category=category, title="What helps you sleep after bad news?")
    for n in range(PROFILE_PAGE_SIZE + 3):
        comment(question, member, body=f"Comment number {n:02d} about sleep and routines.")
    first = page(client, f"{member.get_absolute_url()}comments/")
    assert "Page 1 of 2" in first
    assert "Comment number 22" in first and "Comment number 02" not in first
    second = page(client, f"{member.get_absolute_url()}comments/?page=2")
    assert "Comment number 02" in second and "Comment number 22" not in second
    assert "Comments (23)" in first
    assert page(client, f"{member.get_absolute_url()}comments/?page=junk").count("Page 1 of 2")


def test_an_unknown_tab_is_not_found(client, member):
    assert client.get(f"{member.get_absolute_url()}secrets/").status_code == 404


def test_titles_follow_the_configured_thresholds(settings, client, member):
    settings.MEMBER_TITLES = [(0, "Seedling"), (1000, "Oak")]
    assert title_for(999) == "Seedling" and title_for(1000) == "Oak"
    settings.MEMBER_TITLES = [(500, "Helper")]
    assert title_for(100) == ""
    settings.MEMBER_TITLES = [(0, "Seedling"), (1000, "Oak")]
    User.objects.filter(pk=member.pk).update(points=1500)
    assert "Oak" in page(client, member.get_absolute_url())
    assert "Oak" in page(client, "/users/")


def test_the_verified_badge_is_on_the_profile(client, member):
    from mindwell.professionals.tests.factories import verified

    verified(member)
    assert "Verified professional" in page(client, member.get_absolute_url())


# A visitor on a member with posts of every kind, caches warm (a list's count is cached
# until the content changes): the member, the badge, the three counts in one query, and
# the tab's rows (activity: three small queries; a list: its page, plus the tags of a
# page of questions). Pictures cost nothing: they come with the member's row.
@pytest.mark.parametrize(("tab", "queries"), [("", 6), ("questions/", 5), ("answers/", 4),
                                              ("comments/", 4)])  # fmt: skip
def test_profile_query_counts_do_not_grow_with_posts(
    client, member, category, stranger, tab, queries, django_assert_max_num_queries
):
    other = ask(stranger, category=category, title="What do you do when a friend drifts away?")
    for n in range(12):
        ask(member, category=category, title=f"Another question of mine, number {n}")
        answer(other, member, body=f"One more answer from me, number {n}.")
        comment(other, member, body=f"One more comment from me, number {n}.")
    url = f"{member.get_absolute_url()}{tab}"
    page(client, url)
    with django_assert_max_num_queries(queries):
        page(client, f"{url}?page=1")


def test_member_list_query_count_with_pictures(client, category, django_assert_max_num_queries):
    for n in range(30):
        ask(UserFactory(display_name=f"Member {n}"), category=category, title=f"Question {n} here")
    page(client, "/users/")
    with django_assert_max_num_queries(2):  # the count and the page: pictures come along
        html = page(client, "/users/?page=1")
    assert html.count('class="avatar') == 30


def test_user_activity_of_a_member_without_posts_is_empty(db):
    nobody = UserFactory()
    assert qa_selectors.user_activity(nobody) == []
    assert qa_selectors.user_post_counts(nobody) == {"questions": 0, "answers": 0, "comments": 0}
    assert AnonymousUser().is_authenticated is False


def test_an_owner_sets_the_titles_in_the_admin(client_for, client, member):
    from mindwell.core.tests.admin_settings import URL, change

    owner = UserFactory(username="owner", is_staff=True, is_superuser=True, level="admin")
    admin = client_for(owner)
    User.objects.filter(pk=member.pk).update(points=250)
    refused = change(admin, **{"users.titles": "many Helpers"})
    assert refused.status_code == 200
    assert "is not a number of points followed by a title" in refused.content.decode()
    assert "Listener" in page(client, member.get_absolute_url())  # nothing saved
    saved = change(admin, **{"users.titles": "0 Seedling; 100 Sprout; 1000 Oak"})
    assert saved.status_code == 302, URL
    profile = page(client, member.get_absolute_url())
    assert "Sprout" in profile and "Listener" not in profile
    assert "Sprout" in page(client, "/users/")
