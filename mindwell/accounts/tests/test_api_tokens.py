"""Personal access tokens: made and revoked on the settings page, used as Bearer tokens,
scoped, rate-limited like web use, audited when they moderate."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from mindwell.accounts import tokens
from mindwell.accounts.models import ApiToken
from mindwell.audit.models import AuditEntry
from mindwell.moderation import services as moderation
from mindwell.qa.models import Answer, Question, Status
from mindwell.qa.tests.factories import answer, ask


def bearer(secret):
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def post_json(client, url, data, method="post"):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def question_data(category, **extra):
    return {
        "title": "Sleeping badly since the move",
        "body": "Since we moved flats I wake at four every night and cannot settle again.",
        "category": category.slug,
        **extra,
    }


def make(user, scopes=("read", "write"), days=None):
    return tokens.create_api_token(
        user=user, name="Script", scopes=list(scopes), expires_in_days=days
    )


def test_the_settings_page_shows_a_new_token_once_and_keeps_only_its_digest(client_for, asker):
    client = client_for(asker)
    response = client.post(
        "/account/tokens/",
        {"name": "Reading app", "scopes": ["read", "write"], "expires_in_days": "90"},
    )
    assert response.status_code == 201
    token = ApiToken.objects.get(user=asker)
    secret = response.context["secret"]
    assert secret.startswith("mw_") and secret in response.content.decode()
    assert token.digest != secret and secret not in json.dumps(
        list(ApiToken.objects.values()), default=str
    )
    assert token.scopes == ["read", "write"] and token.name == "Reading app"
    assert (token.expires_at - timezone.now()).days in (89, 90)
    listing = client.get("/account/tokens/").content.decode()
    assert "Reading app" in listing and token.prefix in listing
    assert secret not in listing  # shown only once
    me = bearer(secret).get("/api/v1/me")
    assert me.status_code == 200 and me.json()["username"] == "alice"


def test_members_are_not_offered_the_moderate_scope(client_for, asker):
    response = client_for(asker).post(
        "/account/tokens/", {"name": "Mod tool", "scopes": ["moderate"], "expires_in_days": ""}
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
    with pytest.raises(Exception, match="scopes"):
        make(asker, scopes=["moderate"])


def test_a_revoked_token_stops_working_and_another_members_token_cannot_be_revoked(
    client_for, asker, stranger
):
    token, secret = make(asker)
    assert client_for(stranger).post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert bearer(secret).get("/api/v1/me").status_code == 200
    response = client_for(asker).post(f"/account/tokens/{token.pk}/revoke/", follow=True)
    assert "no longer works" in response.content.decode()
    refused = bearer(secret).get("/api/v1/me")
    assert refused.status_code == 401
    assert refused["Content-Type"] == "application/problem+json"
    assert refused["WWW-Authenticate"].startswith("Bearer")
    assert refused.json()["detail"] == "The token is unknown, revoked or expired."


def test_an_expired_token_is_refused_and_last_use_is_recorded(asker):
    token, secret = make(asker, days=30)
    assert token.last_used_at is None
    assert bearer(secret).get("/api/v1/me").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert bearer(secret).get("/api/v1/me").status_code == 401
        # a public read with a bad token is refused too, not read as a visitor
        assert bearer(secret).get("/api/v1/questions").status_code == 401


def test_a_read_token_cannot_write(asker, category):
    _, secret = make(asker, scopes=["read"])
    response = post_json(bearer(secret), "/api/v1/questions", question_data(category))
    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_scope"
    assert not Question.objects.exists()


def test_a_token_asks_without_csrf_but_a_session_write_needs_it(asker, category):
    _, secret = make(asker)
    response = post_json(bearer(secret), "/api/v1/questions", question_data(category))
    assert response.status_code == 201, response.content
    session = Client(enforce_csrf_checks=True)
    session.force_login(asker)
    refused = post_json(session, "/api/v1/questions", question_data(category, title="Another one"))
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf"
    assert Question.objects.count() == 1


def test_token_use_shares_the_members_hourly_limit_with_the_pages(
    settings, client_for, asker, category
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "question": (1, None)}
    page = client_for(asker).post(
        "/ask/",
        {
            "title": "Sleeping badly since the move",
            "body": "Since we moved flats I wake at four every night and cannot settle.",
            "category": category.pk,
            "tags": "sleep",
        },
    )
    assert page.status_code == 302
    _, secret = make(asker)
    refused = post_json(bearer(secret), "/api/v1/questions", question_data(category))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"].startswith("You've reached the limit of 1 question an hour.")
    assert Question.objects.count() == 1


def test_a_suspended_members_token_is_refused(asker, moderator, category):
    _, secret = make(asker)
    moderation.restrict_member(
        moderator=moderator, member=asker, kind="suspend", reason="Spam.", days=3
    )
    response = post_json(bearer(secret), "/api/v1/questions", question_data(category))
    assert response.status_code == 403
    assert "Your account is suspended" in response.json()["detail"]
    assert not Question.objects.exists()


def test_moderator_token_use_is_audited_and_needs_the_moderate_scope(moderator, asker, category):
    question = ask(asker, category=category)
    reply = answer(question, asker)
    _, plain = make(moderator, scopes=["read", "write"])
    refused = post_json(bearer(plain), f"/api/v1/answers/{reply.pk}/moderate", {"action": "hide"})
    assert refused.status_code == 403
    token, secret = make(moderator, scopes=["read", "write", "moderate"])
    done = post_json(bearer(secret), f"/api/v1/answers/{reply.pk}/moderate", {"action": "hide"})
    assert done.status_code == 200, done.content
    assert Answer.objects.get(pk=reply.pk).status == Status.HIDDEN
    entry = AuditEntry.objects.get(action="api_moderate")
    assert entry.actor == moderator and token.prefix in entry.reason
    assert AuditEntry.objects.filter(action="hide", actor=moderator).exists()


def test_a_member_with_a_moderate_token_is_still_no_moderator(asker, category):
    question = ask(asker, category=category)
    token, secret = make(asker)
    ApiToken.objects.filter(pk=token.pk).update(scopes=["read", "write", "moderate"])
    response = post_json(
        bearer(secret), f"/api/v1/questions/{question.pk}/close", {"reason": "off_topic"}
    )
    assert response.status_code == 403
    assert Question.objects.get(pk=question.pk).closed_at is None


def test_an_anonymous_post_through_the_authors_own_token_names_nobody(asker, category):
    _, secret = make(asker)
    response = post_json(
        bearer(secret),
        "/api/v1/questions",
        question_data(category, anonymous=True, anon_name="Night owl"),
    )
    assert response.status_code == 201
    assert response.json()["author"] == {
        "name": "Night owl",
        "username": None,
        "avatar_url": "/static/img/avatar-anonymous.svg",
    }
    question_id = response.json()["id"]
    for url in (f"/api/v1/questions/{question_id}", "/api/v1/questions"):
        read = bearer(secret).get(url)
        assert "alice" not in read.content.decode().lower()
        assert "alice" not in json.dumps(dict(read.headers)).lower()


def test_token_page_and_token_reads_query_counts(
    client_for, asker, category, django_assert_max_num_queries
):
    for n in range(3):
        make(asker)
        ask(asker, category=category, title=f"Question number {n} about sleeping")
    client = client_for(asker)
    client.get("/account/tokens/")  # the site's settings rows are made on the first page
    # session, user, tokens; the layout: footer pages, unread count, privileges, settings
    with django_assert_max_num_queries(7):
        assert client.get("/account/tokens/").status_code == 200
    _, secret = make(asker)
    # token (with its member), its last use, questions + tags (the read limit counts in the
    # shared cache, not the database)
    with django_assert_max_num_queries(4):
        assert bearer(secret).get("/api/v1/questions?limit=20").status_code == 200


def test_reads_are_limited_per_member_across_token_and_session_then_429_with_retry_after(
    settings, client_for, asker, category
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api_read": (2, None)}
    question = ask(asker, category=category)
    _, secret = make(asker, scopes=["read"])
    assert bearer(secret).get("/api/v1/questions").status_code == 200
    session = client_for(asker)
    assert session.get(f"/api/v1/questions/{question.pk}").status_code == 200
    for client in (session, bearer(secret)):
        refused = client.get("/api/v1/me")
        assert refused.status_code == 429
        assert refused["Content-Type"] == "application/problem+json"
        assert 0 < int(refused["Retry-After"]) <= 3600
        assert refused.json()["code"] == "rate_limited"
        assert refused.json()["detail"].startswith(
            "You've reached the limit of 2 API reads an hour. Please try again in"
        )
    # Writes count against their own limits, not the read limit.
    written = post_json(bearer(make(asker)[1]), f"/api/v1/questions/{question.pk}/answers",
                        {"body": "Writing worries down before bed helps me a lot."})  # fmt: skip
    assert written.status_code == 201, written.content


def test_visitors_reads_are_limited_by_network_and_moderators_are_not_limited(
    settings, client, moderator
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api_read": (1, 2)}
    assert [client.get("/api/v1/categories").status_code for _ in range(3)] == [200, 200, 429]
    refused = client.get("/api/v1/questions")
    assert refused.json()["detail"].startswith("This network has reached the limit of 2")
    _, secret = make(moderator, scopes=["read"])
    assert {bearer(secret).get("/api/v1/me").status_code for _ in range(3)} == {200}
