"""Tag suggestions in a real browser: choosing a category shows its popular tags, typing
shows tags in use, a click puts a tag into the field, and the 5-tag limit is counted; the
same list is there without JavaScript."""

import pytest
from playwright.sync_api import expect

from mindwell.accounts.models import User
from mindwell.posting import services
from mindwell.taxonomy.models import Category

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


@pytest.fixture
def tagged(transactional_db) -> Category:
    worry = Category.objects.create(name="Worry", slug="worry")
    Category.objects.create(name="Loss", slug="loss")
    author = User.objects.create_user(username="writer", password="Calm-lake-5512")
    for title in ("Racing thoughts at night again", "Worry about the exam next week"):
        services.ask_question(
            author=author,
            title=title,
            body="A body long enough for the question to be posted here.",
            category=worry,
            tags=["anxiety", "sleep"],
        )
    return worry


def test_tags_are_suggested_while_typing_and_added_with_a_click(tagged, new_context, browser_log):
    page = new_context().new_page()
    page.goto("/ask/")
    suggestions = page.locator("#id_tags-suggestions")
    expect(suggestions).to_contain_text("0 of 5 tags used.")
    page.get_by_label("Category").select_option(label="Worry")
    expect(suggestions).to_contain_text("Popular in Worry")
    tags = page.get_by_label("Tags")
    tags.press_sequentially("work anx", delay=30)
    expect(suggestions).to_contain_text("Tags in use starting with “anx”")
    suggestions.get_by_role("button", name="anxiety").first.click()
    tags = page.get_by_label("Tags")
    expect(tags).to_have_value("work anxiety ")
    expect(page.locator("#id_tags-suggestions")).to_contain_text("2 of 5 tags used.")
    expect(tags).to_be_focused()
    tags.press_sequentially("one two three four", delay=20)
    expect(page.locator("#id_tags-suggestions")).to_contain_text("6 tags: use at most 5.")
    assert not browser_log.csp_violations()
    assert not browser_log.page_errors


def test_popular_tags_are_listed_without_javascript(tagged, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/ask/")
    suggestions = page.locator("#id_tags-suggestions")
    expect(suggestions).to_contain_text("Popular tags:")
    expect(suggestions.get_by_role("button", name="anxiety")).to_be_visible()
    expect(page.get_by_text("Up to 5 tags, separated by spaces or commas")).to_be_visible()
