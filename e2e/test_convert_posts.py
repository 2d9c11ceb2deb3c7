"""An editor turns an answer into a comment and back from the question page, in a real
browser; the page shows the post in its new place each time."""

from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from mindwell.accounts.models import User
from mindwell.posting import services
from mindwell.qa.models import Answer, Comment
from mindwell.taxonomy.models import Category

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

TEXT = "Thanks, I will try the breathing tonight and report back."


@pytest.fixture
def thread(transactional_db):
    category = Category.objects.create(name="Sleep", slug="sleep")
    asker = User.objects.create_user(username="asker", password="Slow-tide-2291")
    helper = User.objects.create_user(username="helper", password="Slow-tide-2292")
    question = services.ask_question(
        author=asker,
        title="What helps you fall asleep when worried?",
        body="Worries keep me awake for hours; what do you do?",
        category=category,
        tags=["sleep"],
    )
    services.post_answer(
        author=helper, question=question, body="Slow breathing, four counts in and six out."
    )
    services.post_answer(author=asker, question=question, body=TEXT)
    return question


def log_in(context, live_server, user: User) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    host = urlparse(live_server.url).hostname
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "domain": host, "path": "/"}])


def test_an_editor_turns_an_answer_into_a_comment_and_back(thread, live_server, new_context):
    editor = User.objects.create_user(
        username="editor", password="Slow-tide-2293", level=User.Level.EDITOR
    )
    context = new_context()
    log_in(context, live_server, editor)
    page = context.new_page()
    page.goto(thread.get_absolute_url())
    expect(page.locator("#answers-heading")).to_have_text("2 answers")
    mine = page.locator("article.answer", has_text=TEXT)
    mine.locator("summary", has_text="Convert to a comment").click()
    mine.get_by_label("Make it a comment on").select_option(label="the question")
    mine.get_by_role("button", name="Convert to a comment").click()

    expect(page.locator("ul.messages")).to_contain_text("The answer is now a comment.")
    expect(page.locator("#answers-heading")).to_have_text("1 answer")
    comment = Comment.objects.get(body=TEXT)
    on_question = page.locator("article.question").locator(f"#c{comment.pk}")
    expect(on_question).to_contain_text(TEXT)

    on_question.get_by_role("button", name="make it an answer").click()
    expect(page.locator("ul.messages")).to_contain_text("The comment is now an answer.")
    expect(page.locator("#answers-heading")).to_have_text("2 answers")
    answer = Answer.objects.get(body=TEXT)
    expect(page.locator(f"#a{answer.pk}")).to_contain_text(TEXT)
