"""Claiming posts in a real browser: a visitor asks anonymously with a notification email;
later a member who verified that address opens "Claim posts", claims the question (it
stays anonymous) and a visitor answer (shown with their name). The member can now edit the
question; a visitor still sees it under the chosen name, with nothing that leads to the
member, and sees the claimed answer under the member's name."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from mindwell.accounts.models import User
from mindwell.posting import services
from mindwell.qa.models import Answer, Question
from mindwell.taxonomy.models import Category

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

EMAIL = "river.visitor@example.org"
PASSWORD = "Slow-river-4408"
TITLE = "Is it normal to feel numb after a breakup?"


def test_a_member_claims_what_they_wrote_as_a_visitor(transactional_db, new_context, browser_log):
    Category.objects.create(name="Relationships", slug="relationships")
    other = User.objects.create_user(username="asker", password=PASSWORD)
    theirs = services.ask_question(
        author=other, title="How do I ask a friend for support?",
        body="I never know how to start that conversation with them.",
        category=Category.objects.get(), tags=[],
    )  # fmt: skip

    visitor = new_context().new_page()
    visitor.goto("/ask/")
    visitor.get_by_label("Title").fill(TITLE)
    visitor.get_by_label("Details").fill("It ended a month ago and I feel nothing at all.")
    visitor.get_by_label("Category").select_option(label="Relationships")
    visitor.get_by_label("Your name to display (optional)").fill("Riverside")
    visitor.get_by_label("Email (optional)").fill(EMAIL)
    visitor.get_by_role("button", name="Post your question").click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("numb after a breakup")
    question_url = visitor.url
    question = Question.objects.get(title=TITLE)
    assert question.author_id is None
    answer = services.post_answer(
        question=theirs, author=None, body="Telling them plainly what you need works best.",
        notify_email="River.Visitor@Example.org",
    )  # fmt: skip

    river = User.objects.create_user(
        username="river", email=EMAIL, password=PASSWORD, display_name="River Stone"
    )
    EmailAddress.objects.create(user=river, email=EMAIL, verified=True, primary=True)
    member = new_context().new_page()
    member.goto("/accounts/login/")
    member.get_by_label("Username or email").fill("river")
    member.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    member.get_by_role("button", name="Log in", exact=True).click()
    expect(member.get_by_role("button", name="Log out")).to_be_visible()
    member.goto(question_url)
    expect(member.get_by_role("link", name="Edit", exact=True)).to_have_count(0)

    member.goto("/account/claim-posts/")
    expect(member.get_by_role("heading", level=1)).to_have_text(
        "Posts you wrote before you had an account"
    )
    listed = member.locator(f"#claim-question-{question.pk}")
    expect(listed).to_contain_text(TITLE)
    expect(listed).to_contain_text("as “Riverside”")
    expect(member.locator("main")).not_to_contain_text(EMAIL)
    listed.get_by_role("button", name="Claim this question").click()
    expect(member.locator("ul.messages")).to_contain_text(
        "The post is now yours. It still shows as anonymous: nobody can tell."
    )
    expect(member.locator(f"#claim-question-{question.pk}")).to_have_count(0)
    claimed_answer = member.locator(f"#claim-answer-{answer.pk}")
    claimed_answer.get_by_label("Show my name on it").check()
    claimed_answer.get_by_role("button", name="Claim this answer").click()
    expect(member.locator("ul.messages")).to_contain_text("shown with your name")
    expect(member.get_by_text("There is nothing to claim.")).to_be_visible()

    # The question is now the member's: they can edit it, and it still reads as anonymous.
    member.goto(question_url)
    expect(member.get_by_role("link", name="Edit", exact=True)).to_be_visible()
    expect(member.locator(".question .author-card, article .author-card").first).to_contain_text(
        "Riverside"
    )
    member.get_by_role("link", name="Edit", exact=True).click()
    expect(member.get_by_label("Title")).to_have_value(TITLE)

    # A visitor still sees an anonymous question with nothing that leads to the member.
    stranger = new_context().new_page()
    stranger.goto(question_url)
    main = stranger.locator("main")
    expect(main.locator(".author.anonymous").first).to_contain_text("Riverside")
    expect(main).not_to_contain_text("River Stone")
    expect(main.locator('a[href="/users/river/"]')).to_have_count(0)
    expect(stranger.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    stranger.goto("/users/river/")
    expect(stranger.locator("main")).not_to_contain_text("numb after a breakup")
    # …and the answer the member chose to sign shows their name.
    stranger.goto(theirs.get_absolute_url())
    expect(stranger.locator(".answer a.author").first).to_contain_text("River Stone")

    question.refresh_from_db()
    assert question.author_id == river.pk
    assert question.is_anonymous
    assert question.notify_email == ""
    assert Answer.objects.get(pk=answer.pk).is_anonymous is False
    assert not browser_log.csp_violations()
    assert not browser_log.page_errors
