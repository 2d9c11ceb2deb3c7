"""The moderator's message reaches the author (inbox and email; an anonymous author by the
address they left), is the audit log's reason, and the queue's message box starts empty
(it was pre-filled with the "Approved" canned text and stored as a hide's reason)."""

import pytest

from mindwell.audit.models import AuditEntry
from mindwell.moderation import review, services
from mindwell.moderation.models import CannedMessage, ReviewItem
from mindwell.notifications.models import Notification, OutboundEmail
from mindwell.qa.tests.factories import UserFactory, ask

pytestmark = pytest.mark.django_db(transaction=True)
MESSAGE = "Please remove the phone number, then we can restore your post."


def _flagged(question):
    return review.open_review(question, queue="flagged", reason="Flagged by members.")


def test_a_hide_with_a_message_reaches_the_member_and_is_the_audit_reason(
    moderator, category, run_worker
):
    author = UserFactory(email="author@example.org")
    q = ask(author, category=category, title="Should I call my ex after a year?")
    services.resolve_review(moderator=moderator, item=_flagged(q), action="hide", message=MESSAGE)
    run_worker()
    note = Notification.objects.get(recipient=author, kind="moderation")
    assert "A moderator hid your post" in note.text and MESSAGE in note.text
    assert MESSAGE in OutboundEmail.objects.get(to="author@example.org").text_body
    entry = AuditEntry.objects.get(action="review_hide")
    assert entry.reason == MESSAGE


def test_an_anonymous_author_gets_the_message_by_the_address_they_left(
    moderator, category, run_worker
):
    q = ask(None, category=category, title="Is it normal to dread weekends?", anonymous=True)
    type(q).objects.filter(pk=q.pk).update(notify_email="someone@example.org")
    q.refresh_from_db()
    services.resolve_review(moderator=moderator, item=_flagged(q), action="delete", message=MESSAGE)
    run_worker()
    assert MESSAGE in OutboundEmail.objects.get(to="someone@example.org").text_body


def test_the_message_box_starts_empty_and_a_plain_hide_has_no_reason(
    client_for, moderator, category
):
    assert CannedMessage.objects.exists()  # the defaults, "Approved" among them
    q = ask(UserFactory(), category=category, title="How do I rebuild trust?")
    item = _flagged(q)
    page = client_for(moderator).get("/moderation/queue/flagged/").content.decode()
    assert f'<textarea id="message-{item.pk}" name="message" rows="3"></textarea>' in page
    client_for(moderator).post(f"/moderation/items/{item.pk}/", {"action": "hide"})
    assert ReviewItem.objects.get(pk=item.pk).state == ReviewItem.State.RESOLVED
    assert AuditEntry.objects.get(action="review_hide").reason == ""
