"""The demo community's content keeps its structure (levels, categories, anonymity, votes):
the checker that used to run by hand runs in the suite."""

from mindwell.demo.check_community import DEFAULT_PATH, main


def test_the_demo_community_passes_every_content_check(capsys):
    assert main(DEFAULT_PATH) == 0, capsys.readouterr().out
