"""A write through the API meets the same rules, in the same words, as through the pages:
crisis routing, "someone may be at risk" flags, read-only members, the asker's best answer,
blocked networks, rate limits, privileges and a professional's boundary hold."""

import json

from django.test import Client

from mindwell.accounts import tokens
from mindwell.moderation import services as moderation
from mindwell.moderation.models import ReviewItem
from mindwell.qa.models import Answer, Question, Status
from mindwell.qa.tests.factories import UserFactory, answer, ask

URGENT = "I can't do this anymore, I've written goodbye letters to my family."


def token_client(user, scopes=("read", "write")):
    _, secret = tokens.create_api_token(
        user=user, name="Test", scopes=list(scopes), expires_in_days=None
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_a_crisis_question_through_the_api_is_published_and_routed_to_the_crisis_queue(
    asker, category
):
    response = post_json(
        token_client(asker),
        "/api/v1/questions",
        {"title": "I need to say something tonight", "body": URGENT, "category": category.slug},
    )
    assert response.status_code == 201, response.content
    question = Question.objects.get()
    assert question.status == Status.PUBLISHED  # crisis screening never holds a post
    assert ReviewItem.objects.filter(question=question, queue="crisis").exists()
    assert "crisis" not in response.content.decode().lower()


def test_an_at_risk_flag_through_the_api_reaches_the_crisis_queue(asker, category):
    question = ask(asker, category=category)
    reporter = UserFactory(username="reporter", points=500)
    response = post_json(
        token_client(reporter), f"/api/v1/questions/{question.pk}/flag", {"reason": "at_risk"}
    )
    assert response.status_code == 201, response.content
    assert ReviewItem.objects.filter(question=question, queue="crisis").exists()


def test_a_read_only_member_is_refused_in_the_same_words_through_both_doors(
    client_for, asker, stranger, moderator, category
):
    question = ask(asker, category=category)
    moderation.restrict_member(
        moderator=moderator, member=stranger, kind="silence", reason="Cooling off.", days=2
    )
    page = client_for(stranger).post(
        f"/questions/{question.pk}/answers/", {"body": "An answer while read-only."}
    )
    api = post_json(
        token_client(stranger),
        f"/api/v1/questions/{question.pk}/answers",
        {"body": "An answer while read-only."},
    )
    assert page.status_code == api.status_code == 403
    detail = api.json()["detail"]
    assert detail.startswith("Your account is in read-only mode")
    assert detail in page.content.decode().replace("&#x27;", "'")
    assert not Answer.objects.exists()


def test_only_the_asker_selects_the_best_answer_and_can_unselect_it(asker, stranger, category):
    question = ask(asker, category=category)
    reply = answer(question, stranger)
    url = f"/api/v1/questions/{question.pk}/best-answer"
    refused = post_json(token_client(stranger), url, {"answer_id": reply.pk})
    assert refused.status_code == 403
    mine = token_client(asker)
    assert post_json(mine, url, {"answer_id": reply.pk}).json()["has_best_answer"] is True
    assert post_json(mine, url, {"answer_id": None}).json()["has_best_answer"] is False


def test_voting_and_withdrawing_through_the_api(asker, stranger, category):
    question = ask(asker, category=category)
    client = token_client(stranger)
    url = f"/api/v1/questions/{question.pk}/vote"
    assert post_json(client, url, {"value": 1}).json() == {"score": 1, "my_vote": 1}
    assert post_json(client, url, {"value": 0}).json() == {"score": 0, "my_vote": 0}
    own = post_json(token_client(asker), url, {"value": 1})
    assert own.status_code == 403 and own["Content-Type"] == "application/problem+json"


def _page_text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def test_a_blocked_network_is_refused_in_the_same_words_through_both_doors(
    client_for, asker, stranger, moderator, category
):
    from mindwell.core.privacy import keyed_digest
    from mindwell.moderation.models import IPBlock

    question = ask(asker, category=category)
    IPBlock.objects.create(ip_digest=keyed_digest("127.0.0.1"), reason="Spam wave.")
    page = client_for(stranger).post(
        f"/questions/{question.pk}/answers/", {"body": "An answer from a blocked network."}
    )
    api = post_json(
        token_client(stranger),
        f"/api/v1/questions/{question.pk}/answers",
        {"body": "An answer from a blocked network."},
    )
    assert page.status_code == api.status_code == 403
    assert api.json()["detail"] == "Posting from your network is blocked."
    assert api.json()["detail"] in _page_text(page)
    assert not Answer.objects.exists()


def test_a_rate_limit_is_met_in_the_same_words_through_both_doors(
    settings, client_for, asker, stranger, category
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "answer": (1, None)}
    question = ask(asker, category=category)
    first = client_for(stranger).post(
        f"/questions/{question.pk}/answers/", {"body": "My first answer of the hour."}
    )
    assert first.status_code == 302
    page = client_for(stranger).post(
        f"/questions/{question.pk}/answers/", {"body": "My second answer of the hour."}
    )
    api = post_json(
        token_client(stranger),
        f"/api/v1/questions/{question.pk}/answers",
        {"body": "My second answer of the hour."},
    )
    assert page.status_code == api.status_code == 429
    assert page["Retry-After"] and api["Retry-After"]
    detail = api.json()["detail"]
    assert detail.startswith("You've reached the limit of 1 answer an hour.")
    assert detail.split(" Please")[0] in _page_text(page)
    assert Answer.objects.count() == 1


def test_a_privilege_refusal_is_the_same_through_both_doors(client_for, asker, category):
    question = ask(asker, category=category)
    newcomer = UserFactory(username="newcomer", points=1)
    page = client_for(newcomer).post(f"/vote/question/{question.pk}/", {"value": "down"})
    api = post_json(token_client(newcomer), f"/api/v1/questions/{question.pk}/vote", {"value": -1})
    assert page.status_code == api.status_code == 403
    assert api.json()["detail"] in _page_text(page)
    question.refresh_from_db()
    assert question.downvotes == 0


def test_a_professionals_boundary_hold_is_the_same_through_both_doors(client_for, asker, category):
    from mindwell.professionals.tests.factories import verified

    question = ask(asker, category=category)
    pro = UserFactory(username="counselor")
    verified(pro)
    body = "Happy to help further: DM me and we can book a first session at my practice."
    page = client_for(pro).post(f"/questions/{question.pk}/answers/", {"body": body})
    api = post_json(
        token_client(pro), f"/api/v1/questions/{question.pk}/answers", {"body": body + " Soon."}
    )
    assert page.status_code in (200, 302) and api.status_code == 201, api.content
    assert api.json()["status"] == "queued"
    held = Answer.objects.filter(question=question)
    assert held.count() == 2
    assert {a.status for a in held} == {Status.QUEUED}
    reasons = set(ReviewItem.objects.filter(answer__in=held).values_list("reason", flat=True))
    assert len(reasons) == 1 and "ACA 2014" in reasons.pop()
