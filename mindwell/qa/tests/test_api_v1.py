"""The API's conventions: cursor pages, ETags, problem details, validation, the docs, and
the reads added in v1 (answers, comments, revisions, members, categories, search, /me)."""

import json

import pytest
from django.test import Client

from mindwell.accounts import tokens
from mindwell.notifications import services as notifications
from mindwell.notifications.models import Notification
from mindwell.posting import services as posting
from mindwell.qa.tests.factories import CategoryFactory, answer, ask, comment


def titles(page):
    return [q["title"] for q in page["results"]]


def test_cursor_pages_follow_next_links_without_repeats_even_when_questions_arrive(
    client, asker, category
):
    for n in range(5):
        ask(asker, category=category, title=f"Question number {n} about sleeping")
    first = client.get("/api/v1/questions?limit=2").json()
    assert titles(first) == ["Question number 4 about sleeping", "Question number 3 about sleeping"]
    ask(asker, category=category, title="A newer question that arrives meanwhile")
    second = client.get(first["next"]).json()
    assert titles(second) == [
        "Question number 2 about sleeping",
        "Question number 1 about sleeping",
    ]
    third = client.get(second["next"]).json()
    assert titles(third) == ["Question number 0 about sleeping"]
    assert third["next"] is None
    assert "limit=2" in first["next"] and first["next"].startswith("http")


def test_sorts_and_filters_match_the_site(client, asker, stranger, category):
    other = CategoryFactory(name="Grief", slug="grief")
    quiet = ask(asker, category=category, title="A question nobody answered yet", tags=["quiet"])
    busy = ask(asker, category=other, title="A question with an answer already", tags=["busy"])
    answer(busy, stranger)
    posting.cast_vote(voter=stranger, post=busy, value=1)
    assert titles(client.get("/api/v1/questions?sort=votes").json())[0] == busy.title
    assert titles(client.get("/api/v1/questions?unanswered=true").json()) == [quiet.title]
    assert titles(client.get("/api/v1/questions?category=grief").json()) == [busy.title]
    assert titles(client.get("/api/v1/questions?tag=quiet").json()) == [quiet.title]
    missing = client.get("/api/v1/questions?category=nowhere")
    assert missing.status_code == 404 and missing.json()["detail"] == "Category not found."


@pytest.mark.parametrize(
    "query", ["limit=-1", "limit=0", "limit=101", "limit=abc", "sort=random", "cursor=%%%"]
)
def test_bad_parameters_are_problems_not_crashes(client, db, query):
    response = client.get(f"/api/v1/questions?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["title"] == "Bad Request" and body["detail"]


def test_a_cursor_from_elsewhere_is_refused(client, db):
    response = client.get("/api/v1/questions?cursor=WyJ4Il0")  # ["x"]: the wrong shape
    assert response.status_code == 400
    assert response.json()["code"] == "cursor"


def test_reads_carry_an_etag_that_answers_304_until_something_changes(client, asker, category):
    question = ask(asker, category=category)
    url = f"/api/v1/questions/{question.pk}"
    first = client.get(url)
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    answer(question, None, body="An answer from a visitor who passed by.")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_answers_comments_and_revisions_by_id(client, asker, stranger, category):
    question = ask(asker, category=category)
    reply = answer(question, stranger)
    note = comment(question, asker, answer=reply, body="Thank you, I will try that.")
    posting.edit_answer(
        editor=stranger,
        answer=reply,
        body="Writing worries down helps; so does tea.",
        summary="Tea",
    )
    got = client.get(f"/api/v1/answers/{reply.pk}").json()
    assert got["question_id"] == question.pk and got["author"]["username"] == "charlie"
    assert [c["body"] for c in got["comments"]] == ["Thank you, I will try that."]
    assert client.get(f"/api/v1/comments/{note.pk}").json()["answer_id"] == reply.pk
    history = client.get(f"/api/v1/answers/{reply.pk}/revisions").json()
    assert [r["number"] for r in history] == [1, 2] and history[1]["summary"] == "Tea"
    assert client.get("/api/v1/answers/999999").json()["detail"] == "Post not found."


def test_revisions_of_an_anonymous_question_never_name_its_author(client, asker, category):
    question = ask(asker, category=category, anonymous=True, anon_name="Night owl")
    posting.edit_question(
        editor=asker,
        question=question,
        title=question.title,
        body="Every night my mind races about work; I tried tea and it did not help.",
        category=category,
        tags=["sleep"],
        summary="Added what I tried",
    )
    history = client.get(f"/api/v1/questions/{question.pk}/revisions")
    assert [r["editor"] for r in history.json()] == ["Night owl", "Night owl"]
    assert "alice" not in history.content.decode().lower()


def test_members_show_public_profiles_only(client, asker, stranger, category):
    ask(asker, category=category)
    ask(stranger, category=category, anonymous=True)  # only anonymous posts: no profile
    listing = client.get("/api/v1/members").json()
    assert [m["username"] for m in listing["results"]] == ["alice"]
    profile = client.get("/api/v1/members/alice").json()
    assert profile["question_count"] == 1 and "email" not in json.dumps(profile)
    assert client.get("/api/v1/members/charlie").status_code == 404


def test_categories_come_as_a_tree(client, db):
    family = CategoryFactory(name="Family", slug="family")
    CategoryFactory(name="Parenting", slug="parenting", parent=family)
    tree = client.get("/api/v1/categories").json()
    assert [(c["slug"], [k["slug"] for k in c["children"]]) for c in tree] == [
        ("family", ["parenting"])
    ]


def test_search_uses_the_sites_engine(client, asker, category):
    ask(asker, category=category, title="Panic attacks on the train to work")
    ask(asker, category=category, title="How to talk to my sister again")
    found = client.get("/api/v1/search?q=train").json()
    assert [r["title"] for r in found["results"]] == ["Panic attacks on the train to work"]
    assert found["total"] == 1 and found["next"] is None


def test_me_lists_the_inbox_follows_and_marks_read(asker, stranger, category):
    _, secret = tokens.create_api_token(
        user=asker, name="Phone", scopes=["read", "write"], expires_in_days=None
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    question = ask(asker, category=category)
    notifications.follow(user=asker, target=category)
    reply = answer(question, stranger)
    Notification.objects.create(
        recipient=asker, kind="new_answer", question=question, answer=reply,
        text="Charlie answered your question.", event_key=f"answer:{reply.pk}",
    )  # fmt: skip
    follows = client.get("/api/v1/me/follows").json()
    assert follows["questions"] == [question.pk] and follows["categories"] == [category.slug]
    inbox = client.get("/api/v1/me/notifications").json()["results"]
    assert inbox and inbox[0]["read"] is False
    assert client.post(f"/api/v1/me/notifications/{inbox[0]['id']}/read").status_code == 200
    assert client.get("/api/v1/me/notifications").json()["results"][0]["read"] is True
    assert client.delete(f"/api/v1/me/follows/question/{question.pk}").status_code == 200
    assert client.get("/api/v1/me/follows").json()["questions"] == []
    assert client.get("/api/v1/me/preferences").status_code == 200


def test_me_needs_a_member(client, db):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_the_docs_are_served_from_the_sites_own_files(client, db):
    assert client.get("/api/")["Location"] == "/api/v1/docs"
    page = client.get("/api/v1/docs")
    html = page.content.decode()
    assert page.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle-5.31.0.js" in html
    assert "<script>" not in html and "cdn" not in html.lower()
    csp = page["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    problem = schema["paths"]["/api/v1/questions"]["get"]["responses"]["400"]["content"]
    assert "application/problem+json" in problem
    assert 'href="/api/v1/docs"' in client.get("/").content.decode()


def test_only_me_links_my_anonymous_question_to_me(asker, stranger, category):
    question = ask(asker, category=category, anonymous=True, anon_name="Night owl")
    _, secret = tokens.create_api_token(
        user=asker, name="Phone", scopes=["read"], expires_in_days=None
    )
    mine = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/me/questions").json()
    assert [(q["id"], q["anonymous"], q["shown_as"]) for q in mine["results"]] == [
        (question.pk, True, "Night owl")
    ]
    _, other = tokens.create_api_token(
        user=stranger, name="Phone", scopes=["read"], expires_in_days=None
    )
    theirs = Client(HTTP_AUTHORIZATION=f"Bearer {other}").get("/api/v1/me/questions").json()
    assert theirs["results"] == []


def test_members_and_authors_carry_their_picture_and_anonymous_posts_the_neutral_one(
    client, asker, stranger, category
):
    from django.templatetags.static import static

    from mindwell.accounts.avatars import NEUTRAL
    from mindwell.accounts.models import User

    User.objects.filter(pk=asker.pk).update(avatar="avatars/Zq3kPp9sVw2mXy7tLb4n")
    question = ask(asker, category=category, title="A signed question about sleep")
    secret = ask(asker, category=category, anonymous=True, anon_name="Night owl")
    answer(question, stranger)  # no upload: initials on a colour
    page = client.get(f"/api/v1/questions/{question.pk}").json()
    assert "Zq3kPp9sVw2mXy7tLb4n-128.webp" in page["author"]["avatar_url"]
    helper = page["answers"][0]["author"]["avatar_url"]
    assert helper.startswith("/avatars/") and helper.endswith("/C.svg")
    profile = client.get("/api/v1/members/alice").json()
    assert profile["avatar_url"] == page["author"]["avatar_url"]
    neutral = static(NEUTRAL)
    hidden = client.get(f"/api/v1/questions/{secret.pk}").json()
    assert hidden["author"] == {"name": "Night owl", "username": None, "avatar_url": neutral}
    listed = {q["id"]: q for q in client.get("/api/v1/questions").json()["results"]}
    assert listed[secret.pk]["author"]["avatar_url"] == neutral
    assert "Zq3kPp9sVw2mXy7tLb4n" not in json.dumps(hidden)
