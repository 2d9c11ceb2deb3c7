"""Crisis response that does not depend on the detector: every at-risk signal reaches a
person, the duty rota, the webhook, the moderator's playbook, resources on error pages."""

import hashlib
import hmac
import json
import re
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest
import time_machine
from django.core import signing
from django.utils import timezone

from mindwell.accounts.models import User
from mindwell.audit.models import AuditEntry
from mindwell.moderation.models import Flag, ReviewItem
from mindwell.moderation.services import flag_post
from mindwell.notifications import services as notifications
from mindwell.notifications.models import EmailPreference, Notification, OutboundEmail
from mindwell.qa.models import Revision
from mindwell.qa.tests.factories import UserFactory, ask
from mindwell.safety import alerts, duty, playbook, webhooks
from mindwell.safety.models import (
    AlertWebhook,
    CrisisTemplate,
    OutreachMessage,
    RiskRecord,
    WebhookDelivery,
)

TITLE = "Planning a weekend trip with my partner"
BODY = "We want to try a new recipe together and share the cooking on Sundays."
REVIEW_BODY = "Everything feels pointless lately and I keep wondering why I bother at all."


@pytest.fixture
def admin(db):
    return UserFactory(username="siteadmin", level=User.Level.ADMIN)


def _crisis_alerts(user):
    return Notification.objects.filter(recipient=user, kind="crisis_alert")


# Reports ---------------------------------------------------------------------------


def test_a_members_at_risk_report_alerts_the_on_duty_moderator_at_once(category, moderator, admin):
    duty.set_on_duty(moderator=moderator, on_duty=True)
    q = ask(UserFactory(), category=category, title=TITLE, body=BODY)
    flag_post(flagger=UserFactory(), post=q, reason="at_risk")
    record = RiskRecord.objects.get(question=q)
    assert record.source == "report" and record.tier == "urgent"
    alert = _crisis_alerts(moderator).get()
    assert "reported" in alert.text and TITLE not in alert.text
    assert alert.target_url == "/moderation/queue/crisis/"  # needs a moderator's login
    assert not _crisis_alerts(admin).exists()  # someone is on duty: only they are alerted
    email = OutboundEmail.objects.get(recipient=moderator)
    assert TITLE not in email.subject and TITLE not in email.text_body
    assert ReviewItem.objects.filter(queue="crisis", question=q, state="open").exists()


@pytest.mark.django_db(transaction=True)
def test_a_report_escalates_to_everyone_when_nobody_acts(category, moderator, admin, run_worker):
    duty.set_on_duty(moderator=moderator, on_duty=True)
    q = ask(UserFactory(), category=category, title=TITLE, body=BODY)
    flag_post(flagger=UserFactory(), post=q, reason="at_risk")
    with time_machine.travel(timezone.now() + timedelta(minutes=45), tick=True):
        run_worker()
    assert RiskRecord.objects.get(question=q).escalated_at is not None
    assert _crisis_alerts(admin).filter(text__startswith="Escalated").exists()


def _visitor_form(client, path):
    page = client.get(path).content.decode()
    token = re.search(r'name="challenge_token" value="([^"]+)"', page).group(1)
    return token, str(signing.loads(token, salt="mindwell.challenge"))


def test_a_logged_out_visitor_can_report_someone_at_risk(client, category, moderator):
    q = ask(UserFactory(), category=category, title=TITLE, body=BODY)
    page = client.get(q.get_absolute_url()).content.decode()
    path = f"/report/question/{q.pk}/"
    assert path in page
    token, answer_text = _visitor_form(client, path)
    wrong = client.post(path, {"challenge_token": token, "challenge": "99"})
    assert wrong.status_code == 400 and not Flag.objects.exists()
    response = client.post(path, {"challenge_token": token, "challenge": answer_text})
    assert response.status_code == 302
    flag = Flag.objects.get()
    assert flag.flagger is None and flag.reason == "at_risk" and flag.reporter_digest
    assert RiskRecord.objects.get(question=q).source == "report"
    assert _crisis_alerts(moderator).exists()  # nobody on duty: every moderator hears
    again = client.post(path, {"challenge_token": token, "challenge": answer_text})
    assert again.status_code == 409 and Flag.objects.count() == 1


def test_visitor_reports_are_rate_limited_per_network(client, category, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "visitor_report": (None, 2)}
    codes = []
    for n in range(3):
        q = ask(UserFactory(), category=category, title=f"{TITLE} {n}", body=BODY)
        token, answer_text = _visitor_form(client, f"/report/question/{q.pk}/")
        response = client.post(
            f"/report/question/{q.pk}/", {"challenge_token": token, "challenge": answer_text}
        )
        codes.append(response.status_code)
    assert codes == [302, 302, 429]
    assert Flag.objects.count() == 2


def test_a_bot_filling_the_honeypot_is_refused(client, category):
    q = ask(UserFactory(), category=category, title=TITLE, body=BODY)
    path = f"/report/question/{q.pk}/"
    token, answer_text = _visitor_form(client, path)
    page = client.get(path).content.decode()
    honeypot = re.search(r'class="hp-field"[^>]*>.*?name="([^"]+)"', page, re.S).group(1)
    response = client.post(
        path, {"challenge_token": token, "challenge": answer_text, honeypot: "http://spam"}
    )
    assert response.status_code == 400 and not Flag.objects.exists()


# Review tier -----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_review_tier_posts_alert_in_app_in_batches_and_escalate_later(
    category, moderator, admin, run_worker, settings
):
    duty.set_on_duty(moderator=moderator, on_duty=True)
    author = UserFactory()
    posts = [ask(author, category=category, title=f"{TITLE} {n}", body=BODY) for n in range(3)]
    for post in posts:
        alerts.record(post, tier="review", source="screening", rules=[], reason="Review")
    run_worker()
    batch = _crisis_alerts(moderator).get()
    assert "3 new" in batch.text
    assert not OutboundEmail.objects.filter(recipient=moderator).exists()  # in-app only
    assert RiskRecord.objects.filter(alerted_at__isnull=False).count() == 3
    # A fourth waits for the next batch, at most every CRISIS_REVIEW_BATCH_MINUTES.
    fourth = ask(author, category=category, title=f"{TITLE} 4", body=BODY)
    alerts.record(fourth, tier="review", source="screening", rules=[], reason="Review")
    run_worker()
    assert _crisis_alerts(moderator).count() == 1
    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=True):
        run_worker()
    assert _crisis_alerts(moderator).count() == 2
    # Nobody acted for the escalation time: every moderator and admin is told.
    with time_machine.travel(timezone.now() + timedelta(minutes=125), tick=True):
        run_worker()
    assert _crisis_alerts(admin).filter(text__startswith="Escalated").count() == 4


# Duty rota -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_shift_ends_and_the_moderator_is_told(moderator, run_worker, client_for):
    duty.set_on_duty(moderator=moderator, on_duty=True)
    moderator.refresh_from_db()
    assert moderator.on_duty_until > timezone.now() + timedelta(hours=7)
    page = client_for(moderator).get("/crisis/duty/").content.decode()
    assert moderator.public_name in page and "until" in page
    with time_machine.travel(timezone.now() + timedelta(hours=8, minutes=1), tick=True):
        assert list(duty.on_duty()) == []
        run_worker()
    moderator.refresh_from_db()
    assert not moderator.on_duty and moderator.on_duty_until is None
    told = OutboundEmail.objects.get(recipient=moderator)
    assert "off duty" in told.subject


def test_nobody_on_duty_alerts_every_moderator_and_admin(category, moderator, admin):
    q = ask(UserFactory(), category=category, title=TITLE, body=BODY)
    alerts.alert(q, event="urgent")
    assert _crisis_alerts(moderator).exists() and _crisis_alerts(admin).exists()
    assert "nobody is on duty" in _crisis_alerts(admin).get().text


def test_a_moderator_cannot_silence_crisis_alerts_with_one_click(moderator, client):
    token = notifications.unsubscribe_token(user_id=moderator.pk)
    response = client.post(f"/unsubscribe/{token}/")
    assert response.status_code == 200
    assert "turned off while you are a moderator" in response.content.decode()
    assert notifications.email_mode(moderator, "crisis_alert") == EmailPreference.Mode.EACH
    assert notifications.email_mode(moderator, "new_answer") == EmailPreference.Mode.OFF


# Webhook ---------------------------------------------------------------------------


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


@pytest.mark.django_db(transaction=True)
def test_an_urgent_alert_posts_a_signed_webhook_without_the_post(
    category, moderator, receiver, run_worker
):
    hook = AlertWebhook.objects.create(
        name="Team chat", url=f"http://127.0.0.1:{receiver.server_port}/hook"
    )
    q = ask(UserFactory(), category=category, title=TITLE, body=BODY)
    flag_post(flagger=UserFactory(), post=q, reason="at_risk")
    run_worker()
    (headers, body), *_ = _Receiver.received
    expected = "sha256=" + hmac.new(hook.secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Mindwell-Signature"] == expected
    payload = json.loads(body)
    assert payload["event"] == "report" and payload["queue_url"].endswith(
        "/moderation/queue/crisis/"
    )
    assert TITLE not in body.decode() and BODY not in body.decode()
    assert WebhookDelivery.objects.get().status == "sent"


@pytest.mark.django_db(transaction=True)
def test_a_failing_webhook_is_retried_with_backoff_then_given_up(
    category, moderator, receiver, run_worker, settings
):
    settings.CRISIS_WEBHOOK_ATTEMPTS = 3
    _Receiver.status = 500
    AlertWebhook.objects.create(name="Chat", url=f"http://127.0.0.1:{receiver.server_port}/")
    q = ask(UserFactory(), category=category, title=TITLE, body=BODY)
    alerts.alert(q, event="urgent")
    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 1 and delivery.status == "pending"
    for minutes in (1, 3):  # 30 s, then 60 s later
        with time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=True):
            run_worker()
    delivery.refresh_from_db()
    assert delivery.attempts == 3 and delivery.status == "failed"
    assert len(_Receiver.received) == 3
    assert webhooks.sign("k", b"x") != webhooks.sign("other", b"x")


# Playbook --------------------------------------------------------------------------


def _anonymous_post(category):
    poster = UserFactory(username="quietposter")
    q = ask(poster, category=category, title=TITLE, body=BODY, anonymous=True)
    return poster, q


def test_outreach_refuses_an_unchanged_template_and_reaches_an_anonymous_member(
    category, moderator, client_for
):
    poster, q = _anonymous_post(category)
    template = playbook.templates_for(q)[0]["body"]
    assert "{crisis_lines}" not in template and "- " in template  # the lines are filled in
    client = client_for(moderator)
    refused = client.post(f"/crisis/posts/question/{q.pk}/", {"body": template})
    assert refused.status_code == 400
    assert "make the template your own" in refused.content.decode()
    own = template.replace(
        "[Say, in your own words, what you noticed in their post.]",
        "You said Sundays are your time together.",
    )
    assert client.post(f"/crisis/posts/question/{q.pk}/", {"body": own}).status_code == 302
    entry = Notification.objects.get(recipient=poster, kind="support")
    assert entry.target_url == f"/support/messages/question/{q.pk}/"
    poster_page = client_for(poster).get(entry.target_url).content.decode()
    assert "You said Sundays are your time together." in poster_page
    other = client_for(UserFactory()).get(entry.target_url)
    assert other.status_code == 404
    assert AuditEntry.objects.filter(action="outreach").exists()
    reply = client_for(poster).post(entry.target_url, {"body": "Thank you, it helps."})
    assert reply.status_code == 302
    assert OutreachMessage.objects.filter(from_poster=True).count() == 1
    assert _crisis_alerts(moderator).filter(text__contains="replied").exists()


def test_outreach_reaches_a_visitor_by_their_notification_email(category, moderator):
    q = ask(None, category=category, title=TITLE, body=BODY, notify_email="v@example.org")
    playbook.send_outreach(
        moderator=moderator, post=q, body="I read your post and I'm thinking of you tonight."
    )
    email = OutboundEmail.objects.get(to="v@example.org")
    assert "thinking of you tonight" in email.text_body
    assert TITLE not in email.subject


def test_outreach_to_an_unreachable_visitor_says_so(category, moderator):
    q = ask(None, category=category, title=TITLE, body=BODY)
    with pytest.raises(Exception, match="no email address"):
        playbook.send_outreach(moderator=moderator, post=q, body="A message that is long enough.")


def test_the_poster_downloads_and_deletes_their_crisis_records(category, moderator):
    from mindwell.accounts import privacy

    poster, q = _anonymous_post(category)
    record = alerts.report(q)
    playbook.assess(moderator=moderator, record=record, answers={"plan": True}, note="Checked.")
    playbook.send_outreach(moderator=moderator, post=q, body="Thinking of you after your post.")
    data = privacy.export_member_data(user=poster)
    records = data["crisis_support_records"]
    assert records["about"] and records["records"][0]["assessment"]["plan"] is True
    assert data["private_messages_with_moderators"]["messages"][0]["text"].startswith("Thinking")
    privacy.delete_account(user=poster, posts=privacy.ANONYMISE)
    assert not RiskRecord.objects.exists() and not OutreachMessage.objects.exists()


def test_a_moderator_saves_a_structured_assessment(category, moderator, client_for):
    q = ask(UserFactory(), category=category, title=TITLE, body=BODY)
    record = alerts.report(q)
    response = client_for(moderator).post(
        f"/crisis/assessments/{record.pk}/", {"thoughts": "on", "means": "on", "note": "Called."}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.thoughts and record.means and not record.plan
    assert record.assessment_note == "Called." and record.assessed_by == moderator


def test_holding_back_method_details_keeps_the_post_and_hides_the_passage(
    category, moderator, client_for, client
):
    passage = "the pills in the blue cabinet"
    q = ask(
        UserFactory(), category=category, title=TITLE, body=f"{BODY} I keep thinking of {passage}."
    )
    response = client_for(moderator).post(
        f"/crisis/posts/question/{q.pk}/method-details/", {"passage": passage}
    )
    assert response.status_code == 302
    page = client.get(q.get_absolute_url()).content.decode()
    assert passage not in page and "took some details out" in page and BODY[:20] in page
    public_history = client.get(f"/questions/{q.pk}/history/").content.decode()
    assert passage not in public_history and "moderators only" in public_history
    mod_history = client_for(moderator).get(f"/questions/{q.pk}/history/").content.decode()
    assert passage in mod_history
    assert Revision.objects.filter(question=q, moderators_only=True).exists()


# Resources never disappear; the policy --------------------------------------------


def test_a_form_error_keeps_the_crisis_card_without_javascript(client_for, category):
    client = client_for(UserFactory())
    response = client.post(
        "/ask/",
        {
            "title": "x",  # too short
            "body": "I have decided to end my life tonight, I wrote my goodbye letters.",
            "category": category.pk,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "support-card urgent" in html and "Talk to someone now" in html
    assert "I wrote my goodbye letters" in html  # the draft is kept


def test_the_escalation_policy_is_a_page_linked_from_the_crisis_pages(
    client, moderator, client_for
):
    page = client.get("/pages/crisis-policy/")
    assert page.status_code == 200 and "emergency services" in page.content.decode()
    assert (
        "/pages/crisis-policy/"
        in client_for(moderator).get("/moderation/queue/crisis/").content.decode()
    )
    assert CrisisTemplate.objects.count() >= 3
