"""Run-time settings in a real browser: an admin opens "Site configuration" in the admin,
changes the site name and the questions per page and saves; a shortest title longer than
the longest is refused beside the field and nothing of that attempt is saved; a visitor
then sees the new name in the header and the new page size on the questions list."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from mindwell.accounts.models import User
from mindwell.core import runtime
from mindwell.posting import services
from mindwell.qa.models import TITLE_MAX, TITLE_MIN
from mindwell.taxonomy.models import Category

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

PASSWORD = "Tall-cedar-6190"
QUESTIONS = 12


@pytest.fixture
def site(transactional_db) -> None:
    owner = User.objects.create_user(
        username="owner", email="owner@example.org", password=PASSWORD,
        is_staff=True, is_superuser=True, level=User.Level.ADMIN,
    )  # fmt: skip
    EmailAddress.objects.create(user=owner, email=owner.email, verified=True, primary=True)
    category = Category.objects.create(name="Sleep", slug="sleep")
    asker = User.objects.create_user(username="asker", password=PASSWORD)
    for n in range(1, QUESTIONS + 1):
        services.ask_question(
            author=asker, title=f"Waking up at four in the morning, night {n}",
            body="I fall asleep easily but wake up early and cannot sleep again.",
            category=category, tags=[],
        )  # fmt: skip


def row(page, key: str):
    """The admin's row of one run-time setting: its label, input and errors."""
    return page.locator(f".form-row.field-rt__{key.replace('.', '__')}")


def test_an_admin_changes_the_site_name_and_page_size_and_a_visitor_sees_them(
    site, new_context, browser_log
):
    visitor = new_context().new_page()
    visitor.goto("/questions/")
    expect(visitor.locator("header a.brand")).to_have_text("Mindwell")
    expect(visitor.locator(".question-summary")).to_have_count(QUESTIONS)
    expect(visitor.get_by_role("link", name="Next →")).to_have_count(0)

    admin = new_context().new_page()
    admin.goto("/accounts/login/")
    admin.get_by_label("Username or email").fill("owner")
    admin.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    admin.get_by_role("button", name="Log in", exact=True).click()
    expect(admin.get_by_role("button", name="Log out")).to_be_visible()
    admin.goto("/admin/core/siteconfiguration/")
    expect(admin).to_have_url(re.compile(r"/admin/core/siteconfiguration/\d+/change/$"))
    name = row(admin, "general.site_name").get_by_role("textbox")
    size = row(admin, "lists.page_size").get_by_role("spinbutton")
    expect(name).to_have_value("Mindwell")

    # A shortest title longer than the longest: refused beside the field, nothing saved.
    name.fill("Not Saved Harbour")
    row(admin, "posting.title_min").get_by_role("spinbutton").fill("120")
    row(admin, "posting.title_max").get_by_role("spinbutton").fill("80")
    admin.get_by_role("button", name="Save", exact=True).first.click()
    expect(admin.locator(".errornote")).to_be_visible()
    expect(row(admin, "posting.title_min")).to_contain_text(
        "This is longer than the longest title (80 characters)."
    )
    expect(row(admin, "general.site_name")).not_to_contain_text("This field")
    assert runtime.get("general.site_name") == "Mindwell"
    assert runtime.get("posting.title_min") == TITLE_MIN
    visitor.reload()
    expect(visitor.locator("header a.brand")).to_have_text("Mindwell")

    # Put the title lengths right, set the name and the page size, and save.
    row(admin, "posting.title_min").get_by_role("spinbutton").fill(str(TITLE_MIN))
    row(admin, "posting.title_max").get_by_role("spinbutton").fill(str(TITLE_MAX))
    name = row(admin, "general.site_name").get_by_role("textbox")
    name.fill("Calm Harbour")
    size = row(admin, "lists.page_size").get_by_role("spinbutton")
    size.fill("5")
    admin.get_by_role("button", name="Save", exact=True).first.click()
    expect(admin.locator(".messagelist")).to_contain_text("changed successfully")

    visitor.goto("/questions/")
    expect(visitor.locator("header a.brand")).to_have_text("Calm Harbour")
    expect(visitor).to_have_title(re.compile(r"· Calm Harbour$"))
    expect(visitor.locator(".question-summary")).to_have_count(5)
    expect(visitor.locator(".pagination .current")).to_have_text("Page 1 of 3")
    visitor.get_by_role("link", name="Next →").click()
    expect(visitor.locator(".question-summary")).to_have_count(5)
    visitor.get_by_role("link", name="Next →").click()
    expect(visitor.locator(".question-summary")).to_have_count(QUESTIONS - 10)
    expect(visitor.get_by_role("link", name="Next →")).to_have_count(0)
    assert runtime.get("posting.title_max") == TITLE_MAX

    admin.goto("/admin/core/siteconfiguration/")
    expect(row(admin, "general.site_name").get_by_role("textbox")).to_have_value("Calm Harbour")
    expect(row(admin, "lists.page_size").get_by_role("spinbutton")).to_have_value("5")
    assert not browser_log.csp_violations()
    assert not browser_log.page_errors
