from mindwell.moderation.models import ModerationSettings
from mindwell.qa.models import Answer, Question, Vote
from mindwell.qa.tests.factories import UserFactory, ask


def test_the_eleventh_question_in_an_hour_gets_429_and_keeps_the_text(client_for, asker, category):
    client = client_for(asker)
    for i in range(10):
        response = client.post(
            "/ask/",
            {
                "title": f"Question number {i} this hour",
                "body": "A body that is long enough to post.",
                "category": category.pk,
            },
        )
        assert response.status_code == 302
    response = client.post(
        "/ask/",
        {
            "title": "One question too many now",
            "body": "My carefully written eleventh question.",
            "category": category.pk,
        },
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "limit of 10 questions an hour" in page
    assert "My carefully written eleventh question." in page
    assert Question.objects.count() == 10


def test_votes_and_answers_are_limited_too(client_for, asker, category, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "vote": (2, 600), "answer": (1, 50)}
    questions = [ask(asker, category=category, title=f"Question for votes {i}") for i in range(3)]
    client = client_for(UserFactory())
    codes = [client.post(f"/vote/question/{q.pk}/", {"value": "up"}).status_code for q in questions]
    assert codes == [302, 302, 429]
    assert Vote.objects.count() == 2
    client.post(f"/questions/{questions[0].pk}/answers/", {"body": "My first answer here."})
    response = client.post(f"/questions/{questions[1].pk}/answers/", {"body": "A second one."})
    assert response.status_code == 429
    assert Answer.objects.count() == 1


def test_a_filled_honeypot_refuses_a_visitor_post_quietly(client, category):
    response = client.post(
        "/ask/",
        {
            "title": "Buy cheap things right now",
            "category": category.pk,
            "body": "Spam body from a bot that fills everything.",
            "website": "http://spam.example",
        },
    )
    assert response.status_code == 400
    assert "Something went wrong; please try again." in response.content.decode()
    assert not Question.objects.exists()
    assert 'class="hp-field"' in client.get("/ask/").content.decode()


def test_visitors_answer_a_challenge_when_the_setting_is_on(client, category):
    config = ModerationSettings.load()
    config.challenge_visitors = True
    config.save()
    page = client.get("/ask/").content.decode()
    assert "plus" in page and "challenge_token" in page
    data = {
        "title": "A visitor question with a challenge",
        "category": category.pk,
        "body": "Body long enough for the rules here.",
        "challenge": "99",
    }
    import re

    token = re.search(r'name="challenge_token" value="([^"]+)"', page).group(1)
    response = client.post("/ask/", {**data, "challenge_token": token})
    assert response.status_code == 400
    assert "That answer is not right" in response.content.decode()
    from django.core import signing

    answer = signing.loads(token, salt="mindwell.challenge")
    response = client.post("/ask/", {**data, "challenge_token": token, "challenge": str(answer)})
    assert response.status_code == 302
    assert Question.objects.count() == 1


def test_a_vote_the_rules_refuse_is_not_counted_against_the_limit(
    client_for, asker, category, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "vote": (2, 600)}
    own = ask(asker, category=category, title="My own question here")
    others = [
        ask(UserFactory(), category=category, title=f"Somebody's question {i}") for i in range(3)
    ]
    client = client_for(asker)
    refused = [client.post(f"/vote/question/{own.pk}/", {"value": "up"}) for _ in range(3)]
    assert [r.status_code for r in refused] == [403, 403, 403]
    assert "You cannot vote on your own post." in refused[0].content.decode()
    codes = [client.post(f"/vote/question/{q.pk}/", {"value": "up"}).status_code for q in others]
    assert codes == [302, 302, 429]
