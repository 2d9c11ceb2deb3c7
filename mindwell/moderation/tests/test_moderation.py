import pytest

from mindwell.accounts.models import User
from mindwell.audit.models import AuditEntry
from mindwell.core.models import SiteConfiguration
from mindwell.moderation import services
from mindwell.moderation.models import (
    Flag,
    ModerationSettings,
    ReviewItem,
    WatchedWord,
)
from mindwell.qa.models import Answer, Question, Status
from mindwell.qa.tests.factories import UserFactory, answer, ask, comment
from mindwell.search import selectors as search
from mindwell.taxonomy.models import Tag


@pytest.fixture
def veterans(db):
    """Members with enough points to flag, vote down and vote to close."""
    return [UserFactory(username=f"veteran{i}", points=1000) for i in range(4)]


def test_a_brand_new_account_posting_five_links_is_held(client_for, category):
    newcomer = UserFactory(username="newcomer")
    links = " ".join(f"https://example{i}.test/offer" for i in range(5))
    response = client_for(newcomer).post(
        "/ask/",
        {
            "title": "Great resources for everyone here",
            "category": category.pk,
            "body": f"Look at these sites: {links}",
            "tags": "resources",
        },
    )
    q = Question.objects.get()
    assert q.status == Status.QUEUED
    assert response.status_code == 302
    page = client_for(newcomer).get(q.get_absolute_url()).content.decode()
    assert "Waiting for a moderator" in page
    assert client_for(None).get(q.get_absolute_url()).status_code == 404
    assert "Great resources" not in client_for(None).get("/").content.decode()
    assert search.search("resources").total == 0
    item = ReviewItem.objects.get(queue="held", question=q)
    assert "5 links" in item.reason
    assert Tag.objects.get(name="resources").question_count == 0


def test_approving_a_held_post_publishes_it_with_all_its_effects(moderator, category):
    config = ModerationSettings.load()
    config.hold_anonymous_posts = True
    config.save()
    q = ask(None, category=category, title="A visitor's question to approve")
    assert q.status == Status.QUEUED
    item = ReviewItem.objects.get(question=q, queue=ReviewItem.Queue.HELD)
    services.resolve_review(moderator=moderator, item=item, action="approve")
    q.refresh_from_db()
    assert q.status == Status.PUBLISHED
    assert search.search("visitor's approve").total == 1
    assert Tag.objects.get(name="sleep").question_count == 1
    assert AuditEntry.objects.filter(action="review_approve").exists()


def test_three_flags_hide_a_rude_answer_until_a_moderator_decides(
    client_for, asker, stranger, moderator, veterans, category
):
    q = ask(asker, category=category)
    rude = answer(q, stranger, body="What a stupid question, figure it out yourself.")
    for flagger in veterans[:3]:
        response = client_for(flagger).post(f"/flag/answer/{rude.pk}/", {"reason": "rude"})
        assert response.status_code == 302
    rude.refresh_from_db()
    assert rude.status == Status.HIDDEN
    assert "stupid question" not in client_for(None).get(q.get_absolute_url()).content.decode()
    author_view = client_for(stranger).get(q.get_absolute_url()).content.decode()
    assert "Hidden while a moderator reviews it" in author_view
    q.refresh_from_db()
    assert q.answer_count == 0
    from django_tasks_db.models import DBTaskResult

    queued = [r.args_kwargs["args"] for r in DBTaskResult.objects.all()]
    assert ["mod_answer:hid while it is reviewed", rude.pk] in queued  # the author is told
    mod = client_for(moderator)
    queue = mod.get("/moderation/queue/flagged/").content.decode()
    assert "stupid question" in queue and "Rude or abusive" in queue
    item = ReviewItem.objects.get(answer=rude, queue="flagged")
    mod.post(
        f"/moderation/items/{item.pk}/",
        {
            "action": "hide",
            "message": "Please be kind: everyone here is finding their way.",
        },
    )
    rude.refresh_from_db()
    assert rude.status == Status.HIDDEN
    assert Flag.objects.filter(outcome="upheld").count() == 3
    log = mod.get("/moderation/audit/").content.decode()
    assert "review_hide" in log and "Please be kind" in log


def test_dismissed_flags_lower_the_flaggers_weight(asker, stranger, moderator, veterans, category):
    q = ask(asker, category=category)
    fine = answer(q, stranger, body="A perfectly kind and useful answer.")
    services.flag_post(flagger=veterans[0], post=fine, reason="spam")
    item = ReviewItem.objects.get(answer=fine, queue="flagged")
    services.resolve_review(moderator=moderator, item=item, action="dismiss")
    veterans[0].refresh_from_db()
    assert veterans[0].flag_weight == pytest.approx(0.75)
    fine.refresh_from_db()
    assert fine.status == Status.PUBLISHED


def test_flags_need_the_privilege_and_a_reason(client_for, asker, stranger, veterans, category):
    q = ask(asker, category=category)
    a = answer(q, stranger)
    newcomer = UserFactory(points=100)
    from mindwell.reputation.models import PrivilegeTable

    table, _ = PrivilegeTable.objects.get_or_create(pk=1)
    table.preset = "medium"
    table.save()
    response = client_for(newcomer).post(f"/flag/answer/{a.pk}/", {"reason": "spam"})
    assert response.status_code == 403
    assert "points to flag posts" in response.content.decode()
    response = client_for(veterans[0]).post(f"/flag/answer/{a.pk}/", {"reason": "other"})
    assert response.status_code == 400
    assert "Please say what is wrong" in response.content.decode()
    assert client_for(stranger).get(f"/flag/answer/{a.pk}/").status_code == 403  # own post
    assert not Flag.objects.exists()


def test_close_as_duplicate_links_to_the_original_and_blocks_answers(
    client_for, asker, stranger, moderator, category
):
    original = ask(asker, category=category, title="How do I sleep when anxious?")
    dup = ask(stranger, category=category, title="Cannot sleep because of anxiety")
    client_for(moderator).post(
        f"/moderation/questions/{dup.pk}/close/",
        {
            "reason": "duplicate",
            "duplicate_of": original.pk,
        },
    )
    dup.refresh_from_db()
    assert dup.duplicate_of == original
    page = client_for(asker).get(dup.get_absolute_url()).content.decode()
    assert "This question is closed" in page and original.title in page
    response = client_for(asker).post(f"/questions/{dup.pk}/answers/", {"body": "Late answer."})
    assert response.status_code == 403
    assert not Answer.objects.exists()
    client_for(moderator).post(f"/moderation/questions/{dup.pk}/state/", {"action": "reopen"})
    dup.refresh_from_db()
    assert dup.closed_at is None


def test_close_votes_from_privileged_members_close_the_question(veterans, asker, category):
    q = ask(asker, category=category)
    for voter in veterans[:3]:
        services.cast_close_vote(voter=voter, question=q, reason="off_topic")
    q.refresh_from_db()
    assert q.closed_at is not None and q.close_reason == "off_topic"


def test_a_locked_thread_takes_no_answers_comments_or_votes(
    client_for, asker, stranger, moderator, category
):
    q = ask(asker, category=category)
    services.set_locked(moderator=moderator, question=q, locked=True)
    client = client_for(stranger)
    assert client.post(f"/questions/{q.pk}/answers/", {"body": "Too late now."}).status_code == 403
    assert client.post(f"/questions/{q.pk}/comments/", {"body": "Hm."}).status_code == 403
    assert client.post(f"/vote/question/{q.pk}/", {"value": "up"}).status_code == 403
    assert "This thread is locked" in client.get(q.get_absolute_url()).content.decode()


def test_pinned_questions_come_first_on_the_home_page(client, asker, moderator, category):
    old = ask(asker, category=category, title="An older question to pin")
    ask(asker, category=category, title="A newer question below it")
    services.set_pinned(moderator=moderator, question=old, pinned=True)
    page = client.get("/").content.decode()
    assert page.index("An older question to pin") < page.index("A newer question below it")


def test_suspended_members_are_logged_out_and_told_why(client_for, moderator, stranger):
    services.restrict_member(
        moderator=moderator,
        member=stranger,
        kind="suspend",
        reason="Repeated personal attacks.",
        days=7,
    )
    response = client_for(stranger).get("/")
    assert response.status_code == 403
    assert "Repeated personal attacks." in response.content.decode()
    assert "suspended until" in response.content.decode()


def test_silenced_members_can_read_but_not_post(client_for, moderator, stranger, asker, category):
    q = ask(asker, category=category)
    services.restrict_member(
        moderator=moderator, member=stranger, kind="silence", reason="Cooling off."
    )
    client = client_for(stranger)
    assert client.get(q.get_absolute_url()).status_code == 200
    response = client.post(f"/questions/{q.pk}/answers/", {"body": "Trying to answer anyway."})
    assert response.status_code == 403
    assert "read-only" in response.content.decode()
    services.lift_restriction(moderator=moderator, member=User.objects.get(pk=stranger.pk))
    response = client.post(f"/questions/{q.pk}/answers/", {"body": "Now I can answer again."})
    assert response.status_code == 302


def test_blocking_a_network_refuses_new_posts_from_it(client, moderator, category):
    client.post(
        "/ask/",
        {
            "title": "A question from a visitor",
            "category": category.pk,
            "body": "Spam spam spam from a visitor network.",
        },
    )
    q = Question.objects.get()
    assert q.ip_digest and "127.0.0.1" not in q.ip_digest
    services.block_ip_of_post(moderator=moderator, post=q, reason="spam")
    response = client.post(
        "/ask/",
        {
            "title": "Another question again",
            "category": category.pk,
            "body": "More spam from the same network today.",
        },
    )
    assert response.status_code == 403
    assert "blocked" in response.content.decode()
    assert Question.objects.count() == 1


@pytest.mark.parametrize(
    ("action", "expect"),
    [
        ("block", "isn't allowed here"),
        ("hold", "queued"),
        ("flag", "flagged"),
        ("replace", "■■■"),
    ],
)
def test_watched_words(action, expect, asker, category):
    WatchedWord.objects.create(word="scam*", action=action)
    from django.core.cache import cache

    cache.clear()
    body = "This is not a scammer, honestly, read the whole thing through."
    if action == "block":
        from mindwell.core.errors import DomainError

        with pytest.raises(DomainError, match=expect):
            ask(asker, category=category, body=body)
        return
    q = ask(asker, category=category, body=body)
    if action == "hold":
        assert q.status == expect
    elif action == "flag":
        assert q.status == Status.PUBLISHED
        assert ReviewItem.objects.filter(question=q, queue=expect).exists()
    else:
        assert expect in q.body and "scammer" not in q.body


def test_moderators_can_test_a_text_against_the_watched_words(client_for, moderator, stranger):
    WatchedWord.objects.create(word="dm me", action="hold")
    response = client_for(moderator).post("/moderation/watched-words/", {"text": "Just DM me!"})
    assert "matches" in response.content.decode() and "DM me" in response.content.decode()
    assert client_for(stranger).get("/moderation/watched-words/").status_code == 403


def test_audit_entries_are_append_only(moderator, asker, category):
    q = ask(asker, category=category)
    services.hide_post(moderator=moderator, post=q, reason="test")
    entry = AuditEntry.objects.get()
    entry.reason = "rewritten"
    from mindwell.core.errors import Conflict

    with pytest.raises(Conflict):
        entry.save()
    with pytest.raises(Conflict):
        entry.delete()


def test_hide_restore_delete_undelete_keep_counts_right(moderator, asker, stranger, category):
    q = ask(asker, category=category)
    a = answer(q, stranger)
    comment(q, stranger, answer=a)
    services.hide_post(moderator=moderator, post=a)
    q.refresh_from_db()
    assert q.answer_count == 0
    services.restore_post(moderator=moderator, post=a)
    services.delete_post(moderator=moderator, post=q)
    assert Tag.objects.get(name="sleep").question_count == 0
    assert search.search("worrying").total == 0
    services.undelete_post(moderator=moderator, post=q)
    q.refresh_from_db()
    assert (q.status, q.answer_count) == (Status.PUBLISHED, 1)
    assert Tag.objects.get(name="sleep").question_count == 1
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("id")) == [
        "hide",
        "restore",
        "delete",
        "undelete",
    ]


def test_vote_down_button_is_disabled_with_the_reason(client_for, asker, stranger, category):
    q = ask(asker, category=category)
    page = client_for(stranger).get(q.get_absolute_url()).content.decode()
    assert 'title="You need 120 points to vote down.' in page


def test_pre_moderation_of_links_and_low_points(asker, category):
    config = ModerationSettings.load()
    config.hold_posts_with_links = True
    config.save()
    q = ask(asker, category=category, body="Read https://example.org about sleeping better.")
    assert q.status == Status.QUEUED
    config.hold_posts_with_links = False
    config.hold_below_points = 500
    config.save()
    assert ask(asker, category=category, title="Second question about sleep").status == "queued"
    SiteConfiguration.load()


def test_members_with_the_retag_privilege_can_retag_others_questions(client_for, asker, category):
    q = ask(asker, category=category, tags=["sleep"])
    tagger = UserFactory(username="tagger", points=300)
    page = client_for(tagger).get(q.get_absolute_url()).content.decode()
    assert "Retag" in page
    response = client_for(tagger).post(f"/questions/{q.pk}/retag/", {"tags": "Insomnia, sleep"})
    assert response.status_code == 302
    assert sorted(t.name for t in q.tags.all()) == ["insomnia", "sleep"]
    assert q.revisions.count() == 2
    low = UserFactory(points=120)
    assert client_for(low).post(f"/questions/{q.pk}/retag/", {"tags": "x"}).status_code == 403
