"""Downloading your data and deleting your account."""

import json
from datetime import UTC, datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models
from django.db.models import Q
from django.urls import include, path

from mindwell import urls as project_urls
from mindwell.accounts import privacy, privacy_views
from mindwell.accounts import urls as accounts_urls
from mindwell.accounts.models import User
from mindwell.audit.models import AuditEntry
from mindwell.core.errors import DomainError
from mindwell.moderation import services as moderation
from mindwell.moderation.models import Flag
from mindwell.notifications import services as notifications
from mindwell.notifications.models import EmailPreference, Follow, Notification, OutboundEmail
from mindwell.posting import services as qa
from mindwell.qa.models import Answer, Comment, Question, Vote
from mindwell.qa.tests.factories import CategoryFactory, UserFactory, answer, ask, comment
from mindwell.reputation.models import PointEvent
from mindwell.safety.models import ReaderPreference, RiskRecord
from mindwell.taxonomy.models import Tag

# The privacy pages under the names the lead adds to mindwell/accounts/urls.py; the
# project's URLs with those patterns in the accounts namespace (once they are there,
# nothing is added twice).
PRIVACY_PATTERNS = [
    path("account/privacy/", privacy_views.privacy_page, name="privacy"),
    path("account/privacy/download/", privacy_views.download_data, name="privacy_download"),
    path("account/privacy/delete/", privacy_views.delete_account, name="delete_account"),
    path("account/deleted/", privacy_views.account_deleted, name="account_deleted"),
]
_present = {p.name for p in accounts_urls.urlpatterns}
urlpatterns = [
    path(
        "",
        include(
            (
                [
                    *accounts_urls.urlpatterns,
                    *(p for p in PRIVACY_PATTERNS if p.name not in _present),
                ],
                "accounts",
            )
        ),
    ),
    *(p for p in project_urls.urlpatterns if getattr(p, "namespace", None) != "accounts"),
]
pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
USERNAME, DISPLAY_NAME = "wren_quill", "Wren Quillfeather"
EMAIL, SECOND_EMAIL = "wren.quill@example.net", "wq.backup@example.net"
NOTIFY_EMAIL = "owl.letters@example.net"
IP_DIGEST = "d1g3st0fw3nsn3tw0rk" * 3
RISK_RULE = "rule-hopeless-nights-7"
TEXTS = {
    "question_title": "How do I tell my sister about the panic attacks?",
    "question_body": "Since the winter my chest tightens in the supermarket queue, every time.",
    "anon_title": "Is it normal to miss someone who hurt me?",
    "anon_body": "We broke up in spring and I still draft messages to him most nights.",
    "answer_body": "Box breathing on the walk home took the edge off for me, gently.",
    "comment_body": "Thank you, the lighthouse metaphor stayed with me all week.",
    "anon_comment_body": "Quietly rooting for you from the other side of the ocean.",
}


@pytest.fixture
def people(db):
    return {
        "member": UserFactory(
            username=USERNAME,
            display_name=DISPLAY_NAME,
            email=EMAIL,
            about="Gardener, insomniac, learning to ask for help.",
        ),
        "other": UserFactory(username="orla", display_name="Orla", email="orla@example.org"),
        "flagger": UserFactory(
            username="zed_flagger", display_name="Zed Flagsworth", email="zed@example.org"
        ),
        "moderator": UserFactory(
            username="mona", display_name="Mona", email="mona@example.org", level="moderator"
        ),
    }


@pytest.fixture
def history(people, run_worker):
    """A member with named and anonymous posts, a vote, follows, notifications in both
    directions, a flag they raised and one against them, settings and a restriction."""
    member, other = people["member"], people["other"]
    EmailAddress.objects.create(user=member, email=EMAIL, verified=True, primary=True)
    EmailAddress.objects.create(user=member, email=SECOND_EMAIL, verified=False, primary=False)
    category = CategoryFactory(name="Family", slug="family")
    named = ask(
        member,
        title=TEXTS["question_title"],
        body=TEXTS["question_body"],
        category=category,
        tags=("panic",),
        ip_digest=IP_DIGEST,
    )
    anonymous = ask(
        member,
        title=TEXTS["anon_title"],
        body=TEXTS["anon_body"],
        category=category,
        anonymous=True,
        anon_name="Night Owl",
        notify_email=NOTIFY_EMAIL,
    )
    theirs = ask(other, title="What helps on the first day back at work?", category=category)
    reply = answer(theirs, other, body="A short list of small tasks helped me.")
    mine = answer(theirs, member, body=TEXTS["answer_body"])
    comment(theirs, member, answer=reply, body=TEXTS["comment_body"])
    comment(theirs, member, body=TEXTS["anon_comment_body"], anonymous=True, anon_name="Night Owl")
    answer(named, other, body="Maybe write her a letter first, then talk.")
    qa.cast_vote(voter=member, post=reply, value=1)
    qa.cast_vote(voter=other, post=mine, value=1)
    notifications.follow(user=member, target=Tag.objects.get(name="panic"))
    notifications.follow(user=member, target=other)
    notifications.follow(user=other, target=member)
    notifications.set_email_preference(user=member, kind="new_comment", mode="digest")
    moderation.flag_post(flagger=member, post=reply, reason="other", text="Sounds like an advert")
    moderation.flag_post(flagger=people["flagger"], post=mine, reason="spam")
    ReaderPreference.objects.create(
        user=member, country="IE", muted_words="divorce\nbreakup", muted_topics=["grief"]
    )
    RiskRecord.objects.create(
        question=anonymous, tier="urgent", rules=[RISK_RULE], expires_at=anonymous.created_at
    )
    run_worker()  # notifications and emails, both ways
    moderation.restrict_member(
        moderator=people["moderator"],
        member=member,
        kind="silence",
        reason=f"Cooling off after an argument, {USERNAME}.",
        days=3,
    )
    return {
        "named": named,
        "anonymous": anonymous,
        "theirs": theirs,
        "reply": reply,
        "mine": mine,
    }


def _traces(*needles: str) -> list[str]:
    """Every row of every model with a text field containing one of the needles."""
    found = []
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields or not model._meta.managed:
            continue
        for needle in needles:
            match = Q()
            for name in fields:
                match |= Q(**{f"{name}__icontains": needle})
            for row in model._default_manager.filter(match).values("pk", *fields):
                found.append(f"{model._meta.label} {row['pk']}: {needle!r} in {row}")
    return found


def _identity() -> tuple[str, ...]:
    return (USERNAME, DISPLAY_NAME, "Quillfeather", EMAIL, SECOND_EMAIL, NOTIFY_EMAIL)


# Export -----------------------------------------------------------------------------


def test_the_export_holds_everything_the_member_wrote_and_what_is_stored_about_them(
    people, history
):
    data = privacy.export_member_data(user=people["member"])
    json.dumps(data)  # a file can be written from it as it is

    profile = data["profile"]
    assert profile["username"] == USERNAME
    assert profile["display_name"] == DISPLAY_NAME
    assert profile["about"] == "Gardener, insomniac, learning to ask for help."
    assert {e["email"] for e in profile["email_addresses"]} == {EMAIL, SECOND_EMAIL}
    assert profile["level"] == "Member"
    assert profile["points"] == User.objects.get(username=USERNAME).points
    assert profile["date_joined"]

    questions = {q["title"]: q for q in data["questions"]}
    assert questions[TEXTS["question_title"]]["body"] == TEXTS["question_body"]
    assert questions[TEXTS["question_title"]]["anonymous"] is False
    assert questions[TEXTS["question_title"]]["status"] == "published"
    assert questions[TEXTS["anon_title"]]["anonymous"] is True
    assert questions[TEXTS["anon_title"]]["shown_as"] == "Night Owl"
    assert questions[TEXTS["anon_title"]]["notify_email"] == NOTIFY_EMAIL
    assert [a["body"] for a in data["answers"]] == [TEXTS["answer_body"]]
    assert {c["body"] for c in data["comments"]} == {
        TEXTS["comment_body"],
        TEXTS["anon_comment_body"],
    }
    assert len(data["revisions"]) == 5
    assert data["votes"] == [
        {
            "type": "answer",
            "id": history["reply"].pk,
            "value": 1,
            "created_at": data["votes"][0]["created_at"],
        }
    ]
    assert {p["kind"] for p in data["points"]} >= {"question_posted", "answer_posted", "a_upvoted"}
    assert {f["type"] for f in data["follows"]} == {"tag", "member", "question"}
    assert any("Orla answered" in n["text"] for n in data["notifications"])
    assert data["email_preferences"] == [{"kind": "new_comment", "mode": "digest"}]
    assert data["emails"] and {e["to"] for e in data["emails"]} <= {EMAIL, NOTIFY_EMAIL}
    assert data["flags_raised"][0]["text"] == "Sounds like an advert"
    assert data["flags_raised"][0]["post"] == {"type": "answer", "id": history["reply"].pk}
    restriction = data["restrictions"]["history"][0]
    assert restriction["kind"] == "silence"
    assert restriction["reason"] == f"Cooling off after an argument, {USERNAME}."
    assert restriction["ends_at"]
    assert data["reader_preferences"] == {
        "country": "IE",
        "muted_words": ["divorce", "breakup"],
        "muted_topics": ["grief"],
    }
    assert ("professional" in data) == apps.is_installed("mindwell.professionals")


def test_the_export_never_reveals_flaggers_risk_records_digests_or_other_peoples_addresses(
    people, history
):
    member = people["member"]
    text = json.dumps(privacy.export_member_data(user=member))
    assert "zed_flagger" not in text and "Zed Flagsworth" not in text
    assert "mona" not in text.lower()  # who restricted them
    assert RISK_RULE not in text and "urgent" not in text
    assert IP_DIGEST not in text
    assert member.password not in text
    for address in ("orla@example.org", "zed@example.org", "mona@example.org"):
        assert address not in text


# Deletion -------------------------------------------------------------------------


def _counts(history):
    theirs = Question.objects.get(pk=history["theirs"].pk)
    reply = Answer.objects.get(pk=history["reply"].pk)
    other = User.objects.get(username="orla")
    return {
        "answers": theirs.answer_count,
        "comments": theirs.comment_count,
        "reply_score": reply.score,
        "orla_points": other.points,
        "panic_tag": Tag.objects.get(name="panic").question_count,
    }


def test_exporting_and_then_deleting_with_posts_deleted_leaves_no_trace_of_the_person(
    people, history
):
    member = people["member"]
    assert privacy.export_member_data(user=member)["questions"]
    assert _traces(*_identity(), *TEXTS.values())  # the search finds them beforehand
    orla_before = User.objects.get(username="orla").points
    before = _counts(history)

    privacy.delete_account(user=member, posts=privacy.DELETE)

    assert not User.objects.filter(username=USERNAME).exists()
    assert _traces(*_identity(), *TEXTS.values()) == []
    after = _counts(history)
    # Their answer and both comments on Orla's question no longer count; their up-vote
    # on Orla's answer is withdrawn, and so are the points it gave her.
    assert after["answers"] == before["answers"] - 1
    assert after["comments"] == before["comments"] - 2
    assert after["reply_score"] == before["reply_score"] - 1 == 0
    assert after["orla_points"] == orla_before - 20
    assert after["panic_tag"] == 0
    for model in (Question, Answer, Comment):
        assert not model.objects.filter(status="published", author_name="Former member").exists()
    assert Question.objects.filter(title="[deleted]", status="deleted").count() == 2
    # The crisis records about their posts (with any assessment) go with the account, as
    # the privacy policy says.
    assert not RiskRecord.objects.filter(question=history["anonymous"]).exists()


def test_exporting_and_then_deleting_with_posts_anonymised_leaves_no_trace_of_the_person(
    people, history, client
):
    member = people["member"]
    assert privacy.export_member_data(user=member)["answers"]
    assert _traces(*_identity())  # the search finds them beforehand
    before = _counts(history)

    privacy.delete_account(user=member, posts=privacy.ANONYMISE)

    assert not User.objects.filter(username=USERNAME).exists()
    assert _traces(*_identity()) == []
    after = _counts(history)
    assert after["answers"] == before["answers"]
    assert after["comments"] == before["comments"]
    assert after["reply_score"] == before["reply_score"] - 1
    named = Question.objects.get(pk=history["named"].pk)
    assert (named.status, named.author_id, named.author_name) == (
        "published",
        None,
        "Former member",
    )
    assert named.ip_digest == ""
    page = client.get(named.get_absolute_url()).content.decode()
    assert "Former member" in page and TEXTS["question_body"] in page
    anonymous = Question.objects.get(pk=history["anonymous"].pk)
    assert (anonymous.is_anonymous, anonymous.author_name, anonymous.notify_email) == (
        True,
        "Night Owl",
        "",
    )
    theirs = client.get(history["theirs"].get_absolute_url()).content.decode()
    assert TEXTS["answer_body"] in theirs and "Former member" in theirs


def test_deleting_an_account_removes_its_personal_rows_and_keeps_the_record_anonymous(
    people, history
):
    member = people["member"]
    pk = member.pk
    privacy.delete_account(user=member, posts=privacy.ANONYMISE)
    assert not EmailAddress.objects.filter(user_id=pk).exists()
    assert not Vote.objects.filter(voter_id=pk).exists()
    assert not Follow.objects.filter(Q(user_id=pk) | Q(member_id=pk)).exists()
    assert not Notification.objects.filter(recipient_id=pk).exists()
    assert not EmailPreference.objects.filter(user_id=pk).exists()
    assert not OutboundEmail.objects.filter(Q(recipient_id=pk) | Q(to__in=[EMAIL, NOTIFY_EMAIL]))
    assert not PointEvent.objects.filter(user_id=pk).exists()
    assert not ReaderPreference.objects.filter(user_id=pk).exists()
    assert not Flag.objects.filter(flagger_id=pk).exists()
    # The flag against their answer stays for the moderators.
    assert Flag.objects.filter(answer=history["mine"]).exists()
    entry = AuditEntry.objects.get(action="account_deleted")
    assert (entry.actor_id, entry.target_id, entry.target_label) == (None, None, "")
    assert entry.reason == "A member deleted their account, their posts anonymised."


def test_delete_account_refuses_an_unknown_choice_for_the_posts(people):
    with pytest.raises(DomainError):
        privacy.delete_account(user=people["member"], posts="keep")
    assert User.objects.filter(username=USERNAME).exists()


# Pages ------------------------------------------------------------------------------


def test_the_privacy_page_explains_what_is_stored_and_offers_both_actions(people, client_for):
    page = client_for(people["member"]).get("/account/privacy/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "What is stored" in text
    assert "Download my data" in text and "Delete my account" in text
    assert 'action="/account/privacy/download/"' in text
    assert 'href="/account/privacy/delete/"' in text


def test_the_privacy_pages_ask_visitors_to_log_in(client):
    for url in ("/account/privacy/", "/account/privacy/delete/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert client.post("/account/privacy/download/").status_code == 302


def test_download_my_data_gives_a_dated_json_file(people, history, client_for):
    client = client_for(people["member"])
    assert client.get("/account/privacy/download/").status_code == 405
    with time_machine.travel(datetime(2026, 5, 4, 9, 30, tzinfo=UTC)):
        response = client.post("/account/privacy/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="mindwell-export-wren_quill-2026-05-04.json"'
    )
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["profile"]["username"] == USERNAME
    assert data["exported_at"].startswith("2026-05-04")


def _delete(client, **fields):
    data = {"posts": "anonymise", "username": USERNAME, "password": PASSWORD, **fields}
    return client.post("/account/privacy/delete/", data)


def test_deleting_needs_the_right_password_and_username_and_a_choice(people, client_for):
    client = client_for(people["member"])
    assert (
        "Type your username to confirm" in client.get("/account/privacy/delete/").content.decode()
    )

    wrong = _delete(client, password="not my password")
    assert wrong.status_code == 400
    assert "That password is not right." in wrong.content.decode()
    assert "That is not your username." in _delete(client, username="orla").content.decode()
    assert "Please choose what happens to your posts." in _delete(client, posts="").content.decode()
    assert User.objects.filter(username=USERNAME).exists()


def test_deleting_logs_out_everywhere_and_says_goodbye(people, history, client_for):
    client, elsewhere = client_for(people["member"]), client_for(people["member"])
    response = _delete(client, posts="delete", username=USERNAME.upper())
    assert response.status_code == 302
    assert response["Location"] == "/account/deleted/"
    goodbye = client.get(response["Location"]).content.decode()
    assert "Your account is deleted" in goodbye
    assert "If you need to talk to someone now, see" in goodbye
    assert not User.objects.filter(username=USERNAME).exists()
    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(people["member"].pk) not in sessions
    for session in (client, elsewhere):
        assert session.get("/account/privacy/").status_code == 302
    assert "Log in" in elsewhere.get("/").content.decode()


def test_password_guesses_on_the_delete_page_count_as_log_in_attempts(people, client_for):
    client = client_for(people["member"])
    for _ in range(20):
        assert _delete(client, password="guess").status_code == 400
    assert _delete(client).status_code == 429
    assert User.objects.filter(username=USERNAME).exists()


def test_a_vote_in_a_locked_thread_is_still_withdrawn_exactly(people, category):
    member, other = people["member"], people["other"]
    question = ask(other, title="A thread that will be locked soon", category=category)
    qa.cast_vote(voter=member, post=question, value=1)
    Question.objects.filter(pk=question.pk).update(locked=True)
    points = User.objects.get(pk=other.pk).points
    privacy.delete_account(user=member, posts=privacy.ANONYMISE)
    question.refresh_from_db()
    assert (question.score, question.upvotes) == (0, 0)
    assert User.objects.get(pk=other.pk).points == points - 10


def test_other_sessions_survive_when_someone_else_deletes_their_account(people, client_for):
    other = client_for(people["other"])
    _delete(client_for(people["member"]))
    assert other.get("/account/privacy/").status_code == 200


def test_an_anonymous_name_that_gives_the_person_away_becomes_anonymous(people, category):
    member = people["member"]
    post = ask(member, category=category, anonymous=True, anon_name="wren_quill again")
    privacy.delete_account(user=member, posts=privacy.ANONYMISE)
    post.refresh_from_db()
    assert (post.author_name, post.byline_name, post.is_anonymous) == ("", "Anonymous", True)


@pytest.mark.skipif(
    not apps.is_installed("mindwell.professionals"), reason="mindwell.professionals not installed"
)
def test_a_professional_application_is_exported_without_its_reviewer_and_deleted(people):
    from datetime import date

    from mindwell.professionals.models import ProfessionalProfile

    member = people["member"]
    ProfessionalProfile.objects.create(
        member=member,
        profession="counselor",
        licensing_body="Counselling Board of Ireland",
        license_number="LPC-40417",
        jurisdiction="Ireland",
        expires_on=date(2099, 1, 1),
        status="verified",
        verified_by=people["moderator"],
    )
    text = json.dumps(privacy.export_member_data(user=member)["professional"])
    assert "LPC-40417" in text and "Counselling Board of Ireland" in text
    assert "mona" not in text.lower()
    privacy.delete_account(user=member, posts=privacy.ANONYMISE)
    assert not ProfessionalProfile.objects.filter(license_number="LPC-40417").exists()
