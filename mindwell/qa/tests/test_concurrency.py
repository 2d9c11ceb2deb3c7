"""Many votes at once keep scores, counts and points exact."""

import threading

import pytest
from django.db import connection

from mindwell.posting import services
from mindwell.qa.models import Answer, Vote
from mindwell.qa.tests.factories import CategoryFactory, UserFactory, answer, ask
from mindwell.reputation.services import total_from_ledger

pytestmark = pytest.mark.django_db(transaction=True)


def _run_at_once(functions):
    barrier = threading.Barrier(len(functions))
    errors = []

    def run(fn):
        try:
            barrier.wait()
            fn()
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(fn,)) for fn in functions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors


def test_concurrent_votes_keep_score_and_points_exact(everyone_votes_down):
    category = CategoryFactory()
    asker, author = UserFactory(), UserFactory()
    q = ask(asker, category=category)
    a = answer(q, author)
    voters = [UserFactory() for _ in range(16)]
    values = [1] * 12 + [-1] * 4

    def vote(voter, value):
        return lambda: services.cast_vote(
            voter=voter, post=Answer.objects.get(pk=a.pk), value=value
        )

    errors = _run_at_once([vote(v, x) for v, x in zip(voters, values, strict=True)])
    assert errors == []
    a.refresh_from_db()
    assert (a.upvotes, a.downvotes, a.score) == (12, 4, 8)
    assert Vote.objects.filter(answer=a).count() == 16
    author.refresh_from_db()
    # 12 up votes: 24 capped at 20; 4 down: 8 capped at 5; plus 4 for answering.
    assert author.points == 100 + 10 * (4 + 20 - 5)
    assert author.points == total_from_ledger(author.pk)


def test_the_same_member_voting_twice_at_once_counts_once():
    category = CategoryFactory()
    q = ask(UserFactory(), category=category)
    voter = UserFactory()
    errors = _run_at_once([lambda: services.cast_vote(voter=voter, post=q, value=1)] * 6)
    assert errors == []
    q.refresh_from_db()
    assert (q.upvotes, q.score) == (1, 1)
    assert Vote.objects.filter(question=q).count() == 1
    voter.refresh_from_db()
    assert voter.points == 110


def test_members_voting_on_each_others_posts_at_once_keep_every_total_exact():
    """A vote changes two members' points (the author's and the voter's): four members
    voting on each other's questions at once neither deadlock nor lose any (updating the
    author's row before the voter's deadlocked in about half the runs on PostgreSQL)."""
    category = CategoryFactory()
    members = [UserFactory() for _ in range(4)]
    questions = {member.pk: ask(member, category=category) for member in members}
    votes = [
        (voter, questions[other.pk]) for voter in members for other in members if other != voter
    ]

    errors = _run_at_once(
        [
            lambda v=voter, q=question: services.cast_vote(voter=v, post=q, value=1)
            for voter, question in votes
        ]
    )

    assert errors == []
    assert Vote.objects.count() == 12
    for member in members:
        member.refresh_from_db()
        assert member.points == total_from_ledger(member.pk)
    assert len({member.points for member in members}) == 1  # each asked, got 3 and gave 3
