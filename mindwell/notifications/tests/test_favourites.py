"""A member's favourites page lists what they follow (questions, tags, categories,
members), each with an unfollow button that works; nobody else's follows show."""

from mindwell.notifications.follows import follow
from mindwell.notifications.models import Follow
from mindwell.qa.tests.factories import UserFactory, ask
from mindwell.taxonomy.models import Tag


def test_the_favourites_page_lists_follows_and_unfollows(client_for, asker, category):
    member = UserFactory()
    q = ask(asker, category=category, title="How do I support a grieving friend?", tags=["grief"])
    follow(user=member, target=q)
    follow(user=member, target=Tag.objects.get(name="grief"))
    follow(user=member, target=category)
    follow(user=member, target=asker)
    other = ask(asker, category=category, title="Someone else's favourite question")
    follow(user=UserFactory(), target=other)
    client = client_for(member)
    page = client.get("/favourites/").content.decode()
    for text in ("How do I support a grieving friend?", ">grief<", "Anxiety &amp; stress", "Alice"):
        assert text in page
    assert "Someone else's favourite question" not in page
    assert page.count("Following ✓") == 4
    client.post(f"/follow/question/{q.pk}/", {"follow": "off", "next": "/favourites/"})
    assert not Follow.objects.filter(user=member, question=q).exists()
    assert "How do I support a grieving friend?" not in client.get("/favourites/").content.decode()


def test_visitors_are_sent_to_log_in(client, db):
    response = client.get("/favourites/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
