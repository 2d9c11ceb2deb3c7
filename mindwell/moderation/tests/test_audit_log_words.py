"""The audit log says what happened in words and names the question a post belongs to,
with a link (it showed `review_hide` and "answer 94 Answer 94 to 32")."""

from mindwell.moderation import review, services
from mindwell.qa.tests.factories import UserFactory, answer, ask


def test_the_log_shows_labels_and_the_question_title_with_a_link(client_for, moderator, category):
    q = ask(UserFactory(), category=category, title="How do I apologise after a fight?")
    a = answer(q, UserFactory(), body="Start with what you did, not with what they did.")
    item = review.open_review(a, queue="flagged", reason="Flagged.")
    services.resolve_review(moderator=moderator, item=item, action="hide", message="Rude.")
    page = client_for(moderator).get("/moderation/audit/").content.decode()
    assert "Review queue: hide" in page
    assert (
        f'Answer on <a href="{a.get_absolute_url()}">How do I apologise after a fight?</a>' in page
    )
    assert "Answer 1 to 1" not in page
