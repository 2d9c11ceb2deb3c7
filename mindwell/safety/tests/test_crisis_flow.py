"""The crisis support flow as the issue's "done means" describes it."""

import pytest

from mindwell.accounts.models import User
from mindwell.moderation.models import ReviewItem
from mindwell.notifications.models import Notification
from mindwell.qa.models import Question, Status
from mindwell.qa.tests.factories import UserFactory, ask
from mindwell.safety import duty
from mindwell.safety.models import RiskRecord

URGENT = "I can't do this anymore, I've written goodbye letters to my family."
IDIOM = "This homework is killing me, how do people study for finals without burning out?"


def _ask(client, category, body, **extra):
    return client.post(
        "/ask/",
        {
            "title": "I need to say something tonight",
            "body": body,
            "category": category.pk,
            **extra,
        },
    )


def test_an_urgent_post_shows_crisis_lines_first_then_posts_and_alerts(
    client_for, category, moderator, settings
):
    settings_country = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.8"}
    duty.set_on_duty(moderator=moderator, on_duty=True)
    client = client_for(UserFactory(username="poster"))
    page = client.post(
        "/ask/",
        {"title": "I need to say something tonight", "body": URGENT, "category": category.pk},
        **settings_country,
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Before you post" in html and "116 123" in html
    assert not Question.objects.exists()
    response = client.post(
        "/ask/",
        {
            "title": "I need to say something tonight",
            "body": URGENT,
            "category": category.pk,
            "crisis_seen": "1",
        },
    )
    assert response.status_code == 302
    q = Question.objects.get()
    assert q.status == Status.PUBLISHED  # never blocked, never hidden
    record = RiskRecord.objects.get(question=q)
    assert record.tier == "urgent" and record.rules
    item = ReviewItem.objects.get(question=q, queue="crisis")
    assert item.priority == 100
    alert = Notification.objects.get(recipient=moderator, kind="crisis_alert")
    assert "Urgent" in alert.text
    queue = client_for(moderator).get("/moderation/queue/crisis/").content.decode()
    assert q.title in queue and "urgent" in queue


def test_an_idiom_does_neither(client_for, category):
    client = client_for(UserFactory())
    response = _ask(client, category, IDIOM)
    assert response.status_code == 302
    q = Question.objects.get()
    assert not RiskRecord.objects.filter(question=q).exists()
    assert not ReviewItem.objects.filter(queue="crisis").exists()


@pytest.mark.django_db(transaction=True)
def test_urgent_posts_escalate_when_nobody_acts(category, moderator, run_worker, settings):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    admin = UserFactory(username="siteadmin", level=User.Level.ADMIN)
    duty.set_on_duty(moderator=moderator, on_duty=True)
    q = ask(UserFactory(), category=category, body=URGENT)
    assert Notification.objects.filter(kind="crisis_alert", recipient=admin).count() == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=45), tick=True):
        run_worker()
    record = RiskRecord.objects.get(question=q)
    assert record.escalated_at is not None
    assert Notification.objects.filter(kind="crisis_alert", recipient=admin).exists()


@pytest.mark.django_db(transaction=True)
def test_acting_on_the_crisis_item_stops_escalation(category, moderator, run_worker):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from mindwell.moderation import services as moderation

    q = ask(UserFactory(), category=category, body=URGENT)
    item = ReviewItem.objects.get(question=q, queue="crisis")
    moderation.resolve_review(moderator=moderator, item=item, action="reached_out")
    with time_machine.travel(timezone.now() + timedelta(minutes=45), tick=True):
        run_worker()
    record = RiskRecord.objects.get(question=q)
    assert record.outcome == "reached_out" and record.escalated_at is None


def test_someone_may_be_at_risk_report_reaches_the_crisis_queue_and_the_author(
    client_for, asker, category
):
    q = ask(asker, category=category)
    reporter = UserFactory(points=500)
    response = client_for(reporter).post(f"/flag/question/{q.pk}/", {"reason": "at_risk"})
    assert response.status_code == 302
    assert ReviewItem.objects.filter(question=q, queue="crisis").exists()
    note = Notification.objects.get(recipient=asker, kind="support")
    assert "not alone" in note.text or "alone" in note.text
    q.refresh_from_db()
    assert q.status == Status.PUBLISHED


def test_draft_check_shows_support_while_typing_without_storing(client, db):
    html = client.post("/safety/check/", {"body": URGENT}).content.decode()
    assert "support-card" in html
    calm = client.post("/safety/check/", {"body": IDIOM}).content.decode()
    assert "support-card" not in calm
    assert not RiskRecord.objects.exists()


@pytest.mark.parametrize("body", [URGENT])
def test_risk_data_never_reaches_the_api(client, category, body):
    q = ask(UserFactory(), category=category, body=body)
    data = client.get(f"/api/v1/questions/{q.pk}").content.decode()
    assert "urgent" not in data and "risk" not in data.lower()


def test_risk_records_expire(category, settings):
    from datetime import timedelta

    from django.utils import timezone

    from mindwell.safety.services import purge_expired

    q = ask(UserFactory(), category=category, body=URGENT)
    RiskRecord.objects.filter(question=q).update(expires_at=timezone.now() - timedelta(days=1))
    assert purge_expired() == 1
    assert not RiskRecord.objects.exists()
