"""Q2A avatars on a small Q2A database made from the real fixture's tables: a picture
that is shown comes in through the avatar service, everything else is skipped with its
reason, a second run changes nothing and a dry run leaves no file behind."""

from __future__ import annotations

import io
from datetime import datetime
from types import SimpleNamespace

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from mindwell.accounts import avatars
from mindwell.accounts.models import User
from mindwell.importers.models import ImportRun, LegacyLink

pytestmark = pytest.mark.django_db
Kind = LegacyLink.Kind
SHOW_AVATAR, SHOW_GRAVATAR = 4, 8


def png(colour=(30, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return out.getvalue()


MEMBERS = [
    # userid, handle, flags, blobid, blob format, blob content (None: no blob row)
    (1, "shown_pat", 1 | SHOW_AVATAR, 101, "png", png()),
    (2, "hidden_hal", 1 | SHOW_GRAVATAR, 102, "png", png((200, 0, 0))),
    (3, "broken_bo", 1 | SHOW_AVATAR, 103, "jpeg", b"\xff\xd8 not really a jpeg"),
    (4, "missing_mo", 1 | SHOW_AVATAR, 104, "jpeg", None),
    (5, "plain_pia", 1, None, None, None),
]


@pytest.fixture
def small_q2a(q2a_database, settings, tmp_path):
    """Every qa_ table of the fixture, empty but for a few members and their blobs; the
    pictures are stored under tmp_path."""
    settings.MEDIA_ROOT = tmp_path
    connection = q2a_database.connection
    name = f"{q2a_database.name}_avatars"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        cursor.execute(f"SHOW TABLES FROM `{q2a_database.name}`")
        for (table,) in cursor.fetchall():
            cursor.execute(f"CREATE TABLE `{name}`.`{table}` LIKE `{q2a_database.name}`.`{table}`")
        source = f"`{q2a_database.name}`.qa_options"
        connection.select_db(name)
        cursor.execute(f"INSERT INTO qa_options SELECT * FROM {source}")  # noqa: S608
        when = datetime(2024, 5, 1)  # noqa: DTZ001 - Q2A keeps naive UTC
        for userid, handle, flags, blobid, fmt, content in MEMBERS:
            cursor.execute(
                "INSERT INTO qa_users (userid, created, createip, email, handle,"
                " level, loggedin, loginip, flags, avatarblobid) VALUES"
                " (%s, %s, '', %s, %s, 0, %s, '', %s, %s)",
                (userid, when, f"{handle}@example.invalid", handle, when, flags, blobid),
            )
            if content is not None:
                cursor.execute(
                    "INSERT INTO qa_blobs (blobid, format, content, filename, userid,"
                    " created, createip) VALUES (%s, %s, %s, 'avatar', %s, %s, '')",
                    (blobid, fmt, content, userid, when),
                )
    connection.commit()
    url = q2a_database.url.rsplit("/", 1)[0] + f"/{name}"
    yield SimpleNamespace(url=url, media=tmp_path)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")


def by_handle(handle: str) -> User:
    return User.objects.get(username=handle)


def test_shown_pictures_are_imported_and_the_rest_skipped_with_reasons(small_q2a):
    out = io.StringIO()
    call_command("import_q2a", "--from", small_q2a.url, stdout=out)
    pat = by_handle("shown_pat")
    assert pat.avatar
    for size in (64, 128, 256):
        with default_storage.open(avatars.file_name(pat.avatar, size)) as stored:
            image = Image.open(io.BytesIO(stored.read()))
            assert (image.format, image.size) == ("WEBP", (size, size))
    for handle in ("hidden_hal", "broken_bo", "missing_mo", "plain_pia"):
        assert by_handle(handle).avatar == "", handle
    notes = dict(
        LegacyLink.objects.filter(kind=Kind.AVATAR, new_id=None).values_list("old_key", "note")
    )
    assert notes["2"].startswith("not shown on Q2A")
    assert notes["3"].startswith("picture refused: This file is not a picture")
    assert notes["4"] == "its qa_blobs row is missing"
    assert "5" not in notes  # no picture at all: nothing to say
    report = ImportRun.objects.get().report
    assert report["counts"]["avatars"] == [3, 1]
    assert ["avatar", "its qa_blobs row is missing", 1] in report["skipped"]
    assert "avatars (qa_blobs)" in out.getvalue()

    call_command("import_q2a", "--from", small_q2a.url, stdout=io.StringIO())
    assert by_handle("shown_pat").avatar == pat.avatar  # a second run changes nothing
    assert User.objects.exclude(avatar="").count() == 1


def test_a_member_who_has_a_picture_already_keeps_it(small_q2a):
    call_command("import_q2a", "--from", small_q2a.url, stdout=io.StringIO())
    pat = by_handle("shown_pat")
    own = pat.avatar
    LegacyLink.objects.filter(kind=Kind.AVATAR).delete()  # as if the import never had it
    call_command("import_q2a", "--from", small_q2a.url, stdout=io.StringIO())
    assert by_handle("shown_pat").avatar == own
    link = LegacyLink.objects.get(kind=Kind.AVATAR, old_key="1")
    assert (link.new_id, link.note) == (None, "the member already has a picture")


def test_a_dry_run_stores_no_picture(small_q2a):
    out = io.StringIO()
    call_command("import_q2a", "--from", small_q2a.url, "--dry-run", stdout=out)
    assert "avatars                                3         1" in out.getvalue()
    assert not User.objects.exists()
    assert not [p for p in small_q2a.media.rglob("*") if p.is_file()]


def test_an_import_that_fails_keeps_what_it_wrote_and_the_next_run_continues(
    small_q2a, monkeypatch
):
    from mindwell.importers.q2a.importer import Q2AImport

    def broken(self):
        raise RuntimeError("the connection dropped")

    monkeypatch.setattr(Q2AImport, "import_categories", broken)
    with pytest.raises(RuntimeError):
        call_command("import_q2a", "--from", small_q2a.url, stdout=io.StringIO())
    members = User.objects.count()
    assert members > 0  # the members' batch was committed before the failure
    assert by_handle("shown_pat").avatar  # and its picture kept
    monkeypatch.undo()
    call_command("import_q2a", "--from", small_q2a.url, stdout=io.StringIO())
    assert User.objects.count() == members  # continued: nobody imported twice
    assert ImportRun.objects.filter(dry_run=False).count() == 1
