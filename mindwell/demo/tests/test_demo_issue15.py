"""What the demo shows a new site owner (issue 15): verified professionals, a post held in
the moderation queue, an answer that an editor can turn into a comment, and not a single
email sent while loading, even with a real mail server listening."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from mindwell.accounts.models import User
from mindwell.professionals.models import ProfessionalProfile
from mindwell.qa.models import Answer, Comment, Status
from mindwell.reputation.services import recount_points

SAVING = "Saving this thread. We start eight months apart"


def _load(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", "--if-empty", "--password", "demo-pass-4471", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_loading_the_demo_mails_nobody(settings, tmp_path, smtp_server, run_worker):
    _load(settings, tmp_path)
    run_worker()
    assert smtp_server.messages == []
    assert not list(tmp_path.glob("mail/*"))


def test_the_demo_moderator_finds_the_held_post_in_the_queue(db, settings, tmp_path):
    _load(settings, tmp_path)
    verified = ProfessionalProfile.objects.filter(status="verified")
    assert verified.count() >= 2 and all(p.is_current for p in verified)
    held = Answer.objects.get(status=Status.QUEUED)
    moderator = Client()
    moderator.force_login(User.objects.get(username="nadia_mod"))
    page = moderator.get("/moderation/queue/held/").content.decode()
    assert held.body[:40] in page


def test_the_demo_has_an_answer_to_turn_into_a_comment(db, settings, tmp_path):
    _load(settings, tmp_path)
    answer = Answer.objects.get(body__startswith=SAVING)
    moderator = Client()
    moderator.force_login(User.objects.get(username="nadia_mod"))
    response = moderator.post(f"/answers/{answer.pk}/convert/", {"parent": "question"})
    assert response.status_code == 302
    assert Comment.objects.get(body__startswith=SAVING).question_id == answer.question_id
    assert recount_points() == 0
