"""Notifications through a real SMTP server and the real background worker."""

import re
import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mindwell.notifications.models import EmailPreference, Notification, OutboundEmail
from mindwell.qa.models import Answer, Question
from mindwell.qa.tests.factories import CategoryFactory, UserFactory, answer, ask

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(db):
    return {
        "asker": UserFactory(username="asker", email="asker@example.org"),
        "helper": UserFactory(username="helper", email="helper@example.org", display_name="Helper"),
        "category": CategoryFactory(),
    }


def _unsubscribe_path(message):
    return re.search(r"<https?://[^/]+(/unsubscribe/[^>]+/)>", message["List-Unsubscribe"]).group(1)


def test_an_answer_emails_the_asker_once_with_the_right_content(people, smtp_server, run_worker):
    q = ask(people["asker"], category=people["category"], title="How do I sleep after a breakup?")
    answer(q, people["helper"], body="Keep a routine, even a small one.")
    run_worker()
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "asker@example.org"
    assert "Helper answered: How do I sleep after a breakup?" in message["Subject"]
    assert message["Message-ID"].endswith("@localhost>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/unsubscribe/" in message["List-Unsubscribe"]
    text = message.get_payload(0).get_payload(decode=True).decode()
    assert q.get_absolute_url() in text
    assert "helper@example.org" not in message.as_string()
    html = message.get_payload(1).get_payload(decode=True).decode()
    assert "<img" not in html  # no tracking pixels
    run_worker()
    assert len(smtp_server.messages) == 1
    assert Notification.objects.filter(recipient=people["asker"]).count() == 1


def test_mail_server_down_then_back_delivers_exactly_once(people, smtp_server, run_worker):
    smtp_server.stop()
    q = ask(people["asker"], category=people["category"])
    answer(q, people["helper"])
    run_worker()
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.PENDING
    assert email.attempts == 1 and "Error" in email.last_error
    smtp_server.start()
    run_worker()  # the retry is scheduled for later: nothing yet
    assert smtp_server.messages == []
    with time_machine.travel(timezone.now() + timedelta(minutes=5), tick=True):
        run_worker()
        run_worker()
    assert len(smtp_server.messages) == 1
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert smtp_server.messages[0]["Message-ID"] == email.message_id


def test_sending_gives_up_after_the_configured_time(people, smtp_server, run_worker, settings):
    settings.EMAIL_RETRY_FOR_SECONDS = 600
    smtp_server.stop()
    q = ask(people["asker"], category=people["category"])
    answer(q, people["helper"])
    run_worker()
    with time_machine.travel(timezone.now() + timedelta(minutes=30), tick=True):
        run_worker()
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.FAILED
    assert email.attempts == 2


def test_unsubscribe_link_stops_further_emails(people, smtp_server, run_worker):
    q = ask(people["asker"], category=people["category"])
    answer(q, people["helper"])
    run_worker()
    path = _unsubscribe_path(smtp_server.messages[0])
    client = Client()
    page = client.get(path).content.decode()
    assert "Unsubscribe" in page
    assert EmailPreference.objects.count() == 0  # GET alone changes nothing
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    answer(q, UserFactory(), body="Another answer arrives later.")
    run_worker()
    assert len(smtp_server.messages) == 1
    assert Notification.objects.filter(recipient=people["asker"]).count() == 2  # inbox still works


def test_anonymous_asker_gets_emails_and_can_remove_their_address(people, smtp_server, run_worker):
    q = ask(
        None,
        category=people["category"],
        anon_name="Worried sister",
        notify_email="sister@example.org",
    )
    answer(q, people["helper"])
    run_worker()
    assert [m["To"] for m in smtp_server.messages] == ["sister@example.org"]
    body = smtp_server.messages[0].get_payload(0).get_payload(decode=True).decode()
    assert "used only for notifications about that post" in body
    Client().post(_unsubscribe_path(smtp_server.messages[0]))
    assert Question.objects.get(pk=q.pk).notify_email == ""
    answer(q, UserFactory(), body="One more answer for you.")
    run_worker()
    assert len(smtp_server.messages) == 1


def test_a_rolled_back_post_sends_nothing(people, smtp_server, run_worker):
    q = ask(people["asker"], category=people["category"])
    run_worker()
    before = DBTaskResult.objects.count()

    def post_then_fail():
        with transaction.atomic():
            answer(q, people["helper"])
            raise RuntimeError("the request failed after posting")

    with pytest.raises(RuntimeError):
        post_then_fail()
    assert not Answer.objects.exists()
    assert DBTaskResult.objects.count() == before
    run_worker()
    assert smtp_server.messages == []


def test_no_email_for_your_own_actions(people, smtp_server, run_worker):
    q = ask(people["asker"], category=people["category"])
    answer(q, people["asker"], body="Answering my own question with an update.")
    run_worker()
    assert smtp_server.messages == []
    assert not Notification.objects.exists()


def test_digest_mode_collects_events_into_one_email(people, smtp_server, run_worker):
    EmailPreference.objects.create(user=people["asker"], kind="new_answer", mode="digest")
    q = ask(people["asker"], category=people["category"])
    answer(q, people["helper"], body="First answer for the digest.")
    answer(q, UserFactory(), body="Second answer for the digest.")
    run_worker()
    assert smtp_server.messages == []
    with time_machine.travel(timezone.now() + timedelta(days=1, hours=1), tick=True):
        run_worker()
    assert len(smtp_server.messages) == 1
    assert "2 updates" in smtp_server.messages[0]["Subject"]


def test_many_answers_at_once_make_one_notification_each(people, smtp_server, run_worker):
    q = ask(people["asker"], category=people["category"])
    helpers = [UserFactory() for _ in range(8)]
    barrier = threading.Barrier(len(helpers))
    errors = []

    def post(helper):
        try:
            barrier.wait()
            answer(Question.objects.get(pk=q.pk), helper, body=f"Answer from {helper.username}.")
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(h,)) for h in helpers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    run_worker()
    run_worker()
    notes = Notification.objects.filter(recipient=people["asker"], kind="new_answer")
    assert notes.count() == 8
    assert len({n.answer_id for n in notes}) == 8
    assert len(smtp_server.messages) == 8
