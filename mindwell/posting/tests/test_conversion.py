"""Turning an answer into a comment and back (editors and moderators): one post moves,
keeping its author, anonymity and history; counters, points, search, notifications and the
visitors' cached page follow; everyone else is refused and nothing changes."""

import pytest
from django.test import Client

from mindwell.accounts.models import User
from mindwell.audit.models import AuditEntry
from mindwell.core.errors import Conflict, DomainError, NotAllowed, NotFound
from mindwell.moderation import services as moderation
from mindwell.moderation.models import Flag
from mindwell.notifications.models import Notification
from mindwell.posting import conversion, services
from mindwell.qa.models import Answer, Comment, Question, Revision, Vote
from mindwell.qa.tests.factories import UserFactory, answer, ask, comment
from mindwell.reputation.services import recount_points
from mindwell.search import selectors as search

ANSWER_TEXT = "Short walks after dinner calmed my evenings a great deal."


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", level=User.Level.EDITOR)


@pytest.fixture
def thread(asker, category):
    """A question with two answers; the first got two up-votes and a comment."""
    q = ask(asker, category=category, title="How do I wind down after a long day?")
    writer = UserFactory(username="writer")
    first = answer(q, writer, body=ANSWER_TEXT)
    second = answer(q, UserFactory(username="second"), body="A warm shower helps me switch off.")
    voters = [UserFactory(username=f"voter{i}") for i in range(2)]
    for voter in voters:
        services.cast_vote(voter=voter, post=first, value=1)
    under = comment(q, UserFactory(username="commenter"), answer=first, body="Me too!")
    return {"q": q, "first": first, "second": second, "writer": writer, "voters": voters,
            "under": under}  # fmt: skip


def _points(*users):
    return [User.objects.get(pk=u.pk).points for u in users]


def test_an_answer_becomes_a_comment_on_the_question(thread, editor):
    q, first, writer = thread["q"], thread["first"], thread["writer"]
    created = first.created_at
    made = conversion.convert_answer_to_comment(editor=editor, answer=first, parent=None)
    assert not Answer.objects.filter(pk=first.pk).exists()
    made.refresh_from_db()
    assert (made.question_id, made.answer_id, made.author_id) == (q.pk, None, writer.pk)
    assert made.body == ANSWER_TEXT and made.created_at == created
    q.refresh_from_db()
    assert (q.answer_count, q.comment_count) == (1, 2)
    # The comment that was under the answer is now on the question too.
    assert Comment.objects.get(pk=thread["under"].pk).answer_id is None


def test_an_answer_becomes_a_comment_on_another_answer(thread, editor):
    first, second = thread["first"], thread["second"]
    made = conversion.convert_answer_to_comment(editor=editor, answer=first, parent=second)
    assert made.answer_id == second.pk
    second.refresh_from_db()
    assert second.comment_count == 2  # the converted answer and the comment under it
    assert Comment.objects.get(pk=thread["under"].pk).answer_id == second.pk


def test_votes_and_their_points_go_with_the_answer(thread, editor):
    writer, voters = thread["writer"], thread["voters"]
    assert _points(writer, *voters) == [100 + 10 * (4 + 4), 110, 110]
    conversion.convert_answer_to_comment(editor=editor, answer=thread["first"], parent=None)
    assert _points(writer, *voters) == [100, 100, 100]
    assert not Vote.objects.filter(voter__in=voters).exists()
    assert recount_points() == 0  # the totals agree with the ledger


def test_history_and_flags_follow_the_post_and_the_conversion_is_recorded(thread, editor):
    first = thread["first"]
    services.edit_answer(editor=thread["writer"], answer=first, body=ANSWER_TEXT + " Truly.")
    moderation.flag_post(flagger=UserFactory(), post=first, reason="spam")
    made = conversion.convert_answer_to_comment(
        editor=editor, answer=first, parent=None, reason="Not an answer."
    )
    revisions = list(Revision.objects.filter(comment=made).order_by("number"))
    assert [r.number for r in revisions] == [1, 2, 3]
    assert revisions[-1].summary == "Converted from an answer to a comment"
    assert revisions[-1].editor == editor
    assert Flag.objects.filter(comment=made).count() == 1
    entry = AuditEntry.objects.get(action="convert_to_comment")
    assert entry.actor == editor and "Not an answer." in entry.reason


def test_notifications_point_at_the_moved_posts(thread, editor):
    first, under, q = thread["first"], thread["under"], thread["q"]
    asker = q.author
    Notification.objects.create(
        recipient=asker,
        kind="new_answer",
        question=q,
        answer=first,
        text="New answer",
        event_key=f"answer:{first.pk}",
    )
    Notification.objects.create(
        recipient=asker,
        kind="new_comment",
        question=q,
        answer=first,
        comment=under,
        text="New comment",
        event_key="comment",
    )
    made = conversion.convert_answer_to_comment(editor=editor, answer=first, parent=None)
    about_answer = Notification.objects.filter(comment=made)
    assert about_answer.exists()
    assert all(n.target_url.endswith(f"#c{made.pk}") for n in about_answer)
    about_under = Notification.objects.get(comment=under)
    assert about_under.answer_id is None


def test_the_text_stays_searchable(thread, editor):
    conversion.convert_answer_to_comment(editor=editor, answer=thread["first"], parent=None)
    found = search.search("walks dinner")
    assert thread["q"].pk in [r.question.pk for r in found.results]


def test_an_anonymous_answer_stays_anonymous(asker, category, editor):
    q = ask(asker, category=category)
    hidden_author = UserFactory(username="quietone")
    a = answer(q, hidden_author, body="What helped me was a regular bedtime.", anonymous=True,
               anon_name="A friend")  # fmt: skip
    made = conversion.convert_answer_to_comment(editor=editor, answer=a, parent=None)
    assert made.is_anonymous and made.author_id == hidden_author.pk
    page = Client().get(q.get_absolute_url()).content.decode()
    assert "A friend" in page and "quietone" not in page


def test_the_best_answer_cannot_become_a_comment(thread, asker, editor):
    services.select_best_answer(actor=asker, question=thread["q"], answer=thread["first"])
    with pytest.raises(Conflict):
        conversion.convert_answer_to_comment(editor=editor, answer=thread["first"], parent=None)
    assert Answer.objects.filter(pk=thread["first"].pk).exists()


def test_a_long_answer_cannot_become_a_comment(asker, category, editor):
    q = ask(asker, category=category)
    a = answer(q, UserFactory(), body="word " * 300)
    with pytest.raises(DomainError, match="a comment holds at most 1,000"):
        conversion.convert_answer_to_comment(editor=editor, answer=a, parent=None)
    assert Answer.objects.filter(pk=a.pk).exists()


def test_a_parent_from_another_question_is_refused(thread, asker, category, editor):
    elsewhere = answer(ask(asker, category=category, title="Another question entirely"),
                       UserFactory(), body="An answer somewhere else.")  # fmt: skip
    with pytest.raises(NotFound):
        conversion.convert_answer_to_comment(
            editor=editor, answer=thread["first"], parent=elsewhere
        )
    with pytest.raises(NotFound):
        conversion.convert_answer_to_comment(
            editor=editor, answer=thread["first"], parent=thread["first"]
        )


def test_members_cannot_convert(thread):
    member = UserFactory(points=10_000)
    with pytest.raises(NotAllowed):
        conversion.convert_answer_to_comment(editor=member, answer=thread["first"], parent=None)
    with pytest.raises(NotAllowed):
        conversion.convert_comment_to_answer(editor=member, comment=thread["under"])


def test_a_comment_becomes_an_answer_with_the_points_for_one(asker, category, editor):
    q = ask(asker, category=category)
    author = UserFactory(username="helpful")
    c = comment(q, author, body="Try writing three good things down every night.")
    made = conversion.convert_comment_to_answer(editor=editor, comment=c)
    made.refresh_from_db()
    assert (made.question_id, made.author_id, made.score) == (q.pk, author.pk, 0)
    assert _points(author) == [140]
    q.refresh_from_db()
    assert (q.answer_count, q.comment_count) == (1, 0)
    assert not Comment.objects.filter(pk=c.pk).exists()
    assert Revision.objects.filter(answer=made).count() == 2
    assert AuditEntry.objects.filter(action="convert_to_answer", actor=editor).exists()
    assert recount_points() == 0


def test_a_comment_on_an_answer_becomes_an_answer_and_anonymity_earns_nothing(thread, editor):
    author = UserFactory(username="shy")
    c = comment(thread["q"], author, answer=thread["second"], anonymous=True,
                body="This worked for me as well, every single night.")  # fmt: skip
    made = conversion.convert_comment_to_answer(editor=editor, comment=c)
    assert made.is_anonymous and _points(author) == [100]
    thread["second"].refresh_from_db()
    assert thread["second"].comment_count == 0
    assert Question.objects.get(pk=thread["q"].pk).answer_count == 3


def test_a_short_comment_cannot_become_an_answer(thread, editor):
    with pytest.raises(DomainError, match="too short"):
        conversion.convert_comment_to_answer(editor=editor, comment=thread["under"])


# Pages ---------------------------------------------------------------------------


def test_editors_see_the_convert_buttons_and_members_do_not(thread, editor, client_for):
    url = thread["q"].get_absolute_url()
    page = client_for(editor).get(url).content.decode()
    assert f'action="/answers/{thread["first"].pk}/convert/"' in page
    assert f'action="/comments/{thread["under"].pk}/convert/"' in page
    assert "the answer by second" in page
    member_page = client_for(UserFactory()).get(url).content.decode()
    assert "/convert/" not in member_page


def test_converting_through_the_page_redirects_to_the_new_post(thread, editor, client_for):
    client = client_for(editor)
    response = client.post(f"/answers/{thread['first'].pk}/convert/", {"parent": "question"})
    made = Comment.objects.get(body=ANSWER_TEXT)
    assert response.status_code == 302 and response["Location"].endswith(f"#c{made.pk}")
    response = client.post(f"/comments/{made.pk}/convert/")
    back = Answer.objects.get(body=ANSWER_TEXT)
    assert response.status_code == 302 and response["Location"].endswith(f"#a{back.pk}")


def test_the_visitors_cached_page_shows_the_conversion(thread, editor, client, client_for):
    url = thread["q"].get_absolute_url()
    etag = client.get(url)["ETag"]
    client_for(editor).post(f"/answers/{thread['first'].pk}/convert/", {"parent": "question"})
    fresh = client.get(url, HTTP_IF_NONE_MATCH=etag)
    made = Comment.objects.get(body=ANSWER_TEXT)
    assert fresh.status_code == 200 and f'id="c{made.pk}"' in fresh.content.decode()
    assert f'id="a{thread["first"].pk}"' not in fresh.content.decode()


@pytest.mark.parametrize(("parent", "status"), [("", 400), ("somewhere", 400), ("999999", 404)])
def test_bad_parents_are_refused_and_nothing_changes(thread, editor, client_for, parent, status):
    response = client_for(editor).post(
        f"/answers/{thread['first'].pk}/convert/", {"parent": parent}
    )
    assert response.status_code == status
    assert Answer.objects.filter(pk=thread["first"].pk).exists()


def test_refusals_on_the_page(thread, editor, client_for, asker):
    client = client_for(editor)
    assert client.get(f"/answers/{thread['first'].pk}/convert/").status_code == 405
    assert client.post("/answers/999999/convert/", {"parent": "question"}).status_code == 404
    assert client.post("/comments/999999/convert/").status_code == 404
    short = client.post(f"/comments/{thread['under'].pk}/convert/")
    assert short.status_code == 400 and "too short" in short.content.decode()
    services.select_best_answer(actor=asker, question=thread["q"], answer=thread["first"])
    best = client.post(f"/answers/{thread['first'].pk}/convert/", {"parent": "question"})
    assert best.status_code == 409
    member = client_for(UserFactory()).post(
        f"/answers/{thread['second'].pk}/convert/", {"parent": "question"}
    )
    assert member.status_code == 403


def test_converting_needs_the_csrf_token(thread, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(f"/answers/{thread['first'].pk}/convert/", {"parent": "question"})
    assert response.status_code == 403
    assert Answer.objects.filter(pk=thread["first"].pk).exists()
