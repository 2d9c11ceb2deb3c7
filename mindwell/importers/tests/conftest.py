"""A real Question2Answer 1.8.8 database in MariaDB, imported once per test module.

The dump (../shared/fixtures/q2a/) is loaded with the `mariadb` client into a database of
its own per xdist worker. The import runs inside one transaction that is rolled back when
the module's tests are done, so no other test sees the imported site.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction

FIXTURES = Path(
    os.environ.get(
        "Q2A_FIXTURE_DIR", Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "q2a"
    )
)
if not FIXTURES.exists():
    FIXTURES = Path("/work/shared/fixtures/q2a")
MYSQL_HOST = os.environ.get("Q2A_TEST_MYSQL_HOST", "127.0.0.1")
MYSQL_PORT = int(os.environ.get("Q2A_TEST_MYSQL_PORT", "3306"))
MYSQL_USER = os.environ.get("Q2A_TEST_MYSQL_USER", "root")


def _client() -> str | None:
    return shutil.which("mariadb") or shutil.which("mysql")


@pytest.fixture(scope="session")
def q2a_database():
    """The fixture dump loaded into a fresh MariaDB database; its mysql:// URL."""
    import pymysql

    dump = FIXTURES / "q2a-1.8.8.sql.gz"
    if not dump.exists():
        pytest.skip(f"The Q2A fixture dump is missing ({dump}).")
    client = _client()
    if client is None:
        pytest.skip("No mariadb/mysql client on PATH: install Debian's mariadb-client.")
    try:
        connection = pymysql.connect(
            host=MYSQL_HOST, port=MYSQL_PORT, user=MYSQL_USER, charset="utf8mb4", connect_timeout=3
        )
    except pymysql.MySQLError as exc:
        pytest.skip(
            f"MariaDB is not reachable at {MYSQL_HOST}:{MYSQL_PORT} ({exc}); .ci/run starts it."
        )
    name = f"q2a_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    with gzip.open(dump, "rb") as sql:
        subprocess.run(
            [client, "-h", MYSQL_HOST, "-P", str(MYSQL_PORT), "-u", MYSQL_USER, name],
            input=sql.read(),
            check=True,
            capture_output=True,
        )
    yield SimpleNamespace(
        url=f"mysql://{MYSQL_USER}@{MYSQL_HOST}:{MYSQL_PORT}/{name}",
        connection=connection,
        name=name,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
    connection.close()


def snapshot() -> dict:
    """Everything an import writes, to compare two runs."""
    from allauth.account.models import EmailAddress

    from mindwell.accounts.models import User
    from mindwell.importers.models import LegacyLink
    from mindwell.moderation.models import Flag, ReviewItem
    from mindwell.notifications.models import Follow
    from mindwell.qa.models import Answer, Comment, Question, Revision, Vote
    from mindwell.reputation.models import PointEvent
    from mindwell.search.models import SearchDocument
    from mindwell.taxonomy.models import Category, Tag

    models = [
        User,
        EmailAddress,
        Category,
        Tag,
        Question,
        Answer,
        Comment,
        Revision,
        Vote,
        Flag,
        Follow,
        PointEvent,
        ReviewItem,
        LegacyLink,
        SearchDocument,
    ]
    state: dict = {m.__name__: m.objects.count() for m in models}
    state["points"] = sorted(User.objects.values_list("pk", "points"))
    state["questions"] = sorted(
        Question.objects.values_list(
            "pk",
            "answer_count",
            "comment_count",
            "score",
            "upvotes",
            "view_count",
            "accepted_answer",
            "closed_at",
            "status",
            "body",
        )
    )
    state["avatars"] = sorted(User.objects.exclude(avatar="").values_list("pk", "avatar"))
    state["tags"] = sorted(Tag.objects.values_list("name", "question_count"))
    state["categories"] = sorted(Category.objects.values_list("slug", "question_count", "path"))
    return state


@pytest.fixture(scope="module")
def imported(q2a_database, django_db_setup, django_db_blocker):
    """Interrupt an import, resume it, then run it once more; the site stays imported for
    the module's tests and is rolled back afterwards."""
    from mindwell.importers.common import Interrupted
    from mindwell.importers.models import LegacyLink
    from mindwell.importers.q2a.importer import Q2AImport
    from mindwell.importers.q2a.source import Location, Source

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            source = Source(Location.parse(q2a_database.url))
            with pytest.raises(Interrupted):
                Q2AImport(source, out=io.StringIO(), stop_after=2).run()
            source.close()
            partial = {
                kind: LegacyLink.objects.filter(kind=kind).count()
                for kind in LegacyLink.Kind.values
            }
            first = io.StringIO()
            call_command("import_q2a", "--from", q2a_database.url, stdout=first)
            after_first = snapshot()
            second = io.StringIO()
            call_command("import_q2a", "--from", q2a_database.url, stdout=second)
            after_second = snapshot()
            from mindwell.importers.models import ImportRun

            report = ImportRun.objects.filter(dry_run=False).order_by("pk").first().report
            yield SimpleNamespace(
                partial=partial,
                output=first.getvalue(),
                second_output=second.getvalue(),
                after_first=after_first,
                after_second=after_second,
                report=report,
                url=q2a_database.url,
                q2a=q2a_database.connection,
                q2a_name=q2a_database.name,
            )
        finally:
            from mindwell.accounts import avatars
            from mindwell.accounts.models import User

            pictures = list(User.objects.exclude(avatar="").values_list("avatar", flat=True))
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            for stored in pictures:  # files are outside the rolled-back transaction
                avatars.delete_files(stored)
