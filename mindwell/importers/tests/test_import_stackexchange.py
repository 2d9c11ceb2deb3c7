"""A small hand-written Stack Exchange dump (stackexchange_dump/) imported: counts,
statuses, anonymity, content safety, edit history, points, old links, running twice,
resuming, dry runs and archives."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from mindwell.accounts.models import User
from mindwell.core.markdown import render_plain
from mindwell.importers.models import ImportRun, LegacyLink
from mindwell.importers.stackexchange.dump import Dump, parse_tags
from mindwell.importers.stackexchange.importer import Interrupted, StackExchangeImport
from mindwell.notifications.models import Follow
from mindwell.qa.models import Answer, Comment, Question, Revision
from mindwell.reputation.models import PointEvent
from mindwell.reputation.services import total_from_ledger
from mindwell.taxonomy.models import Tag

DUMP = Path(__file__).parent / "stackexchange_dump"
SITE = "https://interpersonal.stackexchange.com"
pytestmark = pytest.mark.django_db
Kind = LegacyLink.Kind


def run_import(*extra: str) -> str:
    out = io.StringIO()
    call_command("import_stackexchange", str(DUMP), "--site-url", SITE, *extra, stdout=out)
    return out.getvalue()


def new(kind: str, old) -> int:
    return LegacyLink.objects.get(source="se", kind=kind, old_key=str(old)).new_id


def snapshot() -> dict:
    return {
        "users": list(User.objects.order_by("pk").values_list("pk", "username", "points")),
        "questions": list(
            Question.objects.order_by("pk").values_list(
                "pk",
                "score",
                "upvotes",
                "downvotes",
                "answer_count",
                "comment_count",
                "accepted_answer",
                "duplicate_of",
                "close_reason",
                "view_count",
                "body",
            )
        ),
        "answers": list(Answer.objects.order_by("pk").values_list("pk", "score", "upvotes")),
        "comments": list(Comment.objects.order_by("pk").values_list("pk", "body")),
        "revisions": Revision.objects.count(),
        "points": PointEvent.objects.count(),
        "follows": Follow.objects.count(),
        "links": LegacyLink.objects.count(),
        "tags": list(Tag.objects.order_by("name").values_list("name", "question_count")),
    }


def test_the_dump_is_imported_with_counts_and_statuses():
    report = run_import()
    assert "questions                              3         3" in report
    assert "answer: 1 (its question is missing)" in report
    assert "comment: 1 (its post is missing)" in report
    assert "badge(s) not imported" in report

    asked = Question.objects.get(pk=new(Kind.QUESTION, 1))
    assert asked.title == "Telling a close friend that their jokes hurt"
    assert asked.author.display_name == "Zoë Müller"
    assert asked.score == 4 and asked.upvotes == 4 and asked.downvotes == 0
    assert asked.view_count == 210
    assert asked.answer_count == 2
    assert asked.comment_count == 3  # the whole thread's: two on the question, one on an answer
    assert asked.accepted_answer_id == new(Kind.ANSWER, 3)
    assert sorted(asked.tags.values_list("name", flat=True)) == ["anxiety", "friendship"]
    assert asked.edited_by.display_name == "Rowan Ashby"

    # Tags in the newer |a|b| form; an account that no longer exists keeps its name only.
    gone = Question.objects.get(pk=new(Kind.QUESTION, 2))
    assert sorted(gone.tags.values_list("name", flat=True)) == ["break-up", "grief"]
    assert gone.author_id is None and gone.author_name == "departed-user"
    assert gone.score == -1 and gone.downvotes == 1

    duplicate = Question.objects.get(pk=new(Kind.QUESTION, 6))
    assert duplicate.close_reason == Question.CloseReason.DUPLICATE
    assert duplicate.duplicate_of_id == asked.pk and duplicate.closed_at is not None

    assert Answer.objects.count() == 3 and Comment.objects.count() == 3
    assert Answer.objects.get(pk=new(Kind.ANSWER, 3)).score == 6
    assert Tag.objects.get(name="friendship").question_count == 2
    # The favourite became a follow of the question.
    rowan = User.objects.get(pk=new(Kind.USER, 7))
    assert Follow.objects.filter(user=rowan, question=asked).exists()
    assert ImportRun.objects.get(source="se").report["counts"]["members"] == [4, 4]


def test_members_have_no_password_or_email_and_distinct_names():
    run_import()
    members = User.objects.filter(pk__in=[new(Kind.USER, i) for i in (-1, 7, 12, 31)])
    assert members.count() == 4
    for member in members:
        assert not member.has_usable_password()
        assert member.email == ""
    rowans = User.objects.filter(display_name="Rowan Ashby")
    assert rowans.count() == 2
    assert len(set(rowans.values_list("username", flat=True))) == 2
    rowan = User.objects.get(pk=new(Kind.USER, 7))
    assert "**grief**" in rowan.about and "Leeds" in rowan.about
    assert "script" not in rowan.about and "alert" not in rowan.about


def test_content_is_safe_markdown_with_attribution():
    run_import()
    texts = list(Comment.objects.values_list("body_html", flat=True))
    for model in (Question, Answer):
        texts += [t for pair in model.objects.values_list("body", "body_html") for t in pair]
    # Comments are plain text (as on the site: what was written, shown escaped), so only
    # what they show is checked here; their text is checked below.
    texts += list(Revision.objects.filter(comment=None).values_list("body", flat=True))
    for text in texts:
        assert "<script" not in text
        assert "javascript:" not in text
        assert "onerror" not in text
        assert "evil.example" not in text
    asked = Question.objects.get(pk=new(Kind.QUESTION, 1))
    assert "<em>without</em>" in asked.body_html
    assert "We have known each other since school." in asked.body
    assert f"[the original post]({SITE}/q/1), by Zoë Müller; licensed CC BY-SA." in asked.body
    gone = Question.objects.get(pk=new(Kind.QUESTION, 2))
    assert "Ça me travaille" in gone.body and "by departed-user" in gone.body
    answer = Answer.objects.get(pk=new(Kind.ANSWER, 3))
    assert "<blockquote>" in answer.body_html and "&lt;not a tag&gt;" in answer.body_html
    assert f"{SITE}/a/3" in answer.body
    comment = Comment.objects.get(pk=new(Kind.COMMENT, 100))
    assert "&lt;script&gt;" in comment.body_html  # shown as written, never run
    thanks = Comment.objects.get(pk=new(Kind.COMMENT, 101))
    assert thanks.body == "Thank you — this worked. Danke schön!"
    anonymous = Comment.objects.get(pk=new(Kind.COMMENT, 102))
    assert anonymous.author_id is None and anonymous.author_name == "gone-away"
    # Plain text shown escaped, as the site keeps its own comments (post_comment).
    assert anonymous.body == "Same here, sadly. See the FAQ (https://example.org/faq)."
    for shown in (comment, thanks, anonymous):
        assert shown.body_html == render_plain(shown.body)


def test_close_reasons_come_from_the_post_history(django_assert_max_num_queries):
    """PostHistory 10 (closed, the reason id in Comment) and 11 (reopened)."""
    from datetime import UTC, datetime

    run_import()
    off_topic = Question.objects.get(pk=new(Kind.QUESTION, 2))
    assert off_topic.close_reason == Question.CloseReason.OFF_TOPIC
    assert off_topic.close_note == "Closed on Stack Exchange as “off-topic”."
    assert off_topic.closed_at == datetime(2019, 4, 2, 8, tzinfo=UTC)
    reopened = Question.objects.get(pk=new(Kind.QUESTION, 1))  # closed as too broad, reopened
    assert reopened.closed_at is None and reopened.close_reason == ""
    duplicate = Question.objects.get(pk=new(Kind.QUESTION, 6))  # reason 101, and PostLinks
    assert duplicate.close_reason == Question.CloseReason.DUPLICATE
    assert duplicate.duplicate_of_id == reopened.pk
    with django_assert_max_num_queries(15):
        page = Client().get(off_topic.get_absolute_url()).content.decode()
    assert "This question is closed: off-topic. Closed on Stack Exchange as “off-topic”." in page


def test_edit_history_becomes_revisions():
    run_import()
    asked = Question.objects.get(pk=new(Kind.QUESTION, 1))
    revisions = list(Revision.objects.filter(question=asked).order_by("number"))
    assert [r.title for r in revisions] == [
        "Jokes that hurt",
        "Telling a close friend that their jokes hurt",
        "Telling a close friend that their jokes hurt",
    ]
    assert revisions[0].body == "How do I tell a friend their jokes hurt?"
    assert revisions[0].tags == "friendship" and revisions[1].tags == "friendship anxiety"
    assert [r.editor_name for r in revisions] == ["Zoë Müller", "Rowan Ashby", "Rowan Ashby"]
    assert revisions[-1].body == asked.body
    # A post with no history still has the one revision it was imported as.
    answer = Answer.objects.get(pk=new(Kind.ANSWER, 4))
    assert list(Revision.objects.filter(answer=answer).values_list("number", flat=True)) == [1]


def test_points_come_from_the_ledger_of_anonymous_votes():
    run_import()
    rowan = User.objects.get(pk=new(Kind.USER, 7))
    # Six upvotes on answer 3, two on answer 5, the accepted answer, two answers posted.
    assert PointEvent.objects.filter(user=rowan, kind=PointEvent.Kind.ANSWER_UPVOTED).count() == 8
    assert PointEvent.objects.filter(user=rowan, kind=PointEvent.Kind.ANSWER_SELECTED).count() == 1
    assert rowan.points == total_from_ledger(rowan.pk)
    for member in User.objects.all():  # the site's own formula agrees with the bulk recount
        assert member.points == total_from_ledger(member.pk), member.username
    zoe = User.objects.get(pk=new(Kind.USER, 12))
    assert rowan.points > zoe.points > User.objects.get(pk=new(Kind.USER, 31)).points
    # No voter is invented: the dump's votes leave no Vote rows.
    from mindwell.qa.models import Vote

    assert not Vote.objects.exists()


def test_old_links_answer_with_a_301():
    run_import()
    client = Client()
    asked = Question.objects.get(pk=new(Kind.QUESTION, 1))
    answer = Answer.objects.get(pk=new(Kind.ANSWER, 3))
    rowan = User.objects.get(pk=new(Kind.USER, 7))
    expected = {
        "/questions/1/telling-a-close-friend-that-their-jokes-hurt": asked.page_url,
        "/questions/1": asked.page_url,
        "/q/1": asked.page_url,
        "/q/3": answer.page_url,
        "/a/3": answer.page_url,
        "/a/3/70": answer.page_url,
        "/questions/1/telling-a-close-friend/3": answer.page_url,
        "/users/7/rowan-ashby": rowan.get_absolute_url(),
        "/users/7": rowan.get_absolute_url(),
        "/questions/tagged/anxiety": Tag.objects.get(name="anxiety").get_absolute_url(),
    }
    for old, target in expected.items():
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == target, old
    assert "#a" in answer.page_url
    assert client.get("/questions/999/not-in-the-dump").status_code in (301, 404)
    assert client.get("/a/999").status_code == 404
    # Mindwell's own URLs (with their trailing slash) are Mindwell's.
    assert client.get(asked.page_url).status_code == 200
    assert client.get(asked.page_url)["Content-Type"].startswith("text/html")


def test_running_twice_changes_nothing():
    run_import()
    before = snapshot()
    report = run_import()
    assert snapshot() == before
    assert "questions                              3         3" in report


def test_an_interrupted_import_continues_where_it_stopped():
    dump = Dump(DUMP)
    with pytest.raises(Interrupted):
        StackExchangeImport(dump, site_url=SITE, out=io.StringIO(), stop_after=2).run()
    assert User.objects.count() == 4 and not Answer.objects.exists()
    run_import()
    resumed = snapshot()
    assert Question.objects.count() == 3 and Answer.objects.count() == 3
    assert Revision.objects.filter(question=new(Kind.QUESTION, 1)).count() == 3
    # The same as an import that was never stopped.
    LegacyLink.objects.all().delete()
    for model in (Revision, Comment, Answer, Question, Follow, PointEvent, Tag):
        model.objects.all().delete()
    User.objects.all().delete()
    run_import()
    fresh = snapshot()
    for key in ("revisions", "points", "follows", "links"):
        assert fresh[key] == resumed[key], key

    def without_ids(rows):
        return [row[1:6] + row[8:] for row in rows]

    assert without_ids(fresh["questions"]) == without_ids(resumed["questions"])


def test_a_dry_run_saves_nothing():
    report = run_import("--dry-run")
    assert "Dry run: nothing was saved" in report
    assert "members                                4         4" in report
    assert not LegacyLink.objects.exists() and not ImportRun.objects.exists()
    assert not Question.objects.exists() and not User.objects.exists()


def test_a_zip_of_the_dump_is_read_and_bad_paths_are_clear_errors(tmp_path):
    archive = tmp_path / "interpersonal.stackexchange.com.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in DUMP.glob("*.xml"):
            zipped.write(file, f"dump/{file.name}")
    out = io.StringIO()
    call_command("import_stackexchange", str(archive), stdout=out)
    assert Question.objects.count() == 3
    body = Question.objects.get(pk=new(Kind.QUESTION, 1)).body
    assert "https://interpersonal.stackexchange.com/q/1" in body  # site from the name
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_stackexchange", str(tmp_path / "missing"))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CommandError, match=r"No Posts\.xml"):
        call_command("import_stackexchange", str(empty))
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "Posts.xml").write_text("<posts><row Id='1' PostTypeId='1'")
    with pytest.raises(CommandError, match="not well-formed"):
        call_command("import_stackexchange", str(broken))


SEVEN_ZIP = shutil.which("7z") or shutil.which("7zz") or shutil.which("7za")


@pytest.mark.skipif(SEVEN_ZIP is None, reason="no 7z program (Debian: apt-get install 7zip)")
def test_a_7z_archive_as_archive_org_publishes_it_is_unpacked_and_imported(tmp_path, monkeypatch):
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(unpacked))
    archive = tmp_path / "interpersonal.stackexchange.com.7z"
    files = sorted(file.name for file in DUMP.glob("*.xml"))
    subprocess.run(
        [SEVEN_ZIP, "a", "-bd", str(archive), *files], cwd=DUMP, check=True, capture_output=True
    )
    out = io.StringIO()
    call_command("import_stackexchange", str(archive), stdout=out)
    assert "questions                              3         3" in out.getvalue()
    body = Question.objects.get(pk=new(Kind.QUESTION, 1)).body
    assert "https://interpersonal.stackexchange.com/q/1" in body  # site from the name
    assert not list(unpacked.iterdir())  # unpacked in a temporary folder, then removed
    broken = tmp_path / "broken.7z"
    broken.write_bytes(b"7z\xbc\xaf\x27\x1c not really")
    with pytest.raises(CommandError, match="7z could not unpack"):
        call_command("import_stackexchange", str(broken))


def test_a_7z_without_a_7z_program_is_refused_with_what_to_do(tmp_path, monkeypatch):
    from mindwell.importers.stackexchange import dump

    monkeypatch.setattr(dump.shutil, "which", lambda name: None)
    archive = tmp_path / "cooking.stackexchange.com.7z"
    archive.write_bytes(b"7z\xbc\xaf\x27\x1c")
    with pytest.raises(CommandError, match=r"needs a 7z program.*unpack the archive yourself"):
        call_command("import_stackexchange", str(archive))


def test_both_tag_forms_are_read():
    assert parse_tags("<a><b-c><a>") == ["a", "b-c"]
    assert parse_tags("|a|b-c|") == ["a", "b-c"]
    assert parse_tags("") == []


def test_an_admin_lets_an_imported_member_claim_the_account_by_password_reset():
    from django.core import mail

    run_import()
    rowan = User.objects.get(pk=new(Kind.USER, 7))
    # Before: no address, so a reset request for the person's address sends nothing to them.
    Client(REMOTE_ADDR="203.0.113.5").post(
        "/accounts/password/reset/", {"email": "rowan@example.org"}
    )
    assert not any("password/reset/key" in m.body for m in mail.outbox)
    out = io.StringIO()
    call_command("claim_imported_member", rowan.username, "Rowan@Example.org", stdout=out)
    assert "Forgot password?" in out.getvalue()
    mail.outbox.clear()
    response = Client(REMOTE_ADDR="203.0.113.6").post(
        "/accounts/password/reset/", {"email": "rowan@example.org"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["rowan@example.org"]
    assert "password/reset/key" in mail.outbox[0].body
    # Once claimed, or for an address in use, the command refuses.
    with pytest.raises(CommandError, match="already has"):
        call_command("claim_imported_member", rowan.username, "other@example.org")
    other = User.objects.get(pk=new(Kind.USER, 12))
    with pytest.raises(CommandError, match="belongs to another account"):
        call_command("claim_imported_member", other.username, "rowan@example.org")
    with pytest.raises(CommandError, match="not a valid email"):
        call_command("claim_imported_member", other.username, "not-an-address")
    with pytest.raises(CommandError, match="No member"):
        call_command("claim_imported_member", "nobody-here", "n@example.org")
