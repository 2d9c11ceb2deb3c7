import io

import pytest
from django.core.management import CommandError, call_command

from mindwell.accounts.models import User
from mindwell.importers.models import ImportRun, LegacyLink
from mindwell.qa.models import Question

pytestmark = pytest.mark.django_db


def test_a_dry_run_reports_everything_and_saves_nothing(q2a_database):
    out = io.StringIO()
    call_command("import_q2a", "--from", q2a_database.url, "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Dry run: nothing was saved" in text
    assert "questions published                  318       318" in text
    assert not LegacyLink.objects.exists() and not ImportRun.objects.exists()
    assert not Question.objects.exists() and not User.objects.exists()


def test_a_wrong_location_or_prefix_is_a_clear_error(q2a_database):
    with pytest.raises(CommandError, match="mysql://user:password@host"):
        call_command("import_q2a", "--from", "postgres://x/y")
    with pytest.raises(CommandError, match="is the prefix right"):
        call_command("import_q2a", "--from", q2a_database.url, "--prefix", "nope_")
