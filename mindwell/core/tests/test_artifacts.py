"""The model check tolerates a solver's last digits, not a changed model."""

import gzip
import json

import pytest

from mindwell.core.artifacts import write_or_check


def _saver(content):
    def save(path):
        with gzip.open(path, "wt") as out:
            json.dump(content, out)

    return save


def test_a_rebuild_that_differs_only_in_the_last_digits_passes(tmp_path):
    path = tmp_path / "model.json.gz"
    _saver({"features": {"sad": [4.5992, 3.4864]}, "threshold": 0.2688})(path)
    noisy = _saver({"features": {"sad": [4.5991, 3.4864]}, "threshold": 0.2688})
    assert "is what its sources build" in write_or_check(noisy, path, check=True)


@pytest.mark.parametrize(
    "changed",
    [
        {"features": {"sad": [4.7, 3.4864]}, "threshold": 0.2688},  # a weight moved
        {"features": {"sad": [4.5992, 3.4864], "new": [1.0, 1.0]}, "threshold": 0.2688},
        {"features": {"sad": [4.5992]}, "threshold": 0.2688},
    ],
)
def test_a_changed_model_fails_the_check(tmp_path, changed):
    path = tmp_path / "model.json.gz"
    _saver({"features": {"sad": [4.5992, 3.4864]}, "threshold": 0.2688})(path)
    with pytest.raises(SystemExit, match="not what its sources build"):
        write_or_check(_saver(changed), path, check=True)
