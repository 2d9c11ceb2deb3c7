"""What an owner changes in the admin's site configuration, members meet at once: the
points formula, lengths, tags, hourly limits and voting switches."""

from mindwell.core.tests.admin_settings import admin_client, owner, set_in_admin
from mindwell.qa.models import Answer, Question, Vote
from mindwell.qa.tests.factories import UserFactory, answer, ask

__all__ = ["admin_client", "owner"]  # fixtures

ANSWER = "A short walk after dinner helps me sort out what I actually want to say."


def test_points_for_an_answer_follow_the_admin(admin_client, client_for, asker, category):
    q = ask(asker, category=category)
    writer = UserFactory()
    start = writer.points
    client = client_for(writer)
    client.post(f"/questions/{q.pk}/answers/", {"body": ANSWER})
    writer.refresh_from_db()
    assert writer.points == start + 4 * 10  # Question2Answer's defaults
    set_in_admin(admin_client, **{"points.answer_posted": 7, "points.multiple": 2})
    client.post(f"/questions/{q.pk}/answers/", {"body": ANSWER + " Twice, kindly."})
    writer.refresh_from_db()
    assert writer.points == start + 40 + 7 * 2
    profile = client.get(f"/users/{writer.username}/").content.decode()
    assert str(writer.points) in profile


def test_a_new_member_starts_with_the_admins_joining_points(admin_client):
    set_in_admin(admin_client, **{"points.base": 250})
    assert UserFactory().points == 250


def test_lengths_follow_the_admin(admin_client, client_for, asker, category):
    q = ask(asker, category=category)
    client = client_for(UserFactory())
    short = "Breathe slowly, then reply."  # 27 characters: fine by default
    set_in_admin(admin_client, **{"posting.answer_min": 40})
    refused = client.post(f"/questions/{q.pk}/answers/", {"body": short})
    assert refused.status_code == 400
    assert "Please write at least 40 characters." in refused.content.decode()
    assert not Answer.objects.exists()
    set_in_admin(admin_client, **{"posting.title_max": 30})
    asked = client.post(
        "/ask/",
        {
            "title": "How do I keep calm when my partner is late again?",
            "body": "It happens every week and I spiral before they even arrive home.",
            "category": category.pk,
        },
    )
    assert "The title can have at most 30 characters." in asked.content.decode()
    set_in_admin(admin_client, **{"posting.comment_max": 40})
    commented = client.post(f"/questions/{q.pk}/comments/", {"body": "This is a long comment " * 3})
    assert "the limit is 40." in commented.content.decode()


def test_the_tag_limit_follows_the_admin(admin_client, client_for, category):
    client = client_for(UserFactory())
    set_in_admin(admin_client, **{"posting.max_tags": 2})
    assert "Up to 2 tags" in client.get("/ask/").content.decode()
    response = client.post(
        "/ask/",
        {
            "title": "Sleep and worry after a breakup",
            "body": "Since we split up I wake at 4 every morning with my heart racing.",
            "category": category.pk,
            "tags": "sleep anxiety breakup",
        },
    )
    assert "Use at most 2 tags." in response.content.decode()
    assert not Question.objects.exists()


def test_hourly_limits_follow_the_admin(admin_client, client_for, asker, category):
    q = ask(asker, category=category)
    client = client_for(UserFactory())
    set_in_admin(admin_client, **{"spam.answer_per_member": 1})
    assert client.post(f"/questions/{q.pk}/answers/", {"body": ANSWER}).status_code == 302
    refused = client.post(f"/questions/{q.pk}/answers/", {"body": ANSWER + " Again."})
    assert refused.status_code == 429
    assert "reached the limit of 1 answer an hour." in refused.content.decode()
    set_in_admin(admin_client, **{"spam.answer_per_member": None})  # empty: no limit
    assert (
        client.post(f"/questions/{q.pk}/answers/", {"body": ANSWER + " Third."}).status_code == 302
    )


def test_voting_switches_follow_the_admin(admin_client, client_for, asker, category):
    q = ask(asker, category=category)
    a = answer(q, UserFactory(), body=ANSWER)
    voter = client_for(UserFactory(points=5000))
    set_in_admin(
        admin_client, **{"permissions.vote_questions": False, "permissions.vote_down": False}
    )
    page = voter.get(q.get_absolute_url()).content.decode()
    assert "Voting on questions is turned off on this site." in page
    refused = voter.post(f"/vote/question/{q.pk}/", {"value": "up"})
    assert refused.status_code == 403
    assert "Voting on questions is turned off on this site." in refused.content.decode()
    down = voter.post(f"/vote/answer/{a.pk}/", {"value": "down"})
    assert down.status_code == 403
    assert "Voting down is turned off on this site." in down.content.decode()
    assert voter.post(f"/vote/answer/{a.pk}/", {"value": "up"}).status_code == 302
    assert list(Vote.objects.values_list("value", flat=True)) == [1]
