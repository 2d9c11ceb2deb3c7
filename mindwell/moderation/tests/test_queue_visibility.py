"""Who may open which review queue, and what a member reviewer sees there."""

import pytest

from mindwell.accounts.models import User
from mindwell.moderation.models import ReviewItem
from mindwell.moderation.review import open_review
from mindwell.qa.models import Status
from mindwell.qa.tests.factories import UserFactory, ask

QUEUES = [q.value for q in ReviewItem.Queue]
REVIEWER_POINTS = 100_000


def _actor(kind: str):
    if kind == "visitor":
        return None
    if kind == "member":
        return UserFactory(username="plainmember")
    if kind == "reviewer":
        return UserFactory(username="reviewer", points=REVIEWER_POINTS)
    return UserFactory(
        username=kind, level=User.Level.MODERATOR if kind == "moderator" else User.Level.ADMIN
    )


EXPECTED = {
    "visitor": dict.fromkeys(QUEUES, 302),  # to the sign-in page
    "member": dict.fromkeys(QUEUES, 403),
    "reviewer": {q: 200 if q == "flagged" else 403 for q in QUEUES},
    "moderator": dict.fromkeys(QUEUES, 200),
    "admin": dict.fromkeys(QUEUES, 200),
}


@pytest.mark.parametrize("queue", QUEUES)
@pytest.mark.parametrize("actor", sorted(EXPECTED))
def test_each_queue_for_each_actor(actor, queue, client_for, db):
    response = client_for(_actor(actor)).get(f"/moderation/queue/{queue}/")
    assert response.status_code == EXPECTED[actor][queue]


def test_a_member_reviewer_sees_community_flags_on_published_posts_only(
    client_for, category, asker
):
    flagged = ask(asker, category=category, title="A published question someone flagged")
    open_review(flagged, queue=ReviewItem.Queue.FLAGGED, reason="Flagged by the community")
    held = ask(UserFactory(), category=category, title="An unpublished question on hold")
    held.status = Status.QUEUED
    held.save(update_fields=["status"])
    reason = "Held: the author is a verified professional; contains the watched word “x”"
    open_review(held, queue=ReviewItem.Queue.FLAGGED, reason=reason)
    crisis = ask(asker, category=category, title="A question the screen sent to the crisis queue")
    open_review(crisis, queue=ReviewItem.Queue.CRISIS, reason="Crisis screening: review (en.x)")

    reviewer = client_for(UserFactory(username="reviewer", points=REVIEWER_POINTS))
    page = reviewer.get("/moderation/queue/flagged/").content.decode()
    assert flagged.title in page
    assert held.title not in page and "verified professional" not in page
    assert "Flagged by the community" not in page  # item reasons are for moderators
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert crisis.title not in main and "/moderation/queue/crisis/" not in main
    assert "en.x" not in main
    assert reviewer.get("/moderation/queue/crisis/").status_code == 403

    moderator = client_for(UserFactory(username="mod", level=User.Level.MODERATOR))
    page = moderator.get("/moderation/queue/flagged/").content.decode()
    assert held.title in page and "verified professional" in page
    assert crisis.title in moderator.get("/moderation/queue/crisis/").content.decode()
