"""The API's interactive documentation opens from the footer in a real browser, lists the
operations, and runs under the site's CSP (Swagger UI from the site's own files)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_the_api_docs_list_the_operations_with_no_csp_violation(new_context, browser_log, db):
    page = new_context().new_page()
    page.goto("/")
    page.locator("footer").get_by_role("link", name="API").click()
    expect(page).to_have_url(re.compile(r"/api/v1/docs$"))
    expect(page.get_by_text("Mindwell API").first).to_be_visible()
    expect(
        page.locator(".opblock-summary-path", has_text="/api/v1/questions").first
    ).to_be_visible()
    assert page.locator(".opblock").count() >= 25
    foreign = [
        url for url in browser_log.responses if not url.startswith(page.url.split("/api/")[0])
    ]
    assert not foreign, foreign
    assert not browser_log.csp_violations(), browser_log.csp_violations()
    assert not browser_log.page_errors
