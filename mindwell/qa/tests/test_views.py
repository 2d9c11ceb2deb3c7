from django.test import Client

from mindwell.posting import services
from mindwell.qa.models import Answer, Comment, Question, Status, Vote
from mindwell.qa.tests.factories import CategoryFactory, UserFactory, answer, ask, comment


def test_question_url_with_a_wrong_or_missing_slug_redirects(client, asker, category):
    q = ask(asker, category=category, title="Can a counselor accept coffee?")
    assert q.get_absolute_url() == f"/questions/{q.pk}/can-a-counselor-accept-coffee/"
    for url in (f"/questions/{q.pk}/", f"/questions/{q.pk}/wrong-slug/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == q.get_absolute_url()


def test_missing_question_is_a_404_page(client, db):
    response = client.get("/questions/999/nothing/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_hidden_question_is_a_404(client, asker, category):
    q = ask(asker, category=category)
    Question.objects.filter(pk=q.pk).update(status="hidden")
    assert client.get(q.get_absolute_url()).status_code == 404


def test_visitor_asks_anonymously_with_a_display_name(client, category):
    page = client.get("/ask/").content.decode()
    assert "Your name to display (optional)" in page
    assert "used only to send you notifications about this post" in page
    response = client.post(
        "/ask/",
        {
            "title": "How do I tell my sister I am worried?",
            "category": category.pk,
            "body": "We keep arguing about chores and I do not know how to bring it up calmly.",
            "tags": "family eating",
            "anon_name": "Worried sister",
            "notify_email": "me@example.org",
        },
    )
    q = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == q.get_absolute_url()
    page = client.get(q.get_absolute_url()).content.decode()
    assert "Worried sister" in page
    assert "me@example.org" not in page


def test_member_posting_anonymously_is_never_linked_to_their_account(client_for, asker, category):
    client = client_for(asker)
    client.post(
        "/ask/",
        {
            "title": "Is it normal to feel numb after a breakup?",
            "category": category.pk,
            "body": "It has been two months and I feel nothing at all, which scares me.",
            "tags": "breakups",
            "anonymous": "on",
        },
    )
    q = Question.objects.get()
    assert q.author == asker and q.is_anonymous
    for viewer in (None, UserFactory()):
        for url in (
            q.get_absolute_url(),
            "/",
            "/questions/",
            "/tags/breakups/",
            f"/users/{asker.username}/",
            f"/questions/{q.pk}/history/",
        ):
            page = client_for(viewer).get(url).content.decode()
            if url.startswith("/users/"):
                assert q.title not in page
            else:
                assert "/users/alice/" not in page, url
                assert "Alice" not in page, url


def test_ask_form_shows_errors_next_to_fields_and_keeps_the_text(client_for, asker, category):
    response = client_for(asker).post(
        "/ask/",
        {
            "title": "Short",
            "body": "My careful draft that must not be lost",
            "tags": "a b c d e f",
            "category": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "at least 10 characters" in page
    assert "Use at most 5 tags." in page
    assert "Choose a category" in page
    assert "My careful draft that must not be lost" in page
    assert not Question.objects.exists()


def test_a_100kb_body_is_refused_with_a_clear_message_and_kept(client_for, asker, category):
    body = "A" * 100_000
    response = client_for(asker).post(
        "/ask/",
        {
            "title": "A very long question indeed",
            "body": body,
            "category": category.pk,
        },
    )
    assert response.status_code == 400
    assert "the limit is 60,000" in response.content.decode()
    assert not Question.objects.exists()


def test_hostile_title_and_body_are_shown_escaped(client, asker, category):
    q = ask(
        asker,
        category=category,
        title="<script>alert('t')</script> title",
        body="<b onmouseover=alert(1)>hi</b> [x](javascript:alert(2)) enough text here",
    )
    page = client.get(q.get_absolute_url()).content.decode()
    assert "<script>alert('t')</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<b onmouseover" not in page
    assert 'href="javascript' not in page


def test_markdown_preview_renders_without_storing(client, db):
    response = client.post("/preview/", {"body": "**bold** <script>x</script>"})
    assert response.status_code == 200
    assert "<strong>bold</strong>" in response.content.decode()
    assert "<script>" not in response.content.decode()
    assert not Question.objects.exists()


def test_ask_page_preview_button_works_without_javascript(client, category):
    response = client.post("/ask/", {"title": "Title", "body": "*soft*", "preview": "1"})
    assert response.status_code == 200
    assert "<em>soft</em>" in response.content.decode()
    assert not Question.objects.exists()


def test_answer_and_comment_from_the_question_page(client_for, asker, stranger, category):
    q = ask(asker, category=category)
    client = client_for(stranger)
    response = client.post(f"/questions/{q.pk}/answers/", {"body": "Try a worry journal at 8pm."})
    a = Answer.objects.get()
    assert response["Location"] == f"{q.get_absolute_url()}#a{a.pk}"
    response = client.post(f"/questions/{q.pk}/comments/", {"body": "Me too.", "answer": a.pk})
    c = Comment.objects.get()
    assert c.answer == a
    assert response["Location"] == f"{q.get_absolute_url()}#c{c.pk}"
    page = client.get(q.get_absolute_url()).content.decode()
    assert "Try a worry journal at 8pm." in page and "Me too." in page


def test_invalid_answer_shows_the_question_with_the_error(client_for, asker, stranger, category):
    q = ask(asker, category=category)
    response = client_for(stranger).post(f"/questions/{q.pk}/answers/", {"body": "short"})
    assert response.status_code == 400
    assert "at least 10 characters" in response.content.decode()


def test_vote_with_htmx_returns_the_widget_and_plain_post_redirects(
    client_for, asker, stranger, category
):
    q = ask(asker, category=category)
    client = client_for(stranger)
    response = client.post(f"/vote/question/{q.pk}/", {"value": "up"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<output class="score" aria-label="Score">1</output>' in html
    assert 'aria-pressed="true"' in html
    assert "<html" not in html
    response = client.post(f"/vote/question/{q.pk}/", {"value": "withdraw"})
    assert response.status_code == 302
    q.refresh_from_db()
    assert q.score == 0


def test_vote_refusals(client, client_for, asker, category):
    q = ask(asker, category=category)
    response = client.post(f"/vote/question/{q.pk}/", {"value": "up"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client_for(asker).post(f"/vote/question/{q.pk}/", {"value": "up"})
    assert response.status_code == 403
    assert "own post" in response.content.decode()
    stranger = UserFactory()
    assert (
        client_for(stranger).post(f"/vote/question/{q.pk}/", {"value": "sideways"}).status_code
        == 400
    )
    assert client_for(stranger).post("/vote/poll/1/", {"value": "up"}).status_code == 404
    assert client_for(stranger).post("/vote/answer/9999/", {"value": "up"}).status_code == 404
    assert client_for(stranger).get(f"/vote/question/{q.pk}/").status_code == 405
    assert not Vote.objects.exists()


def test_votes_on_hidden_posts_or_in_hidden_threads_are_not_found(client_for, asker, category):
    q = ask(asker, category=category)
    a = answer(q, UserFactory(), body="Keep a list of what helped last time.")
    hidden_answer = answer(q, UserFactory(), body="An answer a moderator hid.")
    type(a).objects.filter(pk=hidden_answer.pk).update(status=Status.HIDDEN)
    voter = client_for(UserFactory())
    assert voter.post(f"/vote/answer/{hidden_answer.pk}/", {"value": "up"}).status_code == 404
    type(q).objects.filter(pk=q.pk).update(status=Status.HIDDEN)
    assert voter.post(f"/vote/answer/{a.pk}/", {"value": "up"}).status_code == 404
    assert voter.post(f"/vote/question/{q.pk}/", {"value": "up"}).status_code == 404
    assert not Vote.objects.exists()


def test_post_without_csrf_token_is_refused(asker, category):
    q = ask(asker, category=category)
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    response = client.post(f"/vote/question/{q.pk}/", {"value": "up"})
    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_select_and_unselect_best_answer_puts_it_first(client_for, asker, stranger, category):
    q = ask(asker, category=category)
    first = answer(q, stranger, body="First answer, plain and early.")
    second = answer(q, UserFactory(), body="Second answer, later but chosen.")
    services.cast_vote(voter=UserFactory(), post=first, value=1)
    client = client_for(asker)
    response = client.post(f"/questions/{q.pk}/best/", {"answer": second.pk})
    assert response.status_code == 302
    page = client.get(q.get_absolute_url()).content.decode()
    assert page.index("Second answer, later") < page.index("First answer, plain")
    assert "Best answer" in page
    client.post(f"/questions/{q.pk}/best/", {"answer": ""})
    q.refresh_from_db()
    assert q.accepted_answer is None
    assert (
        client_for(stranger).post(f"/questions/{q.pk}/best/", {"answer": first.pk}).status_code
        == 403
    )
    assert client.post(f"/questions/{q.pk}/best/", {"answer": "x"}).status_code == 404


def test_edit_shows_edited_by_and_history_diff(client_for, asker, category):
    q = ask(asker, category=category, body="I feel anxious every single morning before work.")
    client = client_for(asker)
    response = client.post(
        f"/questions/{q.pk}/edit/",
        {
            "title": q.title,
            "body": "I feel anxious every single evening before work.",
            "category": category.pk,
            "tags": "sleep",
            "summary": "morning → evening",
        },
    )
    assert response.status_code == 302
    page = client.get(q.get_absolute_url()).content.decode()
    assert "edited" in page and 'href="/users/alice/">Alice</a></p>' in page
    history = client.get(f"/questions/{q.pk}/history/").content.decode()
    assert "<del>morning</del><ins>evening</ins>" in history
    assert "morning → evening" in history


def test_editing_someone_elses_post_is_forbidden(client_for, asker, stranger, category):
    q = ask(asker, category=category)
    a = answer(q, asker)
    c = comment(q, asker)
    client = client_for(stranger)
    assert client.get(f"/questions/{q.pk}/edit/").status_code == 403
    assert (
        client.post(f"/answers/{a.pk}/edit/", {"body": "Changed by someone else"}).status_code
        == 403
    )
    assert client.post(f"/comments/{c.pk}/edit/", {"body": "Changed"}).status_code == 403
    a.refresh_from_db()
    assert a.body == "Writing worries down before bed helps me."


def test_view_count_is_not_inflated_by_refreshing(client, asker, category):
    q = ask(asker, category=category)
    for _ in range(5):
        client.get(q.get_absolute_url())
    q.refresh_from_db()
    assert q.view_count == 1


def test_unanswered_filters(client, asker, stranger, category):
    lonely = ask(asker, category=category, title="Nobody has answered this one yet")
    answered = ask(asker, category=category, title="This one has an answer already")
    answer(answered, stranger)
    page = client.get("/unanswered/").content.decode()
    assert lonely.title in page and answered.title not in page
    page = client.get("/unanswered/?by=upvotes").content.decode()
    assert lonely.title in page and answered.title in page


def test_category_page_includes_subcategories(client, asker):
    parent = CategoryFactory(name="Family", slug="family")
    child = CategoryFactory(name="Parenting", slug="parenting", parent=parent)
    ask(asker, category=child, title="My teenager will not talk to me")
    page = client.get("/categories/family/").content.decode()
    assert "My teenager will not talk to me" in page
    tree = client.get("/categories/").content.decode()
    assert "Parenting" in tree and "1 question" in tree


def test_lists_sort_and_paginate(client, asker, category, settings):
    settings.PAGE_SIZE = 2
    for i in range(5):
        ask(asker, category=category, title=f"Question number {i} about sleep")
    page = client.get("/questions/?sort=newest&page=3").content.decode()
    assert "Question number 0 about sleep" in page
    assert "Page 3 of 3" in page
    assert client.get("/questions/?sort=bogus&page=abc").status_code == 200


def test_profile_shows_points_level_and_public_posts(client, asker, category):
    ask(asker, category=category, title="A public question from Alice")
    ask(asker, category=category, title="A secret question from Alice", anonymous=True)
    page = client.get("/users/alice/").content.decode()
    assert "120" in page and "Member" in page
    assert "A public question from Alice" in page
    assert "A secret question from Alice" not in page
    assert client.get("/users/nobody/").status_code == 404


def test_members_page_ranks_by_points(client, asker, stranger, category):
    q = ask(stranger, category=category)
    comment(q, asker, body="Alice signs a comment (no points for it).")
    page = client.get("/users/").content.decode()
    assert page.index("Charlie") < page.index("Alice")


def test_pages_send_a_content_security_policy(client, db):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_answer_comment_forms_load_on_demand_and_work_without_javascript(
    client_for, asker, stranger, category
):
    q = ask(asker, category=category)
    a = answer(q, stranger)
    client = client_for(stranger)
    page = client.get(q.get_absolute_url()).content.decode()
    assert page.count('class="comment-form"') == 1  # only the question's own form
    full = client.get(f"/questions/{q.pk}/comments/?answer={a.pk}").content.decode()
    assert "<html" in full and f'name="answer" value="{a.pk}"' in full
    partial = client.get(f"/questions/{q.pk}/comments/?answer={a.pk}", HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "<html" not in html and f'id="ca{a.pk}-body"' in html
