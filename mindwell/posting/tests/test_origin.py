"""Both doors (pages and the JSON API) learn who is posting, from where, the same way."""

import json

from django.test import Client, RequestFactory

from mindwell.core.privacy import ip_digest
from mindwell.moderation.models import IPBlock
from mindwell.posting.origin import Origin
from mindwell.qa.models import Answer, Question
from mindwell.qa.tests.factories import UserFactory, ask

BLOCKED = "198.51.100.66"


def _member_client(user, address):
    client = Client(REMOTE_ADDR=address)
    client.force_login(user)
    return client


def test_a_blocked_network_is_refused_on_the_page_and_through_the_api(asker, category):
    q = ask(asker, category=category)
    IPBlock.objects.create(
        ip_digest=ip_digest(RequestFactory().get("/", REMOTE_ADDR=BLOCKED)), reason="spam"
    )
    client = _member_client(UserFactory(username="blockedmember"), BLOCKED)
    page = client.post(f"/questions/{q.pk}/answers/", {"body": "An answer from a blocked place."})
    assert page.status_code == 403
    api = client.post(
        f"/api/v1/questions/{q.pk}/answers",
        data=json.dumps({"body": "An answer from a blocked place, by the API."}),
        content_type="application/json",
    )
    assert api.status_code == 403
    asked = client.post(
        "/api/v1/questions",
        data=json.dumps(
            {
                "title": "A question from a blocked network",
                "body": "A body that is long enough to be a real question.",
                "category": category.slug,
            }
        ),
        content_type="application/json",
    )
    assert asked.status_code == 403, asked.content
    assert not Answer.objects.exists()
    assert Question.objects.count() == 1


def test_posts_through_the_api_keep_the_network_digest_like_the_page(asker, category):
    q = ask(asker, category=category)
    client = _member_client(UserFactory(username="apiposter"), "203.0.113.9")
    response = client.post(
        f"/api/v1/questions/{q.pk}/answers",
        data=json.dumps({"body": "Writing things down before bed helps me."}),
        content_type="application/json",
    )
    assert response.status_code == 201
    expected = ip_digest(RequestFactory().get("/", REMOTE_ADDR="203.0.113.9"))
    assert Answer.objects.get().ip_digest == expected


def test_an_origin_keeps_only_what_applies(rf, db):
    member = UserFactory()
    request = rf.post("/", REMOTE_ADDR="203.0.113.9")
    request.user = member
    origin = Origin.from_request(request, display_name="Shown name", notify_email="a@b.example")
    assert (origin.author, origin.anonymous, origin.display_name) == (member, False, "")
    assert origin.notify_email == ""  # members are told in their inbox
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    visitor = Origin.from_request(request, display_name=" Sam ", notify_email="sam@example.org")
    assert (visitor.author, visitor.anonymous, visitor.display_name) == (None, True, "Sam")
    assert visitor.notify_email == "sam@example.org" and visitor.ip_digest
