"""Every moderator action of the moderation pages through the JSON API: the same services,
the `moderate` scope on tokens, the audit log, and the same refusals as the pages."""

import json

import pytest
from django.test import Client

from mindwell.accounts import tokens
from mindwell.accounts.models import ApiToken, User
from mindwell.accounts.tests.factories import UserFactory
from mindwell.audit.models import AuditEntry
from mindwell.moderation import services
from mindwell.moderation.models import IPBlock, ReviewItem, WatchedWord
from mindwell.qa.models import Answer, Question, Status
from mindwell.qa.tests.factories import answer, ask


def bearer(user, scopes=("read", "write", "moderate")):
    """A client with a token of `scopes` (a member's token given the moderate scope
    behind the settings page's back, as a demoted moderator's old token would have)."""
    wanted = list(scopes)
    allowed = wanted if user.is_moderator else [s for s in wanted if s != "moderate"]
    token, secret = tokens.create_api_token(
        user=user, name="Mod tool", scopes=allowed, expires_in_days=None
    )
    ApiToken.objects.filter(pk=token.pk).update(scopes=wanted)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def post_json(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


@pytest.fixture
def thread(asker, stranger, category):
    question = ask(asker, category=category)
    reply = answer(question, stranger)
    Answer.objects.filter(pk=reply.pk).update(ip_digest="d" * 64)
    reply.refresh_from_db()
    return question, reply


def _question(thread):
    return Question.objects.get(pk=thread[0].pk)


# (name, url, body, what the moderator's success looks like, the audit action it writes)
ACTIONS = [
    (
        "lock",
        lambda t: f"/api/v1/questions/{t[0].pk}/lock",
        {"locked": True, "reason": "Heated."},
        lambda t: _question(t).locked,
        "lock",
    ),
    (
        "pin",
        lambda t: f"/api/v1/questions/{t[0].pk}/pin",
        {"pinned": True},
        lambda t: _question(t).pinned,
        "pin",
    ),
    (
        "block-ip",
        lambda t: f"/api/v1/answers/{t[1].pk}/block-ip",
        {"reason": "Spam from this network."},
        lambda t: IPBlock.objects.filter(ip_digest="d" * 64).exists(),
        "block_ip",
    ),
    (
        "restrict",
        lambda t: "/api/v1/members/charlie/restrict",
        {"kind": "silence", "reason": "Cooling off.", "days": 2},
        lambda t: User.objects.get(username="charlie").restriction == "silence",
        "silence",
    ),
    (
        "on-duty",
        lambda t: "/api/v1/moderation/on-duty",
        {"on_duty": True},
        lambda t: True,
        None,
    ),
]


@pytest.mark.parametrize(
    ("name", "url", "body", "done", "audited"), ACTIONS, ids=[a[0] for a in ACTIONS]
)
def test_a_moderators_token_does_it_and_the_token_use_is_audited(
    name, url, body, done, audited, thread, moderator
):
    response = post_json(bearer(moderator), url(thread), body)
    assert response.status_code in (200, 201), response.content
    assert done(thread)
    use = AuditEntry.objects.get(action="api_moderate")
    assert use.actor == moderator and "Mod tool" in use.reason
    if audited:
        assert AuditEntry.objects.filter(action=audited, actor=moderator).exists()


@pytest.mark.parametrize(
    ("name", "url", "body", "done", "audited"), ACTIONS, ids=[a[0] for a in ACTIONS]
)
def test_a_member_or_a_token_without_the_scope_is_refused_and_nothing_changes(
    name, url, body, done, audited, thread, moderator, asker
):
    for client, detail in (
        (bearer(moderator, scopes=("read", "write")), "does not have the “moderate” scope"),
        (bearer(asker, scopes=("read", "write")), "does not have the “moderate” scope"),
        (bearer(asker, scopes=("read", "write", "moderate")), "Only moderators can do this."),
    ):
        response = post_json(client, url(thread), body)
        assert response.status_code == 403, response.content
        assert response["Content-Type"] == "application/problem+json"
        assert detail in response.json()["detail"]
    if name != "on-duty":
        assert not done(thread)
    assert not AuditEntry.objects.filter(actor=moderator).exists()


def test_a_member_is_refused_in_the_same_words_through_the_page_and_the_api(
    client_for, thread, asker
):
    question, reply = thread
    api = bearer(asker, scopes=("read", "write", "moderate"))
    page = client_for(asker)
    for page_url, form, api_url, body in (
        (
            f"/moderation/questions/{question.pk}/state/",
            {"action": "lock"},
            f"/api/v1/questions/{question.pk}/lock",
            {"locked": True},
        ),
        (
            f"/moderation/questions/{question.pk}/state/",
            {"action": "pin"},
            f"/api/v1/questions/{question.pk}/pin",
            {"pinned": True},
        ),
        (
            f"/moderation/posts/answer/{reply.pk}/",
            {"action": "block_ip"},
            f"/api/v1/answers/{reply.pk}/block-ip",
            {},
        ),
        (
            "/moderation/on-duty/",
            {"on_duty": "on"},
            "/api/v1/moderation/on-duty",
            {"on_duty": True},
        ),
    ):
        refused_page = page.post(page_url, form)
        refused_api = post_json(api, api_url, body)
        assert refused_page.status_code == refused_api.status_code == 403
        assert refused_api.json()["detail"] == "Only moderators can do this."
        assert "Only moderators can do this." in refused_page.content.decode()
    assert not IPBlock.objects.exists()
    assert not _question(thread).locked


def test_restricting_another_moderator_is_refused_in_the_same_words_on_both_doors(
    client_for, moderator
):
    other = UserFactory(username="otto", level=User.Level.MODERATOR)
    form = {"kind": "suspend", "reason": "No.", "days": "3"}
    page = client_for(moderator).post(f"/moderation/members/{other.username}/", form)
    api = post_json(
        bearer(moderator),
        f"/api/v1/members/{other.username}/restrict",
        {"kind": "suspend", "reason": "No.", "days": 3},
    )
    assert page.status_code == api.status_code == 403
    assert api.json()["detail"] == "You cannot restrict this member."
    assert "You cannot restrict this member." in page.content.decode()
    assert User.objects.get(pk=other.pk).restriction == ""


def test_a_suspension_through_the_api_stops_the_members_token_until_it_is_lifted(
    moderator, stranger, category
):
    members_api = bearer(stranger, scopes=("read", "write"))
    mods_api = bearer(moderator)
    done = post_json(
        mods_api,
        "/api/v1/members/charlie/restrict",
        {"kind": "suspend", "reason": "Spam links.", "days": 3},
    )
    assert done.status_code == 201
    assert done.json()["kind"] == "suspend" and done.json()["until"]
    question = {"title": "Sleeping badly lately", "body": "I wake at four every night now."}
    refused = post_json(members_api, "/api/v1/questions", {**question, "category": category.slug})
    assert refused.status_code == 403
    assert "Your account is suspended" in refused.json()["detail"]
    assert "Spam links." in refused.json()["detail"]
    lifted = post_json(mods_api, "/api/v1/members/charlie/lift-restriction", {"reason": "Ok."})
    assert lifted.status_code == 200
    assert User.objects.get(pk=stranger.pk).restriction == ""
    assert AuditEntry.objects.filter(action="lift_restriction", actor=moderator).exists()


def test_restricting_an_unknown_member_is_a_404_for_moderators_and_a_403_for_others(
    moderator, asker
):
    body = {"kind": "silence", "reason": "Why not."}
    assert post_json(bearer(moderator), "/api/v1/members/nobody/restrict", body).status_code == 404
    others = post_json(bearer(asker, ("read", "write")), "/api/v1/members/nobody/restrict", body)
    assert others.status_code == 403  # nobody else learns which usernames exist


def test_the_flag_queue_lists_items_without_naming_anonymous_authors_and_resolves_them(
    moderator, asker, stranger, category, django_assert_max_num_queries
):
    secret = ask(asker, category=category, anonymous=True, anon_name="Night owl")
    signed = ask(asker, category=category, title="A signed question about sleep")
    for post in (secret, signed):
        services.flag_post(flagger=stranger, post=post, reason="rude", text="Unkind words.")
    api = bearer(moderator)
    api.get("/api/v1/moderation/queues/flagged")  # the token's first use is recorded once
    # token + member, rate counter, items, flags, counts
    with django_assert_max_num_queries(9):
        listed = api.get("/api/v1/moderation/queues/flagged")
    assert listed.status_code == 200, listed.content
    data = listed.json()
    assert data["counts"]["flagged"] == 2
    by_id = {item["post"]["id"]: item for item in data["results"]}
    assert by_id[secret.pk]["post"]["author"] == {
        "name": "Night owl",
        "username": None,
        "avatar_url": by_id[secret.pk]["post"]["author"]["avatar_url"],
    }
    assert "alice" not in json.dumps(by_id[secret.pk]).lower()
    assert by_id[signed.pk]["flags"] == [{"reason": "rude", "text": "Unkind words."}]
    item_id = by_id[signed.pk]["id"]
    resolved = post_json(
        api, f"/api/v1/moderation/items/{item_id}/resolve", {"action": "hide", "message": "Kind."}
    )
    assert resolved.status_code == 200, resolved.content
    assert ReviewItem.objects.get(pk=item_id).state == ReviewItem.State.RESOLVED
    assert Question.objects.get(pk=signed.pk).status == Status.HIDDEN
    assert AuditEntry.objects.filter(action="review_hide", actor=moderator).exists()
    again = post_json(api, f"/api/v1/moderation/items/{item_id}/resolve", {"action": "hide"})
    assert again.status_code == 409


def test_the_queues_and_resolving_are_refused_to_members_as_on_the_pages(
    client_for, asker, stranger, category
):
    question = ask(asker, category=category)
    services.flag_post(flagger=stranger, post=question, reason="spam")
    item = ReviewItem.objects.get(queue="flagged")
    api = bearer(asker, scopes=("read", "write"))
    assert api.get("/api/v1/moderation/queues/flagged").status_code == 403
    assert api.get("/api/v1/moderation/queues/crisis").status_code == 403
    page = client_for(asker).get("/moderation/queue/flagged/")
    session = client_for(asker).get("/api/v1/moderation/queues/flagged")
    assert page.status_code == session.status_code == 403
    assert session.json()["detail"] in page.content.decode()
    resolve_page = client_for(asker).post(f"/moderation/items/{item.pk}/", {"action": "dismiss"})
    resolve_api = post_json(
        bearer(asker, ("read", "write", "moderate")),
        f"/api/v1/moderation/items/{item.pk}/resolve",
        {"action": "dismiss"},
    )
    assert resolve_page.status_code == resolve_api.status_code == 403
    assert resolve_api.json()["detail"] in resolve_page.content.decode()
    assert ReviewItem.objects.get(pk=item.pk).state == ReviewItem.State.OPEN


def test_moderators_try_the_watched_words_through_the_api(moderator, asker):
    WatchedWord.objects.create(word="darn", action=WatchedWord.Action.REPLACE, replacement="d***")
    done = post_json(
        bearer(moderator), "/api/v1/moderation/watched-words/test", {"text": "Darn it"}
    )
    assert done.status_code == 200, done.content
    assert done.json()["matches"][0]["word"] == "darn"
    assert done.json()["replaced"] == "d*** it"
    refused = post_json(
        bearer(asker, ("read", "write")), "/api/v1/moderation/watched-words/test", {"text": "x"}
    )
    assert refused.status_code == 403


def test_a_close_vote_through_the_api_is_refused_in_the_pages_words_without_the_privilege(
    client_for, asker, stranger, category
):
    question = ask(asker, category=category)
    page = client_for(stranger).post(
        f"/moderation/questions/{question.pk}/close/", {"reason": "off_topic"}
    )
    api = post_json(
        bearer(stranger), f"/api/v1/questions/{question.pk}/close", {"reason": "off_topic"}
    )
    assert page.status_code == api.status_code == 403
    assert api.json()["detail"] in page.content.decode()
    assert Question.objects.get(pk=question.pk).closed_at is None


def test_a_moderator_closes_a_question_as_a_duplicate_through_the_api(moderator, asker, category):
    first = ask(asker, category=category, title="How can I sleep better at night?")
    second = ask(asker, category=category, title="How can I sleep better, please?")
    api = bearer(moderator)
    missing = post_json(
        api, f"/api/v1/questions/{second.pk}/close", {"reason": "duplicate", "duplicate_of": 999999}
    )
    assert missing.status_code == 404
    done = post_json(
        api,
        f"/api/v1/questions/{second.pk}/close",
        {"reason": "duplicate", "duplicate_of": first.pk},
    )
    assert done.status_code == 200, done.content
    second.refresh_from_db()
    assert second.closed_at is not None and second.duplicate_of_id == first.pk


def test_content_warnings_by_the_author_or_a_moderator_and_the_same_refusal_for_others(
    client_for, thread, asker, stranger, moderator
):
    question, _ = thread
    url = f"/api/v1/questions/{question.pk}/content-warning"
    own = post_json(bearer(asker, ("read", "write")), url, {"topic": "self_harm"})
    assert own.status_code == 200, own.content
    assert Question.objects.get(pk=question.pk).content_warning == "self_harm"
    page = client_for(stranger).post(
        f"/moderation/posts/question/{question.pk}/", {"action": "content_warning", "topic": ""}
    )
    api = post_json(bearer(stranger, ("read", "write")), url, {"topic": ""})
    assert page.status_code == api.status_code == 403
    assert api.json()["detail"] == (
        "Only the author or a moderator can change the content warning."
    )
    assert api.json()["detail"] in page.content.decode()
    scopeless = post_json(bearer(moderator, ("read", "write")), url, {"topic": ""})
    assert scopeless.status_code == 403
    assert Question.objects.get(pk=question.pk).content_warning == "self_harm"
    done = post_json(bearer(moderator), url, {"topic": "suicide"})
    assert done.status_code == 200
    assert Question.objects.get(pk=question.pk).content_warning == "suicide"
    assert AuditEntry.objects.filter(action="api_moderate", actor=moderator).exists()
    unknown = post_json(bearer(moderator), url, {"topic": "spiders"})
    assert unknown.status_code == 400
    assert unknown.json()["detail"] == "Choose one of the content warnings."


def test_moderators_read_the_audit_log_in_pages_and_only_admins_see_members_names(
    client_for, thread, asker, moderator, django_assert_max_num_queries
):
    from mindwell.audit.services import audit

    question, _ = thread
    audit(actor=asker, action="outreach_reply", target=question, reason="Thanks.")
    for n in range(3):
        services.set_pinned(moderator=moderator, question=question, pinned=n % 2 == 0)
    api = bearer(moderator)
    api.get("/api/v1/moderation/audit?limit=1")  # the token's first use is recorded once
    # token + member, rate counter (3), entries, question titles
    with django_assert_max_num_queries(8):
        first = api.get("/api/v1/moderation/audit?limit=2")
    assert first.status_code == 200, first.content
    page = first.json()
    assert [e["action"] for e in page["results"]] == ["pin", "unpin"]
    assert page["results"][0]["target_title"] == question.title
    assert page["results"][0]["action_label"]
    rest = api.get(page["next"]).json()
    assert [e["action"] for e in rest["results"]] == ["pin", "outreach_reply"]
    assert rest["results"][1]["actor"] == "A member"
    by_name = api.get("/api/v1/moderation/audit?actor=alice").json()
    assert by_name["results"] == []  # a member's name finds nothing for a moderator
    admin = UserFactory(username="ada", level="admin")
    seen = bearer(admin).get("/api/v1/moderation/audit?action=outreach_reply").json()
    assert [e["actor"] for e in seen["results"]] == ["alice"]
    refused = bearer(asker, ("read", "write")).get("/api/v1/moderation/audit")
    assert refused.status_code == 403
    page_refused = client_for(asker).get("/moderation/audit/")
    assert page_refused.status_code == 403
