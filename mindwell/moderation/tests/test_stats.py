"""Admins see the site's activity per day, week and month and the worker's backlog;
moderators and members are refused."""

from datetime import timedelta

from django.utils import timezone

from mindwell.qa.models import Question
from mindwell.qa.tests.factories import UserFactory, ask


def test_admins_see_counts_per_window_and_others_are_refused(client_for, moderator, category):
    asker = UserFactory()
    ask(asker, category=category, title="A question from today")
    old = ask(asker, category=category, title="A question from three weeks ago")
    Question.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=21))
    page = client_for(UserFactory(level="admin")).get("/moderation/stats/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<tr><th scope="row">Questions</th><td>1</td><td>1</td><td>2</td></tr>' in html
    assert "Tasks waiting:" in html
    assert client_for(moderator).get("/moderation/stats/").status_code == 403
    assert client_for(UserFactory()).get("/moderation/stats/").status_code == 403
