import json

from django.test import Client

from mindwell.qa.models import Question
from mindwell.qa.tests.factories import UserFactory, answer, ask


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_list_and_detail_show_no_account_for_anonymous_posts(client, asker, stranger, category):
    q = ask(asker, category=category, anonymous=True, anon_name="Night owl")
    answer(q, stranger)
    listing = client.get("/api/v1/questions").json()
    assert len(listing["results"]) == 1
    assert listing["next"] is None
    assert listing["results"][0]["author"] == {
        "name": "Night owl",
        "username": None,
        "avatar_url": "/static/img/avatar-anonymous.svg",
    }
    detail = client.get(f"/api/v1/questions/{q.pk}").json()
    assert detail["author"]["username"] is None
    helper = detail["answers"][0]["author"]
    assert (helper["name"], helper["username"]) == ("Charlie", "charlie")
    assert helper["avatar_url"] != "/static/img/avatar-anonymous.svg"
    assert "alice" not in json.dumps(detail)
    assert "notify_email" not in json.dumps(detail)


def test_missing_question_is_a_json_404(client, db):
    response = client.get("/api/v1/questions/12345")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "Question not found.",
        "code": "invalid",
    }


def test_asking_through_the_api_needs_a_login(client, category):
    data = {
        "title": "A question from the API",
        "body": "Long enough body for the rules.",
        "category": category.slug,
    }
    assert post_json(client, "/api/v1/questions", data).status_code == 401
    assert not Question.objects.exists()


def test_member_asks_answers_and_votes_through_the_api(client_for, asker, stranger, category):
    client = client_for(asker)
    response = post_json(
        client,
        "/api/v1/questions",
        {
            "title": "A question from the API",
            "body": "Long enough body for the rules.",
            "category": category.slug,
            "tags": ["Sleep", "api"],
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["tags"] == ["api", "sleep"]
    q = Question.objects.get()
    other = client_for(stranger)
    response = post_json(other, f"/api/v1/questions/{q.pk}/answers", {"body": "An answer via API."})
    assert response.status_code == 201
    response = post_json(client, f"/api/v1/answers/{response.json()['id']}/vote", {"value": 1})
    assert response.json() == {"score": 1, "my_vote": 1}
    response = post_json(client, f"/api/v1/questions/{q.pk}/vote", {"value": 1})
    assert response.status_code == 403
    assert "own post" in response.json()["detail"]


def test_api_validation_errors_are_400_with_a_message(client_for, asker, category):
    client = client_for(asker)
    response = post_json(
        client,
        "/api/v1/questions",
        {
            "title": "Short",
            "body": "Long enough body for the rules.",
            "category": category.slug,
        },
    )
    assert response.status_code == 400
    assert "at least 10 characters" in response.json()["detail"]
    response = post_json(client, "/api/v1/questions/1/vote", {"value": 7})
    assert response.status_code in (400, 422)


def test_api_posts_with_a_session_need_the_csrf_token(asker, category):
    q = ask(UserFactory(), category=category)
    client = Client(enforce_csrf_checks=True)
    client.force_login(asker)
    response = post_json(client, f"/api/v1/questions/{q.pk}/vote", {"value": 1})
    assert response.status_code == 403
    q.refresh_from_db()
    assert q.score == 0


def test_openapi_schema_is_published(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/questions" in schema["paths"]
