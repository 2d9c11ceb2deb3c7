"""A newcomer's first day on Mindwell, in a real browser, using only the pages.

Three people: the asker (signs up, verifies the email, asks, votes, picks the best answer,
edits), a visitor without an account (answers anonymously under a chosen name) and
"helper", an existing member (logs in and answers). Checks on the way: styles and htmx
load, the live Markdown preview, in-place voting, the best answer first, the edit history
diff, a 375 px wide phone screen without horizontal scrolling, and no CSP violations.
"""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import Frame, Locator, Page, expect

from mindwell.accounts.models import User
from mindwell.posting import services
from mindwell.qa.models import Question
from mindwell.taxonomy.models import Category

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

SCREENSHOT = "/tmp/e2e-mobile.png"  # noqa: S108 - a fixed, well-known place to look at

ASKER = {"username": "newcomer", "email": "newcomer@example.org", "password": "Quiet-harbour-71"}
HELPER = {"username": "helper", "email": "helper@example.org", "password": "Gentle-river-48"}
TITLE = "How do I calm down before a job interview?"
BODY = "My heart races **every time** I have an interview. What helps you stay calm?"
EDITED_BODY = (
    "My heart pounds **every time** I have an interview. Breathing exercises help a little. "
    "What helps you stay calm?"
)
VISITOR_NAME = "Someone who cares"
VISITOR_ANSWER = "Go for a short walk just before, it really takes the edge off."
HELPER_ANSWER = "Try box breathing: in for four, hold for four, out for four, hold for four."


@pytest.fixture
def community(transactional_db) -> dict[str, object]:
    """What exists before the newcomer arrives: a category and a verified member."""
    category = Category.objects.create(name="Anxiety & stress", slug="anxiety-stress")
    helper = User.objects.create_user(
        username=HELPER["username"], email=HELPER["email"], password=HELPER["password"]
    )
    EmailAddress.objects.create(user=helper, email=HELPER["email"], verified=True, primary=True)
    return {"category": category, "helper": helper}


def answer_field(page: Page, label: str) -> Locator:
    """A field of the "Your answer" form, found by its visible label inside that form.

    (page.get_by_label() cannot be used here: the question page repeats the ids
    id_body, id_anon_name… in its comment forms, so the answer form's labels point at
    the first comment form; see test_answer_form_labels_focus_the_answer_form.)
    """
    form = page.get_by_role("region", name="Your answer").locator("form")
    for_id = form.locator("label", has_text=label).get_attribute("for")
    return form.locator(f"[id='{for_id}']")


def answer_card(page: Page, text: str) -> Locator:
    return page.locator("article.answer").filter(has_text=text)


def sign_up_and_verify(page: Page) -> None:
    page.get_by_role("link", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    page.get_by_label("Email").fill(ASKER["email"])
    page.get_by_label("Username").fill(ASKER["username"])
    page.get_by_label("How old are you?").fill("30")
    page.get_by_label(re.compile(r"^Password:?$")).fill(ASKER["password"])
    page.get_by_label("Password (again)").fill(ASKER["password"])
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    message = mail.outbox[0]
    assert message.to == [ASKER["email"]]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert link, message.body
    page.goto(link.group(0))
    expect(page.get_by_role("heading", name="Confirm Email Address")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()

    # allauth then asks the newcomer to log in (or, with
    # ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION, logs them in straight away).
    expect(page.locator("ul.messages")).to_contain_text(f"You have confirmed {ASKER['email']}")
    logged_in, login_field = (
        page.get_by_role("button", name="Log out"),
        page.get_by_label("Username or email"),
    )
    expect(logged_in.or_(login_field)).to_be_visible()
    if login_field.is_visible():
        submit_login(page, ASKER)
    expect(page.locator(".account-nav .me")).to_contain_text(ASKER["username"])


def submit_login(page: Page, who: dict[str, str]) -> None:
    page.get_by_label("Username or email").fill(who["username"])
    page.get_by_label(re.compile(r"^Password:?$")).fill(who["password"])
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def check_styles_and_scripts(page: Page, responses: dict[str, int]) -> None:
    """The stylesheet and htmx load (200) and apply: the page is styled, htmx runs."""
    css = [s for url, s in responses.items() if url.endswith("/static/css/mindwell.css")]
    js = [s for url, s in responses.items() if re.search(r"/static/js/htmx[^/]*\.js$", url)]
    if css != [200] or js != [200]:
        pytest.fail(
            f"Static files are not served: mindwell.css answered {css}, htmx answered {js} "
            "(expected [200] each). Without them every page is unstyled and the live "
            "preview and in-place voting cannot work. Are the files under mindwell/static/ "
            "found by the staticfiles finders (STATICFILES_DIRS)?"
        )
    styles = page.evaluate(
        """() => {
            const header = getComputedStyle(document.querySelector(".site-header"));
            return {bodyMargin: getComputedStyle(document.body).marginTop,
                    headerBackground: header.backgroundColor,
                    headerBorder: header.borderBottomWidth,
                    htmx: typeof window.htmx}
        }"""
    )
    assert styles == {
        "bodyMargin": "0px",  # the browser's default is 8px
        "headerBackground": "rgb(255, 255, 255)",  # the default is transparent
        "headerBorder": "1px",
        "htmx": "object",
    }, styles


def ask_question(page: Page) -> None:
    page.get_by_role("link", name="Ask a question").click()
    expect(page.get_by_role("heading", name="Ask a question")).to_be_visible()
    page.get_by_label("Title").fill(TITLE)
    details = page.get_by_label("Details")
    details.click()
    details.press_sequentially(BODY)
    # The live preview (htmx POST to /preview/) renders the Markdown.
    page.locator("summary", has_text="Preview").click()
    preview = page.locator("#id_body_preview")
    expect(preview.locator("strong")).to_have_text("every time")
    expect(preview).to_contain_text("What helps you stay calm?")
    page.get_by_label("Category").select_option(label="Anxiety & stress")
    page.get_by_label("Tags").fill("interviews breathing")
    page.get_by_role("button", name="Post your question").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("ul.messages")).to_contain_text("Your question is posted.")
    question = page.locator("article.question")
    expect(question.locator(".post-body strong")).to_have_text("every time")
    expect(question.get_by_role("link", name="Anxiety & stress")).to_be_visible()
    expect(question.locator(".tags .tag")).to_have_text(["breathing", "interviews"])
    expect(question.locator(".author-card")).to_contain_text(f"by {ASKER['username']}")


def answer_as_visitor(page: Page, question_url: str) -> None:
    page.goto(question_url)
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()
    answer_field(page, "Your answer").fill(VISITOR_ANSWER)
    answer_field(page, "Your name to display (optional)").fill(VISITOR_NAME)
    page.get_by_role("button", name="Post your answer").click()
    expect(page.locator("ul.messages")).to_contain_text("Your answer is posted.")
    card = answer_card(page, VISITOR_ANSWER)
    expect(card.locator(".author-card")).to_contain_text(f"by {VISITOR_NAME}")
    # The chosen name is plain text: no link to any profile, on the card or anywhere.
    expect(page.get_by_role("link", name=VISITOR_NAME)).to_have_count(0)
    expect(card.locator("a[href^='/users/']")).to_have_count(0)


def answer_as_helper(page: Page, question_url: str) -> None:
    page.locator(".account-nav").get_by_role("link", name="Log in").click()
    submit_login(page, HELPER)
    # Find the question as a member would: from the recent activity on the home page.
    page.locator(".site-header").get_by_role("link", name="Mindwell").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(re.escape(question_url) + "$"))
    answer_field(page, "Your answer").fill(HELPER_ANSWER)
    page.get_by_role("button", name="Post your answer").click()
    expect(page.locator("ul.messages")).to_contain_text("Your answer is posted.")
    card = answer_card(page, HELPER_ANSWER)
    expect(card.get_by_role("link", name=HELPER["username"])).to_be_visible()


def vote_up_in_place(page: Page, card: Locator) -> None:
    """Vote up with htmx: the score changes, and the page is not reloaded."""
    navigations: list[str] = []

    def on_navigated(frame: Frame) -> None:
        navigations.append(frame.url)

    page.evaluate("window.__e2eNoReload = 'still the same page'")
    page.on("framenavigated", on_navigated)
    expect(card.locator(".score")).to_have_text("0")
    card.get_by_role("button", name="Vote up").click()
    expect(card.locator(".score")).to_have_text("1")
    expect(card.get_by_role("button", name="Withdraw your up vote")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.remove_listener("framenavigated", on_navigated)
    assert page.evaluate("window.__e2eNoReload") == "still the same page"
    assert navigations == [], f"the vote reloaded the page: {navigations}"


def answers_in_order(page: Page) -> list[str]:
    return [text.strip() for text in page.locator("article.answer .post-body").all_inner_texts()]


@pytest.mark.django_db(transaction=True)
def test_newcomer_journey(community, live_server, new_context, browser_log) -> None:
    asker_context = new_context()
    asker = asker_context.new_page()

    # The home page, styled, with htmx running.
    response = asker.goto("/")
    if response is None or not response.ok:
        pytest.fail(f"The home page answered {response and response.status}, not 200.")
    expect(asker.get_by_role("heading", level=1)).to_be_visible()
    check_styles_and_scripts(asker, browser_log.responses)

    # 2. Sign up, verify the email from the link, log in.
    sign_up_and_verify(asker)

    # 3. Ask, with the live Markdown preview.
    ask_question(asker)
    question_url = asker.url.split("#")[0].removeprefix(live_server.url)

    # 4. A visitor without an account answers under a chosen name.
    other_context = new_context()
    other = other_context.new_page()
    answer_as_visitor(other, question_url)

    # 5. In the same browser, "helper" logs in and answers.
    answer_as_helper(other, question_url)

    asker.reload()
    expect(asker.locator("article.answer")).to_have_count(2)
    expect(asker.locator("#answers-heading")).to_have_text("2 answers")
    own_question = asker.locator("article.question")
    expect(own_question.get_by_role("button", name="Vote up")).to_be_disabled()

    # The asker votes both answers up, in place; the votes are remembered after a reload.
    vote_up_in_place(asker, answer_card(asker, HELPER_ANSWER))
    vote_up_in_place(asker, answer_card(asker, VISITOR_ANSWER))
    asker.reload()
    for text in (HELPER_ANSWER, VISITOR_ANSWER):
        card = answer_card(asker, text)
        expect(card.locator(".score")).to_have_text("1")
        expect(card.get_by_role("button", name="Withdraw your up vote")).to_have_attribute(
            "aria-pressed", "true"
        )
    # Equal scores: the older (visitor's) answer comes first...
    assert answers_in_order(asker) == [VISITOR_ANSWER, HELPER_ANSWER]

    # 6. ...until the asker selects helper's answer as the best one.
    answer_card(asker, HELPER_ANSWER).get_by_role("button", name="Select as best").click()
    expect(asker.locator("ul.messages")).to_contain_text("Best answer selected.")
    first = asker.locator("article.answer").first
    expect(first).to_contain_text(HELPER_ANSWER)
    expect(first).to_have_class(re.compile(r"\bbest\b"))
    expect(first.locator(".best-badge")).to_have_text("✔ Best answer")
    expect(asker.locator(".best-badge")).to_have_count(1)
    assert answers_in_order(asker) == [HELPER_ANSWER, VISITOR_ANSWER]

    # 7. The asker edits the question; the page says so and the history shows the diff.
    own_question.get_by_role("link", name="Edit").click()
    expect(asker.get_by_role("heading", name="Edit question")).to_be_visible()
    details = asker.get_by_label("Details")
    expect(details).to_have_value(BODY)
    details.fill(EDITED_BODY)
    asker.get_by_label("Edit summary (optional)").fill("What I tried")
    asker.get_by_role("button", name="Save edit").click()
    expect(asker.locator("ul.messages")).to_contain_text("Your edit is saved.")
    expect(own_question.locator(".post-body")).to_contain_text("Breathing exercises help")
    expect(own_question.locator(".edited")).to_have_text(
        re.compile(rf"^edited .+ by {ASKER['username']}$")
    )
    own_question.get_by_role("link", name="History").click()
    expect(asker.get_by_role("heading", name="Edit history")).to_be_visible()
    latest = asker.locator("li.revision").first
    expect(latest.get_by_role("heading")).to_contain_text("Revision 2")
    expect(latest).to_contain_text("“What I tried”")
    expect(latest).to_contain_text("Changed: body")
    expect(latest.locator("del")).to_have_text(["races"])
    expect(latest.locator("ins")).to_have_text(["pounds", re.compile(r"Breathing exercises")])
    expect(asker.locator("li.revision")).to_have_count(2)

    # 8. On a 375 px wide phone the question page does not scroll sideways.
    phone = asker_context.new_page()
    phone.set_viewport_size({"width": 375, "height": 812})
    phone.goto(question_url)
    expect(phone.get_by_role("heading", level=1)).to_have_text(TITLE)
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375, f"horizontal scrollbar: scrollWidth {scroll_width} > 375"
    phone.screenshot(path=SCREENSHOT, full_page=True)

    # 9. Nothing was refused by the Content Security Policy, and no script failed.
    assert browser_log.csp_violations() == []
    assert browser_log.page_errors == []


@pytest.fixture
def question(community) -> Question:
    return services.ask_question(
        author=community["helper"], title=TITLE, body=BODY, category=community["category"],
        tags=["interviews"],
    )  # fmt: skip


def test_answer_form_labels_focus_the_answer_form(question, new_context) -> None:
    page = new_context().new_page()
    response = page.goto(question.get_absolute_url())
    if response is None or not response.ok:
        pytest.fail(f"The question page answered {response and response.status}, not 200.")
    form = page.get_by_role("region", name="Your answer").locator("form")
    expect(form).to_be_visible()
    duplicates = page.evaluate(
        """() => {
            const ids = [...document.querySelectorAll("[id]")].map(e => e.id);
            return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
        }"""
    )
    for label in ("Your answer", "Your name to display (optional)"):
        form.locator("label", has_text=label).click()
        in_form = page.evaluate("document.activeElement.closest('.your-answer') !== null")
        assert in_form, f"clicking the label {label!r} focuses a field outside the answer form"
    assert duplicates == []
