import pytest
from django.core import signing

from mindwell.notifications import services
from mindwell.notifications.models import Follow, Notification
from mindwell.posting import services as qa_services
from mindwell.qa.models import Question
from mindwell.qa.tests.factories import CategoryFactory, UserFactory, answer, ask, comment
from mindwell.taxonomy.models import Tag


@pytest.fixture
def deliver():
    """Run the queued deliveries inline (the worker is exercised in test_email_delivery)."""
    from django_tasks_db.models import DBTaskResult

    def run():
        for row in DBTaskResult.objects.filter(status="READY").order_by("enqueued_at"):
            task_result = row.task_result
            if task_result.task.name == "deliver_event":
                services.deliver(kind=task_result.args[0], object_id=task_result.args[1])
            row.delete()

    return run


def test_unread_count_rises_and_falls(client_for, asker, stranger, category, deliver):
    q = ask(asker, category=category)
    answer(q, stranger)
    deliver()
    client = client_for(asker)
    page = client.get("/").content.decode()
    assert 'aria-label="1 unread"' in page
    inbox = client.get("/notifications/").content.decode()
    assert "Charlie answered" in inbox
    note = Notification.objects.get()
    response = client.get(f"/notifications/{note.pk}/")
    assert response["Location"] == f"{q.get_absolute_url()}#a{note.answer_id}"
    assert 'aria-label="1 unread"' not in client.get("/").content.decode()
    answer(q, UserFactory(), body="A second answer to count.")
    deliver()
    badge = client.get("/notifications/unread/", HTTP_HX_REQUEST="true").content.decode()
    assert 'aria-label="1 unread"' in badge
    client.post("/notifications/read-all/")
    assert services.unread_count(asker) == 0


def test_someone_elses_notification_is_a_404(client_for, asker, stranger, category, deliver):
    q = ask(asker, category=category)
    answer(q, stranger)
    deliver()
    note = Notification.objects.get()
    assert client_for(stranger).get(f"/notifications/{note.pk}/").status_code == 404


def test_comments_notify_the_post_author_and_earlier_commenters(asker, stranger, category, deliver):
    q = ask(asker, category=category)
    a = answer(q, stranger)
    first = UserFactory()
    comment(q, first, answer=a, body="I had the same thing.")
    comment(q, UserFactory(), answer=a, body="Me as well, thank you.")
    deliver()
    assert Notification.objects.filter(recipient=stranger, kind="new_comment").count() == 2
    assert Notification.objects.filter(recipient=first, kind="new_comment").count() == 1
    assert not Notification.objects.filter(recipient=asker, kind="new_comment").exists()


def test_best_answer_and_mentions_notify(asker, stranger, category, deliver):
    q = ask(asker, category=category)
    a = answer(q, stranger, body="Ask @mona too, she knows this topic well.")
    mona = UserFactory(username="mona")
    deliver()
    assert Notification.objects.filter(recipient=mona, kind="mention").count() == 1
    qa_services.select_best_answer(actor=asker, question=q, answer=a)
    deliver()
    assert Notification.objects.filter(recipient=stranger, kind="answer_selected").count() == 1


def test_tag_category_and_member_followers_hear_of_new_questions(asker, stranger, deliver):
    parent = CategoryFactory(name="Family", slug="family")
    child = CategoryFactory(name="Parenting", slug="parenting", parent=parent)
    tag_fan, category_fan, member_fan = UserFactory(), UserFactory(), UserFactory()
    ask(asker, category=child, tags=["teens"], title="First question to create the tag")
    deliver()
    services.follow(user=tag_fan, target=Tag.objects.get(name="teens"))
    services.follow(user=category_fan, target=parent)
    services.follow(user=member_fan, target=asker)
    ask(asker, category=child, tags=["teens"], title="My teen will not talk to me")
    ask(asker, category=child, tags=["teens"], title="Posted anonymously this time", anonymous=True)
    deliver()
    for fan in (tag_fan, category_fan):
        assert Notification.objects.filter(recipient=fan, kind="followed").count() == 2
    # The anonymous question must not reach the member's followers: that would unmask it.
    assert Notification.objects.filter(recipient=member_fan).count() == 1


def test_hidden_posts_notify_no_one(asker, stranger, category, deliver):
    q = ask(asker, category=category)
    a = answer(q, stranger)
    type(a).objects.filter(pk=a.pk).update(status="hidden")
    deliver()
    assert not Notification.objects.exists()


def test_asking_follows_your_question_and_follow_buttons_toggle(
    client_for, asker, stranger, category
):
    q = ask(asker, category=category)
    assert Follow.objects.filter(user=asker, question=q).exists()
    client = client_for(stranger)
    response = client.post(f"/follow/question/{q.pk}/", {"follow": "on"}, HTTP_HX_REQUEST="true")
    assert "Following" in response.content.decode()
    client.post(f"/follow/question/{q.pk}/", {"follow": "off"})
    assert not Follow.objects.filter(user=stranger).exists()
    assert client.post("/follow/member/charlie/", {"follow": "on"}).status_code == 400
    assert client.post("/follow/planet/earth/", {"follow": "on"}).status_code == 404
    assert client_for(None).post(f"/follow/question/{q.pk}/", {"follow": "on"}).status_code == 302


def test_email_preferences_page_saves_choices(client_for, asker):
    client = client_for(asker)
    page = client.get("/account/notifications/").content.decode()
    assert "Daily digest" in page
    client.post("/account/notifications/", {"mode_new_answer": "digest", "mode_mention": "off"})
    assert services.email_mode(asker, "new_answer") == "digest"
    assert services.email_mode(asker, "mention") == "off"
    assert services.email_mode(asker, "new_comment") == "each"


def test_a_tampered_unsubscribe_link_is_refused(client, db):
    token = signing.dumps({"u": 1, "k": "new_answer"}, salt="other")
    assert client.get(f"/unsubscribe/{token}/").status_code == 400
    assert client.post("/unsubscribe/garbage/").status_code == 400


def test_question_deleted_question_is_gone_from_inbox_queries(asker, stranger, category, deliver):
    q = ask(asker, category=category)
    answer(q, stranger)
    deliver()
    Question.objects.filter(pk=q.pk).delete()
    assert not Notification.objects.exists()


@pytest.mark.parametrize("member_wrote_it", [True, False])
def test_comment_notices_say_your_only_to_the_author_of_the_anonymous_answer(
    asker, stranger, category, deliver, member_wrote_it
):
    q = ask(asker, category=category)
    if member_wrote_it:
        a = answer(q, stranger, anonymous=True, body="An answer I would rather not sign.")
    else:
        a = answer(q, None, anon_name="A visitor", body="An answer from a visitor here.")
    earlier = UserFactory()
    comment(q, earlier, answer=a, body="I had the same thing.")
    comment(q, UserFactory(), answer=a, body="Me as well, thank you.")
    deliver()
    seen_by_others = Notification.objects.get(recipient=earlier, kind="new_comment").text
    assert "your" not in seen_by_others and "commented on an answer on" in seen_by_others
    if member_wrote_it:
        own = Notification.objects.filter(recipient=stranger, kind="new_comment").first()
        assert own is not None and "your answer" in own.text
