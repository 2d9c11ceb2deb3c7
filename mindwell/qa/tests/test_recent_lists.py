"""Question2Answer's recent answers and recent comments lists, with their feeds: newest
first, the question each belongs to, anonymity kept, nothing unpublished, and the feeds
keep anonymous threads out as the other feeds do."""

from mindwell.qa.models import Status
from mindwell.qa.tests.factories import UserFactory, answer, ask, comment


def test_recent_answers_and_comments_with_their_feeds(client, asker, category):
    q = ask(asker, category=category, title="How do I set a boundary with my mother?")
    older = answer(q, UserFactory(display_name="Sam"), body="Say it once, kindly and clearly.")
    newer = answer(q, UserFactory(), body="Write it down first so you stay calm.", anonymous=True)
    held = answer(q, UserFactory(), body="This answer is waiting for a moderator.")
    type(held).objects.filter(pk=held.pk).update(status=Status.QUEUED)
    comment(q, UserFactory(display_name="Kit"), answer=older, body="This worked for me too.")
    secret = ask(asker, category=category, title="An anonymous thread", anonymous=True)
    answer(secret, UserFactory(display_name="Lee"), body="An answer in an anonymous thread.")

    page = client.get("/answers/").content.decode()
    assert page.index("An anonymous thread") < page.index(newer.get_absolute_url())
    assert page.index(newer.get_absolute_url()) < page.index(older.get_absolute_url())
    assert "Sam" in page and held.get_absolute_url() not in page
    assert newer.author.public_name not in page  # the anonymous answer names no one
    comments = client.get("/comments/").content.decode()
    assert "This worked for me too." in comments and "Kit" in comments

    feed = client.get("/feeds/answers/").content.decode()
    assert "Sam" in feed and "Lee" not in feed  # an anonymous thread is in no feed
    assert "This worked for me too." in client.get("/feeds/comments/").content.decode()
