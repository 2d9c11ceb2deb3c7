"""In a real browser, on the demo community: similar questions while asking, search with
highlights, the crisis page before an urgent post, and an anonymous asker's email."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from mindwell.qa.models import Question

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.VAR_DIR = Path(tmp_path)
    call_command("load_demo", "--if-empty", "--password", "demo-password-123", verbosity=0)


def test_similar_questions_appear_while_typing_and_search_highlights(demo, new_context):
    page = new_context().new_page()
    page.goto("/ask/")
    page.get_by_label("Title").press_sequentially("counselor coffee client", delay=20)
    similar = page.locator("#similar-questions")
    expect(similar).to_contain_text("invitation to go for coffee", timeout=10_000)
    expect(similar).to_contain_text("answers")
    page.goto("/search/?q=counselor+coffee")
    expect(page.locator(".search-result mark").first).to_have_text(
        re.compile("counselor|coffee", re.IGNORECASE)
    )
    expect(page.get_by_role("status")).to_contain_text("result")


def test_an_urgent_post_shows_crisis_lines_first_and_is_still_posted(demo, new_context):
    context = new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en-GB"})
    page = context.new_page()
    page.goto("/ask/")
    page.get_by_label("Title").fill("I don't know who else to tell tonight")
    body = page.get_by_label("Details")
    body.fill("I can't do this anymore, I've written goodbye letters to my family.")
    expect(page.locator(".draft-feedback .support-card")).to_be_visible(timeout=10_000)
    page.get_by_label("Category").select_option(label="Depression")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Before you post")
    expect(page.locator("main")).to_contain_text("116 123")
    page.get_by_role("button", name="Post it now").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("who else to tell tonight")
    assert Question.objects.filter(title__icontains="who else to tell").exists()


def test_an_anonymous_asker_gets_an_email_with_a_working_link_and_unsubscribe(
    demo, new_context, run_worker
):
    visitor = new_context().new_page()
    visitor.goto("/ask/")
    visitor.get_by_label("Title").fill("How do I stop checking my partner's phone?")
    visitor.get_by_label("Details").fill("I keep checking and it makes everything worse.")
    visitor.get_by_label("Category").select_option(label="Relationships")
    visitor.get_by_label("Your name to display (optional)").fill("Trying to trust")
    visitor.get_by_label("Email (optional)").fill("trying@example.org")
    visitor.get_by_role("button", name="Post your question").click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("checking my partner")
    question_url = visitor.url

    member = new_context().new_page()
    member.goto("/accounts/login/")
    member.get_by_label("Username or email").fill("admin")
    member.get_by_label(re.compile(r"^Password")).fill("demo-password-123")
    member.get_by_role("button", name="Log in", exact=True).click()
    member.goto(question_url)
    member.locator(".your-answer textarea").fill(
        "It may help to agree on what privacy means to you both."
    )
    member.get_by_role("button", name="Post your answer").click()
    expect(member.locator(".answer").first).to_contain_text("agree on what privacy")

    run_worker()
    sent = [m for m in mail.outbox if "trying@example.org" in m.to]
    assert len(sent) == 1
    text = sent[0].body
    link = re.search(r"Open it: http://[^/]+(/\S+)", text).group(1)
    unsubscribe = re.search(r"Unsubscribe: http://[^/]+(/\S+)", text).group(1)
    assert sent[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    visitor.goto(link)
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("checking my partner")
    visitor.goto(unsubscribe)
    visitor.get_by_role("button", name="Unsubscribe").click()
    expect(visitor.get_by_role("status")).to_contain_text("removed")
    assert Question.objects.get(title__icontains="checking my partner").notify_email == ""


def test_a_french_crisis_post_is_routed_like_an_english_one(demo, new_context):
    from mindwell.safety.models import RiskRecord

    context = new_context(locale="fr-FR", extra_http_headers={"Accept-Language": "fr-FR"})
    page = context.new_page()
    page.goto("/ask/")
    page.get_by_label("Title").fill("Je crois que c'est la dernière fois que j'écris ici")
    body = page.get_by_label("Details")
    body.fill(
        "J'ai gardé toutes mes boîtes de somnifères et ce soir je vais tout prendre. "
        "J'ai déjà écrit une lettre pour ma sœur."
    )
    expect(page.locator(".draft-feedback .support-card")).to_be_visible(timeout=10_000)
    page.get_by_label("Category").select_option(label="Depression")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Before you post")
    expect(page.locator("main")).to_contain_text("3114")  # France's suicide prevention line
    page.get_by_role("button", name="Post it now").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("dernière fois")
    question = Question.objects.get(title__icontains="dernière fois")
    assert RiskRecord.objects.get(question=question).tier == "urgent"
