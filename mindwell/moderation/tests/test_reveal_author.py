"""Only admins reveal who wrote an anonymous post, with a reason kept in the audit log;
moderators see "Anonymous" and a note, and no moderation page names the author."""

import pytest
from django.test import Client

from mindwell.accounts import roles
from mindwell.accounts.models import User
from mindwell.audit.models import AuditEntry
from mindwell.audit.services import audit
from mindwell.core.errors import DomainError, NotAllowed
from mindwell.moderation import services
from mindwell.moderation.models import ReviewItem
from mindwell.qa.tests.factories import UserFactory, answer, ask

SECRET_NAMES = ("secretive", "Sam Secretwriter")
ONLY_ADMINS = "only an admin can reveal"


@pytest.fixture
def secret(db):
    return UserFactory(username="secretive", display_name="Sam Secretwriter")


@pytest.fixture
def admin(db):
    return UserFactory(username="ada", display_name="Ada Admin", level=User.Level.ADMIN)


@pytest.fixture
def anon_question(secret, category):
    return ask(
        secret,
        category=category,
        title="An anonymous question about my marriage",
        body="Nobody knows about this and I would like to keep it that way.",
        anonymous=True,
        anon_name="Quiet Lantern",
    )


def _url(post):
    return f"/moderation/posts/{post.post_kind}/{post.pk}/"


def _names_author(html):
    return any(name.lower() in html.lower() for name in SECRET_NAMES)


def test_is_admin_means_admins_and_superusers_not_moderators(moderator, admin, asker):
    superuser = UserFactory(username="root", is_superuser=True)
    assert roles.is_admin(admin) and roles.is_admin(superuser)
    assert not roles.is_admin(moderator) and not roles.is_admin(asker)
    assert roles.is_moderator(admin)  # admins keep every moderator power


def test_a_moderator_cannot_reveal_the_author(client_for, moderator, anon_question):
    response = client_for(moderator).post(
        _url(anon_question), {"action": "reveal_author", "reason": "Repeated abuse reports."}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Only an admin can reveal who wrote an anonymous post." in html
    assert not _names_author(html)
    assert not AuditEntry.objects.filter(action="reveal_author").exists()
    with pytest.raises(NotAllowed):
        services.reveal_author(admin=moderator, post=anon_question, reason="Because.")


def test_moderation_pages_show_anonymous_and_a_note_but_never_the_author(
    client_for, moderator, secret, anon_question, stranger
):
    reply = answer(
        anon_question, secret, body="An anonymous follow-up from the asker.", anonymous=True
    )
    ReviewItem.objects.create(question=anon_question, queue=ReviewItem.Queue.FLAGGED)
    ReviewItem.objects.create(answer=reply, queue=ReviewItem.Queue.CRISIS)
    # A member's own entry on their anonymous post (as a reply to an outreach writes).
    audit(actor=secret, action="outreach_reply", target=anon_question, reason="message 1")
    client = client_for(moderator)
    pages = {
        "question": anon_question.get_absolute_url(),
        "flagged": "/moderation/queue/flagged/",
        "crisis": "/moderation/queue/crisis/",
        "audit": "/moderation/audit/",
    }
    for label, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, label
        html = response.content.decode()
        assert not _names_author(html), label
    question_page = client.get(pages["question"]).content.decode()
    assert "Quiet Lantern" in question_page
    assert ONLY_ADMINS in question_page.lower()
    assert 'value="reveal_author"' not in question_page  # no form for moderators
    flagged = client.get(pages["flagged"]).content.decode()
    assert "Quiet Lantern" in flagged and ONLY_ADMINS in flagged.lower()
    crisis = client.get(pages["crisis"]).content.decode()
    assert "Anonymous" in crisis and ONLY_ADMINS in crisis.lower()
    assert "A member" in client.get(pages["audit"]).content.decode()
    # Searching the log by a member's name finds nothing (the page echoes the search only).
    by_name = client.get("/moderation/audit/?actor=secretive").content.decode()
    assert "outreach_reply" not in by_name and "Sam Secretwriter" not in by_name


def test_an_admin_sees_the_reveal_form_on_the_question_page(client_for, admin, anon_question):
    html = client_for(admin).get(anon_question.get_absolute_url()).content.decode()
    assert 'value="reveal_author"' in html
    assert not _names_author(html)


def test_an_admin_without_a_reason_gets_400_and_a_clear_message(client_for, admin, anon_question):
    client = client_for(admin)
    for data in ({"action": "reveal_author"}, {"action": "reveal_author", "reason": "   "}):
        response = client.post(_url(anon_question), data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "Give a reason" in html
        assert not _names_author(html)
    assert not AuditEntry.objects.filter(action="reveal_author").exists()
    with pytest.raises(DomainError, match="Give a reason"):
        services.reveal_author(admin=admin, post=anon_question, reason=" ")


def test_an_admin_with_a_reason_sees_the_author_and_it_is_audited(
    client_for, admin, anon_question, secret
):
    reason = "A court order, case 2025-114."
    response = client_for(admin).post(
        _url(anon_question), {"action": "reveal_author", "reason": reason}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "secretive" in html and "Sam Secretwriter" in html
    assert "audit log" in html
    entry = AuditEntry.objects.get(action="reveal_author")
    assert (entry.actor, entry.reason) == (admin, reason)
    assert (entry.target_type, entry.target_id) == ("question", anon_question.pk)
    assert "secretive" not in f"{entry.target_label} {entry.reason}"


def test_a_superuser_reveals_an_anonymous_answer_and_a_visitors_post(
    client_for, anon_question, secret, category
):
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    reply = answer(anon_question, secret, body="The asker answering anonymously.", anonymous=True)
    client = client_for(superuser)
    response = client.post(_url(reply), {"action": "reveal_author", "reason": "Ban evasion."})
    assert response.status_code == 200 and "secretive" in response.content.decode()
    visitor = ask(None, category=category, title="A visitor's question without an account")
    response = client.post(_url(visitor), {"action": "reveal_author", "reason": "Spam wave."})
    assert response.status_code == 200
    assert "visitor without an account" in response.content.decode()
    assert AuditEntry.objects.filter(action="reveal_author", actor=superuser).count() == 2


def test_revealing_needs_post_and_a_csrf_token(admin, anon_question):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    assert client.get(_url(anon_question)).status_code == 405
    response = client.post(_url(anon_question), {"action": "reveal_author", "reason": "Why."})
    assert response.status_code == 403
    assert not _names_author(response.content.decode())
    assert not AuditEntry.objects.filter(action="reveal_author").exists()


def test_members_and_visitors_cannot_reveal(client_for, asker, anon_question):
    data = {"action": "reveal_author", "reason": "Curious."}
    assert client_for(asker).post(_url(anon_question), data).status_code == 403
    response = client_for(None).post(_url(anon_question), data)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not AuditEntry.objects.filter(action="reveal_author").exists()


def test_an_admin_sees_member_names_in_the_audit_log(client_for, admin, secret, anon_question):
    audit(actor=secret, action="outreach_reply", target=anon_question, reason="message 1")
    html = client_for(admin).get("/moderation/audit/?actor=secretive").content.decode()
    assert "outreach_reply" in html and "secretive" in html
