import io

from django.core.management import call_command

from mindwell.accounts.models import User
from mindwell.qa.models import Answer, Question
from mindwell.reputation.services import recount_points


def test_load_demo_builds_a_believable_community(db, client, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "Loaded the demo community" in out.getvalue()
    assert Question.objects.count() >= 30
    assert Answer.objects.count() >= 60
    coffee = Question.objects.get(title__icontains="coffee")
    assert "counselor" in coffee.title.lower() and "client" in coffee.title.lower()
    assert coffee.accepted_answer is not None
    bodies = " ".join(coffee.answers.values_list("body", flat=True)).lower()
    for idea in ("dual", "confidential", "power", "nbcc", "aca"):
        assert idea in bodies, idea
    named_anonymous = Answer.objects.filter(is_anonymous=True).exclude(author_name="")
    assert named_anonymous.exists()
    page = client.get(coffee.get_absolute_url()).content.decode()
    assert "Best answer" in page
    # Points built through the services agree with the ledger.
    assert recount_points() == 0
    assert User.objects.filter(username="admin", is_superuser=True).exists()
    # A second run leaves the community alone.
    out = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "already has questions" in out.getvalue()
    assert (tmp_path / "demo-password.txt").exists()


def test_the_demo_sends_no_email_but_its_members_get_their_notifications(
    transactional_db, tmp_path, settings, run_worker
):
    from mindwell.notifications.models import Notification, OutboundEmail

    settings.VAR_DIR = tmp_path
    call_command("load_demo", "--if-empty", stdout=io.StringIO())
    run_worker()  # what `make run` starts: every queued notification is delivered
    assert Notification.objects.exists()  # the inboxes are filled...
    assert not OutboundEmail.objects.exists()  # ...and nothing is mailed (nor in var/mail/)
    assert not list(tmp_path.glob("mail/*"))


def test_the_demo_has_an_edited_answer_a_closed_question_and_a_warned_one(db, tmp_path, settings):
    from mindwell.qa.models import Answer, Revision

    settings.VAR_DIR = tmp_path
    call_command("load_demo", "--if-empty", stdout=io.StringIO())
    edited = Answer.objects.get(body__contains="the notebook still works")
    assert edited.edited_at is not None
    assert Revision.objects.filter(answer=edited).count() == 2  # the history shows both
    closed = Question.objects.get(title__startswith="Does anyone have journaling prompts")
    assert closed.closed_at is not None and closed.close_reason == "other"
    warned = Question.objects.get(title__startswith="How do we grieve a miscarriage")
    assert warned.content_warning == "grief"
