"""At 375 px the header is one compact row and a search field: the links fold into a menu
(details/summary, no script) that opens on a tap; "Get help now" and search stay in reach.
At desktop width the links are shown and the menu is not."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_the_phone_header_is_compact_with_a_menu(new_context, browser_log, db):
    phone = new_context(viewport={"width": 375, "height": 740}, java_script_enabled=False)
    page = phone.new_page()
    page.goto("/")
    header = page.locator("header.site-header").bounding_box()
    assert header is not None
    assert header["height"] <= 120  # it took ~240 px; now ~97
    assert page.locator("body").evaluate("b => b.scrollWidth") <= 375  # no sideways scroll
    expect(page.locator("header").get_by_role("link", name="Get help now")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search")).to_be_visible()
    questions = page.get_by_label("Menu").get_by_role("link", name="Questions")
    expect(questions).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(questions).to_be_visible()
    expect(page.get_by_label("Menu").get_by_role("link", name="Log in")).to_be_visible()
    questions.click()
    expect(page).to_have_url(re.compile(r"/questions/$"))

    desktop = new_context(viewport={"width": 1200, "height": 800}).new_page()
    desktop.goto("/")
    expect(desktop.get_by_label("Main").get_by_role("link", name="Questions")).to_be_visible()
    expect(desktop.locator("details.phone-menu")).to_be_hidden()
    assert not browser_log.csp_violations()
