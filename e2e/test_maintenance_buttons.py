"""The maintenance buttons in a real browser: an admin queues "Recount members' points",
sees it waiting for the worker, and (once the worker has run) the page's own polling turns
it into "Done" with the result, while the drifted total is corrected. A member who is not
an admin is refused the page."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from mindwell.accounts.models import User
from mindwell.moderation.models import MaintenanceRun

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

PASSWORD = "Quiet-harbour-7731"


def member(username: str, **fields: object) -> User:
    """A member with a verified address, who can log in."""
    email = f"{username}@example.org"
    user = User.objects.create_user(username=username, email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_an_admin_recounts_points_and_watches_the_task_finish(
    transactional_db, new_context, browser_log, run_worker
):
    member("keeper", level=User.Level.ADMIN)
    drifted = member("drifted")
    User.objects.filter(pk=drifted.pk).update(points=999)

    page = new_context().new_page()
    log_in(page, "keeper")
    page.goto("/moderation/maintenance/")
    expect(page.get_by_role("heading", name="Maintenance tasks")).to_be_visible()
    expect(page.get_by_text("No maintenance task has run from here yet.")).to_be_visible()
    page.get_by_role("button", name="Recount members' points").click()

    expect(page.locator("ul.messages")).to_contain_text("Queued: Recount members' points.")
    status = page.locator(".maintenance-runs .maintenance-run")
    expect(status).to_have_count(1)
    expect(status).to_contain_text("Waiting for the worker")
    assert MaintenanceRun.objects.get().state == MaintenanceRun.State.QUEUED
    # Queued twice while it waits: refused in words, still one task.
    page.get_by_role("button", name="Recount members' points").click()
    expect(page.get_by_text("This task is already waiting or running")).to_be_visible()
    page.goto("/moderation/maintenance/")
    expect(status).to_have_count(1)

    run_worker()  # what `make run`'s db_worker does; the open page polls for the result
    expect(status).to_contain_text("Done")
    expect(status).to_contain_text("1 total(s) corrected")
    expect(status).not_to_contain_text("Waiting for the worker")
    drifted.refresh_from_db()
    assert drifted.points == 100
    page.reload()
    expect(status).to_contain_text("Done")
    assert not browser_log.csp_violations()
    assert not browser_log.page_errors


def test_a_member_who_is_not_an_admin_is_refused(transactional_db, new_context):
    member("member")
    page = new_context().new_page()
    log_in(page, "member")
    response = page.goto("/moderation/maintenance/")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("button", name="Recount members' points")).to_have_count(0)
    expect(page.get_by_text("Only admins can run maintenance tasks.")).to_be_visible()
    assert not MaintenanceRun.objects.exists()


def test_a_visitor_is_sent_to_log_in(transactional_db, new_context):
    page = new_context().new_page()
    page.goto("/moderation/maintenance/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/moderation/maintenance/"))
