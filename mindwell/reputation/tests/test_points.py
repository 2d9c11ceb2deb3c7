import pytest
from django.core.management import call_command

from mindwell.accounts.models import User
from mindwell.posting import services
from mindwell.qa.tests.factories import UserFactory, answer, ask
from mindwell.reputation.services import recount_points, total_from_ledger


def test_recount_points_restores_totals_from_the_ledger(
    asker, stranger, category, everyone_votes_down
):
    q = ask(asker, category=category)
    a = answer(q, stranger)
    voters = [UserFactory() for _ in range(4)]
    for v in voters:
        services.cast_vote(voter=v, post=q, value=1)
        services.cast_vote(voter=v, post=a, value=-1)
    services.select_best_answer(actor=asker, question=q, answer=a)
    expected = {u.pk: u.points for u in User.objects.all()}
    User.objects.update(points=0)
    call_command("recount_points", stdout=__import__("io").StringIO())
    assert {u.pk: u.points for u in User.objects.all()} == expected
    # asker: 2 for asking + 4 question votes + 3 for selecting
    assert expected[asker.pk] == 100 + 10 * (2 + 4 + 3)
    # stranger: 4 for answering, -5 (8 capped at 5) for votes, 30 for being selected
    assert expected[stranger.pk] == 100 + 10 * (4 - 5 + 30)
    assert recount_points() == 0


def test_points_settings_are_used(asker, category, settings):
    settings.POINTS = {**settings.POINTS, "QUESTION_POSTED": 5, "MULTIPLE": 1}
    ask(asker, category=category)
    asker.refresh_from_db()
    assert asker.points == 105
    assert total_from_ledger(asker.pk) == 105


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1k"),
        (4600, "4.6k"),
        (4689, "4.6k"),
        (46_000, "46k"),
        (1_200_000, "1.2m"),
        (-3, "-3"),
    ],
)
def test_points_are_shown_the_question2answer_way(value, shown):
    from mindwell.core.templatetags.mindwell import compact_number

    assert compact_number(value) == shown
