"""Crisis response in a real browser: a visitor reports that someone may be at risk, the
on-duty moderator is alerted and the team's webhook receives a signed POST, the
moderator writes privately from a template, and the poster (an anonymous member) reads
it from their inbox. Then /healthz goes to 503 when the worker stops beating."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from mindwell.accounts.models import User
from mindwell.core import heartbeat
from mindwell.core.models import WorkerHeartbeat
from mindwell.notifications.models import Notification
from mindwell.posting import services
from mindwell.safety import duty
from mindwell.safety.models import AlertWebhook
from mindwell.taxonomy.models import Category

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

MODERATOR = {"username": "nightmod", "email": "nightmod@example.org", "password": "Still-lake-93"}
POSTER = {"username": "quietone", "email": "quietone@example.org", "password": "Warm-lamp-27"}
TITLE = "Nothing seems to get better this winter"
BODY = "It has been a long grey winter and I am tired of pretending things are fine at work."
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


class Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[dict[str, str], bytes]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def _member(who: dict[str, str], **extra: object) -> User:
    user = User.objects.create_user(
        username=who["username"], email=who["email"], password=who["password"], **extra
    )
    EmailAddress.objects.create(user=user, email=who["email"], verified=True, primary=True)
    return user


def _log_in(page: Page, who: dict[str, str]) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(who["username"])
    page.get_by_label(re.compile(r"^Password:?$")).fill(who["password"])
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def _run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_visitor_report_reaches_the_moderator_and_the_poster_reads_the_reply(
    live_server, new_context, browser_log
) -> None:
    Receiver.received = []
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        category = Category.objects.create(name="Everyday life", slug="everyday-life")
        moderator = _member(MODERATOR, level=User.Level.MODERATOR)
        duty.set_on_duty(moderator=moderator, on_duty=True)
        poster = _member(POSTER)
        hook = AlertWebhook.objects.create(
            name="Team chat", url=f"http://127.0.0.1:{server.server_port}/hook"
        )
        question = services.ask_question(
            author=poster, title=TITLE, body=BODY, category=category, tags=[], anonymous=True
        )

        # A visitor, without an account, reports that the poster may be at risk.
        visitor = new_context().new_page()
        visitor.goto(question.get_absolute_url())
        visitor.get_by_role("link", name="Someone may be at risk?").first.click()
        label = visitor.locator("label", has_text="plus").inner_text()
        a, b = (WORDS.index(w) for w in re.findall(r"What is (\w+) plus (\w+)", label)[0])
        visitor.get_by_label(re.compile("plus")).fill(str(a + b))
        visitor.get_by_role("button", name="Alert the moderators").click()
        expect(visitor.get_by_text("moderators on duty have been alerted")).to_be_visible()

        # The on-duty moderator is alerted; the webhook gets a signed POST, no post text.
        alert = Notification.objects.get(recipient=moderator, kind="crisis_alert")
        assert TITLE not in alert.text
        _run_worker()
        (headers, body), *_ = Receiver.received
        signature = "sha256=" + hmac.new(hook.secret.encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Mindwell-Signature"] == signature
        assert json.loads(body)["event"] == "report"
        assert TITLE not in body.decode()

        # The moderator writes privately, starting from a template.
        mod = new_context().new_page()
        _log_in(mod, MODERATOR)
        mod.goto("/moderation/queue/crisis/")
        mod.get_by_role("link", name="Reach out privately, assess").first.click()
        message = mod.get_by_label("Your message")
        text = message.input_value()
        assert "[Say, in your own words" in text
        message.fill(
            text.replace(
                "[Say, in your own words, what you noticed in their post.]",
                "You wrote that you are tired of pretending at work.",
            )
        )
        mod.get_by_role("button", name="Send privately").click()
        expect(mod.get_by_text("Your message is sent")).to_be_visible()

        # The poster, who asked anonymously, reads it from the inbox.
        own = new_context().new_page()
        _log_in(own, POSTER)
        own.goto("/notifications/")
        own.get_by_text("A private message from a moderator").first.click()
        expect(own.get_by_text("tired of pretending at work")).to_be_visible()
        assert not browser_log.page_errors
        assert not browser_log.csp_violations()
    finally:
        server.shutdown()


@pytest.mark.django_db(transaction=True)
def test_healthz_goes_to_503_when_the_worker_stops(live_server, new_context) -> None:
    page = new_context().new_page()
    heartbeat.beat(starting=True)
    assert page.goto("/healthz").status == 200
    heartbeat.mark_stopped()
    WorkerHeartbeat.objects.update(beat_at=timezone.now() - timedelta(minutes=3))
    response = page.goto("/healthz")
    assert response.status == 503
    assert json.loads(response.text())["worker"]["silent"] is True
