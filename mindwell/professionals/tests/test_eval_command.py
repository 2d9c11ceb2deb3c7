"""`eval_boundaries`: the blind sets are scored, never listed, and pooled on one line."""

import pytest
from django.core.management import CommandError, call_command

from mindwell.professionals import evaluation


@pytest.mark.parametrize("split", evaluation.BLIND_SPLITS)
def test_the_mistakes_of_a_blind_set_are_never_listed(split):
    with pytest.raises(CommandError, match="never tune on a blind set"):
        call_command("eval_boundaries", "--split", split, "--misses")


def test_blind_sets_pool_into_one_score():
    pooled = evaluation.Score()
    pooled.add(evaluation.Score(tp=164, fp=0, fn=16, tn=180))
    pooled.add(evaluation.Score(tp=176, fp=14, fn=4, tn=166))
    assert (pooled.total, pooled.tp, pooled.fp) == (720, 340, 14)
    assert round(pooled.recall, 3) == 0.944 and round(pooled.precision, 3) == 0.960
