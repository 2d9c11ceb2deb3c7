"""Every page runs a fixed number of queries, whatever the amount of content."""

import pytest

from mindwell.posting import services
from mindwell.qa.tests.factories import CategoryFactory, UserFactory, answer, ask, comment


def _big_question(asker, category, n_answers):
    q = ask(asker, category=category, tags=["sleep", "worry", "work"])
    members = [UserFactory() for _ in range(5)]
    for i in range(n_answers):
        a = answer(
            q,
            members[i % 5],
            body=f"Answer number {i}, with some kind words.",
            anonymous=i % 7 == 0,
        )
        comment(q, members[(i + 1) % 5], answer=a, body=f"Comment on answer {i}")
        if i % 3 == 0:
            services.cast_vote(voter=members[(i + 2) % 5], post=a, value=1)
    for i in range(10):
        comment(q, members[i % 5], body=f"Comment on the question {i}")
    services.edit_question(
        editor=asker,
        question=q,
        title=q.title,
        body=q.body + " edit",
        category=category,
        tags=["sleep"],
    )
    return q, members


@pytest.mark.parametrize("n_answers", [5, 50])
def test_question_page_queries(
    client_for, asker, category, django_assert_max_num_queries, n_answers
):
    q, members = _big_question(asker, category, n_answers)
    client = client_for(members[0])
    client.get("/")  # site configuration is cached after the first request
    # The member answered in the thread. Their first view draws the page members share:
    # user (the session is cached), how they took part, their reader preferences, follow state and
    # professional badge (what the drawing is shared by), question+author+category+editor,
    # tags, answers+authors, the questions asked from the answers, comments+authors,
    # related question ids (full-text, cached afterwards), then the page's parts again
    # (preferences, follow state, the authors' professional badges), popular tags, their
    # votes to mark, the view counter update.
    with django_assert_max_num_queries(17):
        response = client.get(q.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('<article class="answer') == n_answers
    # Drawn already: user, how they took part, follow state, their votes.
    with django_assert_max_num_queries(4):
        response = client.get(q.get_absolute_url())
    assert response.content.decode().count('<article class="answer') == n_answers


def test_a_member_who_took_no_part_gets_the_drawn_page_in_a_few_queries(
    client_for, asker, category, django_assert_max_num_queries
):
    q, _ = _big_question(asker, category, 50)
    first, second = client_for(UserFactory()), client_for(UserFactory())
    first.get("/")
    assert first.get(q.get_absolute_url()).status_code == 200  # draws it
    second.get("/")
    # session, user, took part?, question+tags, follow state, reader preferences,
    # professional badge, the view counter update
    with django_assert_max_num_queries(9):
        response = second.get(q.get_absolute_url())
    assert response.content.decode().count('<article class="answer') == 50


def test_question_page_queries_for_a_visitor(
    client, asker, category, django_assert_max_num_queries
):
    q, _ = _big_question(asker, category, 30)
    client.get("/")
    # head (id, slug, title), question, tags, answers, follow-ons, comments, related ids,
    # professionals, view counter
    with django_assert_max_num_queries(9):
        assert client.get(q.get_absolute_url()).status_code == 200
    # A second visit: the view is not counted again and related ids are cached.
    with django_assert_max_num_queries(6):
        assert client.get(q.get_absolute_url()).status_code == 200


LIST_URLS = [
    "/",
    "/questions/",
    "/questions/?sort=hot",
    "/questions/?sort=votes",
    "/questions/?sort=answers",
    "/questions/?sort=views",
    "/unanswered/",
    "/unanswered/?by=selected",
    "/unanswered/?by=upvotes",
    "/tags/",
    "/tags/sleep/",
    "/categories/",
    "/categories/top/",
    "/users/",
]


@pytest.mark.parametrize("url", LIST_URLS)
def test_list_pages_run_a_fixed_number_of_queries(
    client_for, asker, url, django_assert_max_num_queries
):
    top = CategoryFactory(name="Top", slug="top")
    sub = CategoryFactory(name="Sub", slug="sub", parent=top)
    viewer = UserFactory()
    client = client_for(viewer)
    client.get("/")

    def count_for(n):
        for i in range(n):
            u = UserFactory()
            ask(
                u,
                category=sub if i % 2 else top,
                title=f"Question {i} {url} about sleep",
                tags=["sleep", f"t{i}"],
                anonymous=i % 4 == 0,
            )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    small = count_for(3)
    large = count_for(30)
    assert small == large, f"{url}: {small} queries with 3 questions, {large} with 33"
    # session, user, the page's own queries (count, rows, tags), follow state
    with django_assert_max_num_queries(9):
        client.get(url)


@pytest.mark.parametrize("value", ["up", "withdraw", "down"])
def test_a_vote_from_its_button_costs_a_fixed_number_of_queries(
    client_for, asker, category, django_assert_max_num_queries, value
):
    q = ask(asker, category=category)
    author, voter = UserFactory(points=2000), UserFactory(points=2000)  # may vote down
    a = answer(q, author, body="Writing the worry down before bed let me put it aside.")
    services.cast_vote(voter=UserFactory(), post=a, value=1)  # it stays up-voted
    client = client_for(voter)
    client.get("/")  # site configuration is cached after the first request
    if value == "withdraw":
        services.cast_vote(voter=voter, post=a, value=1)
    # user, the transaction (2), the rate counters, the answer and its question locked, the
    # member's vote, the vote's write, the answer's counts, the ledger, the two members'
    # totals. (The first up vote in a thread and the last one withdrawn also write the
    # question's flag and search's ranking; an answer's last up vote withdrawn asks whether
    # another answer has one.)
    with django_assert_max_num_queries(11):
        response = client.post(f"/vote/answer/{a.pk}/", {"value": value}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    a.refresh_from_db()
    assert a.score == {"up": 2, "withdraw": 1, "down": 0}[value]
