"""Outgoing event webhooks, delivered by the worker to a real HTTP server on this machine:
signed JSON for new posts, best answers and moderation outcomes; never crisis content or
an anonymous post's account; retried, and logged for the admin."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest
import time_machine
from django.utils import timezone

from mindwell.moderation import services as moderation
from mindwell.notifications.models import EventDelivery, EventWebhook
from mindwell.posting import services as posting
from mindwell.qa.tests.factories import UserFactory, answer, ask

URGENT = "I can't do this anymore, I've written goodbye letters to my family."


class _Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list] = []
    status: ClassVar[int] = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    _Receiver.received, _Receiver.status = [], 200
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def hook(db, receiver):
    return EventWebhook.objects.create(
        name="Community feed", url=f"http://127.0.0.1:{receiver.server_port}/events"
    )


def payloads():
    return [json.loads(body) for _, body in _Receiver.received]


@pytest.mark.django_db(transaction=True)
def test_a_new_question_and_answer_are_sent_signed(hook, category, run_worker):
    asker, helper = UserFactory(username="asker"), UserFactory(username="helper")
    question = ask(asker, category=category, title="How do I sleep after a loss?")
    answer(question, helper)
    run_worker()
    events = {p["event"]: p for p in payloads()}
    assert set(events) == {"question.created", "answer.created"}
    assert events["question.created"]["data"]["title"] == "How do I sleep after a loss?"
    assert events["question.created"]["data"]["author"]["username"] == "asker"
    assert events["answer.created"]["data"]["question_id"] == question.pk
    headers, body = _Receiver.received[0]
    timestamp = headers["X-Mindwell-Timestamp"]
    expected = hmac.new(hook.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    assert headers["X-Mindwell-Signature"] == "sha256=" + expected.hexdigest()
    assert headers["X-Mindwell-Event"] in events
    assert set(EventDelivery.objects.values_list("status", flat=True)) == {"sent"}
    assert EventDelivery.objects.filter(response_status=200).count() == 2


@pytest.mark.django_db(transaction=True)
def test_an_anonymous_question_is_sent_without_its_account(hook, category, run_worker):
    ask(UserFactory(username="secretive"), category=category, anonymous=True, anon_name="Owl")
    run_worker()
    (payload,) = payloads()
    assert payload["data"]["author"] == {"name": "Owl", "username": None}
    assert "secretive" not in json.dumps(payload)


@pytest.mark.django_db(transaction=True)
def test_crisis_content_is_never_sent(hook, category, run_worker):
    question = ask(UserFactory(), category=category, title="Tonight is hard", body=URGENT)
    answer(question, UserFactory(), body="I am here with you; please call a crisis line now.")
    run_worker()
    assert payloads() == []
    assert not EventDelivery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_best_answers_and_moderation_outcomes_are_sent(hook, category, run_worker):
    asker, moderator = UserFactory(), UserFactory(level="moderator")
    question = ask(asker, category=category)
    reply = answer(question, UserFactory())
    posting.select_best_answer(actor=asker, question=question, answer=reply)
    moderation.close_question(moderator=moderator, question=question, reason="off_topic")
    run_worker()
    events = [p["event"] for p in payloads()]
    assert "answer.selected" in events
    assert "moderation.outcome" in events
    outcome = next(p for p in payloads() if p["event"] == "moderation.outcome")
    assert outcome["data"]["post"]["id"] == question.pk and outcome["data"]["action"]


@pytest.mark.django_db(transaction=True)
def test_a_failing_receiver_is_retried_then_given_up_and_logged(
    hook, category, run_worker, settings
):
    settings.EVENT_WEBHOOK_ATTEMPTS = 2
    _Receiver.status = 500
    ask(UserFactory(), category=category)
    run_worker()
    delivery = EventDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("pending", 1, 500)
    assert delivery.next_attempt_at > timezone.now()
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        run_worker()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("failed", 2, "HTTP 500")
    assert len(_Receiver.received) == 2
    assert len({h["X-Mindwell-Delivery"] for h, _ in _Receiver.received}) == 1


@pytest.mark.django_db(transaction=True)
def test_a_webhook_gets_only_the_events_it_asked_for(hook, category, run_worker):
    hook.events = ["answer.created"]
    hook.save()
    question = ask(UserFactory(), category=category)
    answer(question, UserFactory())
    run_worker()
    assert [p["event"] for p in payloads()] == ["answer.created"]


def test_the_delivery_log_is_in_the_admin(admin_client, hook, category):
    EventDelivery.objects.create(
        webhook=hook, event="question.created", event_key="question:1:", payload={}
    )
    page = admin_client.get("/admin/notifications/eventdelivery/")
    assert page.status_code == 200 and "question.created" in page.content.decode()
    assert admin_client.get("/admin/notifications/eventwebhook/add/").status_code == 200
