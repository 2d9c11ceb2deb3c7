"""Admins queue the maintenance commands from the site; the worker runs them and the page
shows their state and result (htmx polls while a task waits or runs; a reload shows the
same). Everyone else is refused, and each queued task is in the audit log."""

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from mindwell.accounts.models import User
from mindwell.audit.models import AuditEntry
from mindwell.moderation import maintenance
from mindwell.moderation.models import MaintenanceRun
from mindwell.qa.tests.factories import UserFactory, ask
from mindwell.search.models import SearchDocument

URL = "/moderation/maintenance/"
State = MaintenanceRun.State


@pytest.fixture
def admin(db):
    return UserFactory(username="siteadmin", level=User.Level.ADMIN)


@pytest.mark.django_db(transaction=True)
def test_an_admin_queues_a_recount_and_the_worker_fixes_totals(admin, client_for, run_worker):
    drifted = UserFactory(username="drifted", points=999)
    client = client_for(admin)
    response = client.post(URL, {"command": "recount_points"})
    assert response.status_code == 302
    run = MaintenanceRun.objects.get()
    assert run.state == State.QUEUED and run.requested_by == admin
    assert DBTaskResult.objects.filter(task_path__endswith="run_maintenance").exists()
    entry = AuditEntry.objects.get(action="maintenance_queued")
    assert entry.actor == admin and entry.reason == "Recount members' points"
    assert "Waiting for the worker" in client.get(URL).content.decode()
    run_worker()
    run.refresh_from_db()
    assert run.state == State.DONE and run.done == run.total == User.objects.count()
    assert "1 total(s) corrected" in run.result
    drifted.refresh_from_db()
    assert drifted.points == 100
    page = client.get(URL).content.decode()
    assert "Done" in page and "1 total(s) corrected" in page


@pytest.mark.django_db(transaction=True)
def test_rebuilding_the_search_index_from_the_page(admin, client_for, run_worker, category):
    ask(UserFactory(), category=category, title="How do I keep a journal every day?")
    SearchDocument.objects.all().delete()
    client_for(admin).post(URL, {"command": "rebuild_search_index"})
    run_worker()
    run = MaintenanceRun.objects.get()
    assert run.state == State.DONE and run.result.startswith("Indexed 1 questions")
    assert SearchDocument.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_checking_the_crisis_lines_reports_in_words(admin, client_for, run_worker):
    client_for(admin).post(URL, {"command": "check_crisis_lines"})
    run_worker()
    run = MaintenanceRun.objects.get()
    assert run.state == State.DONE
    assert "crisis line" in run.result or "emergency numbers" in run.result


def test_a_failing_task_is_marked_failed(admin, monkeypatch):
    run = maintenance.queue_maintenance(admin=admin, command="rebuild_search_index")

    def broken(run):
        raise RuntimeError("the index is locked")

    monkeypatch.setitem(maintenance.RUNNERS, "rebuild_search_index", broken)
    with pytest.raises(RuntimeError):
        maintenance.perform(run.pk)
    run.refresh_from_db()
    assert run.state == State.FAILED and "the index is locked" in run.result
    assert AuditEntry.objects.filter(action="maintenance_failed").exists()
    assert maintenance.perform(run.pk) == "skipped"  # delivered twice: left alone


def test_the_same_task_is_not_queued_twice(admin, client_for):
    client = client_for(admin)
    client.post(URL, {"command": "recount_points"})
    again = client.post(URL, {"command": "recount_points"})
    assert again.status_code == 409 and "already waiting or running" in again.content.decode()
    assert MaintenanceRun.objects.count() == 1


@pytest.mark.parametrize("command", ["", "drop_database", "x" * 500])
def test_an_unknown_command_is_a_400(admin, client_for, command):
    response = client_for(admin).post(URL, {"command": command})
    assert response.status_code == 400
    assert not MaintenanceRun.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_status_fragment_polls_while_the_task_waits(admin, client_for, run_worker):
    client = client_for(admin)
    client.post(URL, {"command": "check_crisis_lines"})
    run = MaintenanceRun.objects.get()
    fragment = client.get(f"{URL}{run.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in fragment and "Waiting for the worker" in fragment
    run_worker()
    fragment = client.get(f"{URL}{run.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment and "Done" in fragment
    plain = client.get(f"{URL}{run.pk}/")
    assert plain.status_code == 302 and plain["Location"].endswith(f"#run-{run.pk}")
    assert client.get(f"{URL}999999/", HTTP_HX_REQUEST="true").status_code == 404


def test_only_admins_may_see_or_queue(admin, client_for, moderator):
    run = maintenance.queue_maintenance(admin=admin, command="recount_points")
    for user in (moderator, UserFactory()):
        client = client_for(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"command": "check_crisis_lines"}).status_code == 403
        assert client.get(f"{URL}{run.pk}/", HTTP_HX_REQUEST="true").status_code == 403
    assert "/accounts/login/" in Client().get(URL)["Location"]
    assert MaintenanceRun.objects.count() == 1


def test_queueing_needs_the_csrf_token(admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    assert client.post(URL, {"command": "recount_points"}).status_code == 403
    assert not MaintenanceRun.objects.exists()


def test_the_page_costs_few_queries(admin, client_for, django_assert_max_num_queries):
    for command in ("recount_points", "check_crisis_lines", "rebuild_search_index"):
        maintenance.queue_maintenance(admin=admin, command=command)
    client = client_for(admin)
    with django_assert_max_num_queries(15):
        page = client.get(URL)
    assert page.status_code == 200
    assert page.content.decode().count('class="maintenance-run"') == 3
