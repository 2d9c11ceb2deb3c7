"""The real Question2Answer 1.8.8 fixture imported: counts, statuses, anonymity, content,
points, logins, old links, resuming and running twice."""

from __future__ import annotations

import csv
import json
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from mindwell.accounts.models import User
from mindwell.importers.models import LegacyLink
from mindwell.importers.tests.conftest import FIXTURES
from mindwell.moderation.models import Flag, ReviewItem
from mindwell.qa.models import Answer, Comment, Question, Status, Vote
from mindwell.taxonomy.models import Category, Tag

EXPECTED = json.loads((FIXTURES / "expected.json").read_text()) if FIXTURES.exists() else {}
pytestmark = pytest.mark.django_db
Kind = LegacyLink.Kind
ARGON2_FIRST = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "mindwell.importers.hashers.Q2ABcryptPasswordHasher",
    "mindwell.importers.hashers.Q2ALegacySHA1PasswordHasher",
]


def new(kind: str, old) -> int:
    return LegacyLink.objects.get(source="q2a", kind=kind, old_key=str(old)).new_id


def q2a_rows(imported, sql: str) -> list[dict]:
    import pymysql.cursors

    imported.q2a.select_db(imported.q2a_name)
    with imported.q2a.cursor(pymysql.cursors.DictCursor) as cursor:
        cursor.execute(sql)
        return list(cursor.fetchall())


def member(handle: str) -> User:
    return User.objects.get(pk=new(Kind.HANDLE, handle))


def test_counts_match_the_q2a_site(imported):
    users = User.objects.filter(pk__in=LegacyLink.objects.filter(kind=Kind.USER).values("new_id"))
    assert users.count() == EXPECTED["users"]["total"]
    levels = {
        "basic": "member",
        "approved": "approved",
        "expert": "expert",
        "editor": "editor",
        "moderator": "moderator",
        "admin": "admin",
        "super": "superadmin",
    }
    for q2a_level, n in EXPECTED["users"]["by_level"].items():
        assert users.filter(level=levels[q2a_level]).count() == n, q2a_level
    verified = EmailAddress.objects.filter(user__in=users, verified=True).count()
    assert verified == EXPECTED["users"]["email_confirmed"]
    assert member("unconfirmed_uma").emailaddress_set.get().verified is False
    assert member("spammy_sam").restriction == "suspend"

    cats = Category.objects.filter(
        pk__in=LegacyLink.objects.filter(kind=Kind.CATEGORY).values("new_id")
    )
    assert cats.count() == EXPECTED["categories"]["total"]
    by_depth = {str(d): cats.filter(depth=d).count() for d in (1, 2, 3, 4)}
    assert by_depth == EXPECTED["categories"]["by_depth"]
    for row in EXPECTED["categories"]["list"]:
        category = Category.objects.get(pk=new(Kind.CATEGORY, row["categoryid"]))
        assert category.name == row["title"][:80]
        assert category.depth == row["depth"]
        assert category.question_count == row["direct_questions"]

    posts = EXPECTED["posts"]
    for model, kind, key in (
        (Question, Kind.QUESTION, "questions"),
        (Answer, Kind.ANSWER, "answers"),
        (Comment, Kind.COMMENT, "comments"),
    ):
        rows = model.objects.filter(pk__in=LegacyLink.objects.filter(kind=kind).values("new_id"))
        assert rows.filter(status=Status.PUBLISHED).count() == posts[key]["visible"]
        assert rows.filter(status=Status.HIDDEN).count() == posts[key]["hidden"]
        assert rows.filter(status=Status.QUEUED).count() == posts[key]["queued"]
    assert Comment.objects.filter(answer__isnull=False).count() == posts["comments_on_answers"]
    assert sum(Question.objects.values_list("view_count", flat=True)) == posts["views_total"]

    votes = EXPECTED["votes"]
    assert Vote.objects.filter(question__isnull=False, value=1).count() == votes["up"]["Q"]
    assert Vote.objects.filter(question__isnull=False, value=-1).count() == votes["down"]["Q"]
    assert Vote.objects.filter(answer__isnull=False, value=1).count() == votes["up"]["A"]
    assert Vote.objects.filter(answer__isnull=False, value=-1).count() == votes["down"]["A"]
    assert Flag.objects.count() == EXPECTED["flags"]["flag_rows"]
    assert (
        Question.objects.exclude(accepted_answer=None).count()
        == (EXPECTED["selected_answers"]["questions_with_selchildid"])
    )
    assert (
        Tag.objects.filter(question_count__gt=0).count()
        == (EXPECTED["tags"]["distinct_on_visible_questions"])
    )
    for top in EXPECTED["tags"]["top"]:
        assert Tag.objects.get(name=top["tag"]).question_count == top["questions"]
    assert Tag.objects.filter(name="niños").exists()
    favourites = LegacyLink.objects.filter(kind=Kind.FAVORITE).exclude(new_id=None).count()
    assert favourites == sum(EXPECTED["favorites"].values())
    related = Question.objects.get(pk=new(Kind.QUESTION, 1630))
    assert related.follow_on is not None


def test_the_report_puts_q2a_and_mindwell_side_by_side(imported):
    counts = imported.report["counts"]
    assert counts["members"] == [120, 120]
    assert counts["questions published"] == [318, 318]
    assert counts["votes on comments"] == [8, 0]
    assert ["vote", "a vote on a comment (Mindwell has none)", 8] in imported.report["skipped"]
    assert "members" in imported.output and "Skipped rows" in imported.output
    assert counts["avatars"] == [2, 2]
    assert "1 member(s) showed a Gravatar on Q2A: not fetched" in imported.output
    levels = next(n for n in imported.report["notes"] if "per-category level" in n)
    assert levels.startswith("2 per-category level(s) not imported")
    assert "counselor_jo: Moderator in “Counseling”" in levels
    assert "José_Núñez: Expert in “Family”" in levels
    assert member("counselor_jo").level == User.Level.EXPERT  # the site-wide level stays


def test_uploaded_q2a_pictures_become_avatars_and_gravatars_are_not_fetched(imported):
    from io import BytesIO

    from django.core.files.storage import default_storage
    from PIL import Image

    from mindwell.accounts import avatars

    rows = q2a_rows(
        imported,
        "SELECT u.userid, u.handle, b.content FROM qa_users u JOIN qa_blobs b"
        " ON b.blobid = u.avatarblobid WHERE u.flags & 4",
    )
    blobs = {r["handle"]: r["content"] for r in rows}
    old_ids = {r["handle"]: r["userid"] for r in rows}
    assert sorted(blobs) == ["counselor_jo", "dr_lena"]
    for handle, blob in blobs.items():
        user = member(handle)
        assert user.avatar, handle
        for size in (64, 128, 256):
            name = avatars.file_name(user.avatar, size)
            with default_storage.open(name) as stored:
                content = stored.read()
            assert content != blob  # re-encoded, as an upload is
            image = Image.open(BytesIO(content))
            assert (image.format, image.size) == ("WEBP", (size, size))
        assert new(Kind.AVATAR, old_ids[handle]) == user.pk
        page = Client().get(user.get_absolute_url()).content.decode()
        assert user.avatar.split("/")[-1] in page  # the profile shows the picture
    gravatar = member("Мария")
    assert gravatar.avatar == ""  # shows generated initials; nothing was fetched
    assert avatars.picture(gravatar, 32).generated
    others = User.objects.exclude(pk__in=[member(h).pk for h in blobs]).exclude(avatar="")
    assert not others.exists()


def test_closed_questions_keep_their_reason(imported):
    for row in EXPECTED["closed"]["list"]:
        question = Question.objects.get(pk=new(Kind.QUESTION, row["questionid"]))
        assert question.closed_at is not None
        if row["kind"] == "duplicate":
            assert question.close_reason == Question.CloseReason.DUPLICATE
            assert question.duplicate_of_id == new(Kind.QUESTION, row["closedbyid"])
        else:
            assert question.close_reason == Question.CloseReason.OTHER
            assert question.close_note == row["note"]


def test_hidden_and_queued_posts_stay_out_of_sight(imported):
    hidden = Question.objects.get(pk=new(Kind.QUESTION, 71))
    queued = Question.objects.get(pk=new(Kind.QUESTION, 1695))
    assert (hidden.status, queued.status) == (Status.HIDDEN, Status.QUEUED)
    assert ReviewItem.objects.filter(question=queued, queue=ReviewItem.Queue.HELD).exists()
    for question in (hidden, queued):
        response = Client().get(question.get_absolute_url())
        assert question.body[:40] not in response.content.decode()


def test_anonymous_posts_never_show_their_email_or_ip(imported):
    rows = q2a_rows(
        imported,
        "SELECT postid, type, name, notify, INET6_NTOA(createip) AS ip FROM qa_posts"
        " WHERE userid IS NULL AND type IN ('Q', 'A', 'C')",
    )
    secrets = {
        r["notify"] for r in rows if r["notify"] and "@" in r["notify"] and r["notify"] != "@"
    }
    secrets |= {r["ip"] for r in rows if r["ip"]}
    assert len(secrets) > 10
    emails = set(Question.objects.values_list("notify_email", flat=True)) - {""}
    assert emails, "visitors' notification emails are kept (privately) for notifications"
    anonymous_question = Question.objects.get(pk=new(Kind.QUESTION, 1665))
    assert anonymous_question.author is None and anonymous_question.is_anonymous
    assert anonymous_question.notify_email
    threads = set()
    for row in rows:
        kind = {"Q": Kind.QUESTION, "A": Kind.ANSWER, "C": Kind.COMMENT}[row["type"]]
        post = {Kind.QUESTION: Question, Kind.ANSWER: Answer, Kind.COMMENT: Comment}[
            kind
        ].objects.get(pk=new(kind, row["postid"]))
        assert post.author_id is None and post.ip_digest == ""
        if post.thread.status == Status.PUBLISHED:
            threads.add(post.thread.get_absolute_url())
    client = Client()
    for url in sorted(threads):
        page = client.get(url).content.decode()
        for secret in secrets:
            assert secret not in page, (url, "shows a private address")
    page = client.get(anonymous_question.get_absolute_url()).content.decode()
    assert anonymous_question.author_name and anonymous_question.author_name in page


def test_content_becomes_safe_markdown_that_reads_the_same(imported):
    script = Question.objects.get(pk=new(Kind.QUESTION, 1605))
    assert "<script" not in script.body_html and "javascript:" not in script.body_html
    assert "onclick" not in script.body_html and "😊" in script.body
    listing = Question.objects.get(pk=new(Kind.QUESTION, 1604))
    assert (
        "<ol>" in listing.body_html
        and 'href="https://www.example.org/grounding' in listing.body_html
    )
    plain = Question.objects.get(pk=new(Kind.QUESTION, 1607))
    assert "&lt;3" in plain.body_html and "&lt;b&gt;everything&lt;/b&gt;" in plain.body_html
    assert plain.title == "¿Es normal pelear tanto después de mudarnos juntos? 💔"
    markdownish = Question.objects.get(pk=new(Kind.QUESTION, 1608))
    assert "**not bold**" in markdownish.body_html and "<strong>" not in markdownish.body_html
    assert "# not a heading" in markdownish.body_html and "<h1>" not in markdownish.body_html
    linking = Answer.objects.get(pk=new(Kind.ANSWER, 1628))
    target = Question.objects.get(pk=new(Kind.QUESTION, 1604)).get_absolute_url()
    assert f'href="{target}"' in linking.body_html
    assert "q2a.fixture.invalid" not in linking.body_html


def test_comments_are_plain_text_shown_like_the_sites_own(imported):
    """The site keeps a comment as plain text shown escaped (post_comment); imported
    comments are kept and shown the same way, so their edit form holds no Markdown
    escapes either."""
    from mindwell.core import markdown
    from mindwell.qa.models import Revision

    plain = Comment.objects.get(pk=new(Kind.COMMENT, 1636))
    assert plain.body == "Merci ! We will try the check-in."
    html = Comment.objects.get(pk=new(Kind.COMMENT, 1634))
    assert html.body == "We tried the kitchen rule \u2013 day 3 and no fights!"
    for comment in (plain, html, Comment.objects.get(pk=new(Kind.COMMENT, 1637))):
        assert "\\" not in comment.body
        assert comment.body_html == markdown.render_plain(comment.body)
        assert Revision.objects.get(comment=comment).body == comment.body
    page = Client().get(plain.question.get_absolute_url())
    assert '<div class="comment-body"><p>Merci ! We will try the check-in.</p></div>' in (
        page.content.decode()
    )


def test_edits_keep_the_last_editor(imported):
    rows = q2a_rows(
        imported,
        "SELECT p.postid, LEFT(p.type, 1) AS t, u.handle FROM qa_posts p JOIN qa_users u"
        " ON u.userid = p.lastuserid WHERE p.updatetype = 'E' AND u.handle = 'edith_editor'",
    )
    assert len(rows) == EXPECTED["edits"]["content_edited_by_edith_editor"]
    edith = member("edith_editor")
    models = {
        "Q": (Question, Kind.QUESTION),
        "A": (Answer, Kind.ANSWER),
        "C": (Comment, Kind.COMMENT),
    }
    for row in rows:
        model, kind = models[row["t"]]
        post = model.objects.get(pk=new(kind, row["postid"]))
        assert post.edited_by == edith and post.edited_at is not None


def test_points_match_q2a_or_are_explained(imported):
    lines = imported.report["points_differ"]
    explained = {line.split(":")[0] for line in lines}
    with (FIXTURES / "expected-points.csv").open() as fh:
        for row in csv.DictReader(fh):
            points = member(row["handle"]).points
            if points != int(row["points"]):
                assert row["handle"] in explained, row["handle"]
    bonus = next(line for line in lines if line.startswith("counselor_jo"))
    assert "bonus +50" in bonus
    assert len(explained) < 15
    assert member("leo_52").points == 14130 + 40  # one hidden answer keeps its points here


def test_the_sites_own_recount_agrees_with_the_imported_points(imported):
    from mindwell.reputation.services import recount_points

    members = list(LegacyLink.objects.filter(kind=Kind.USER).values_list("new_id", flat=True))
    assert recount_points(user_ids=members) == 0


@pytest.mark.parametrize("login", EXPECTED.get("logins", []), ids=lambda row: row["handle"])
def test_q2a_passwords_log_in_and_move_to_argon2(imported, settings, login):
    settings.PASSWORD_HASHERS = ARGON2_FIRST
    user = member(login["handle"])
    algorithm = "q2a_sha1" if login["hash"] == "legacy-sha1" else "q2a_bcrypt"
    assert user.password.startswith(algorithm + "$")
    assert not user.check_password(login["password"] + "x")
    assert user.check_password(login["password"])
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert user.check_password(login["password"])


@pytest.mark.parametrize("handle", ["legacy_lee", "Zoë", "sam_1"])
def test_the_login_form_accepts_the_old_password(imported, settings, handle):
    settings.PASSWORD_HASHERS = ARGON2_FIRST
    login = next(row for row in EXPECTED["logins"] if row["handle"] == handle)
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": login["email"], "password": login["password"]}
    )
    assert response.status_code == 302
    assert client.get("/account/profile/").status_code == 200
    assert member(handle).password.startswith("argon2$")


def _expected_target(url: str) -> str:
    path = urlsplit(url).path
    post_id = int(path.strip("/").split("/")[0])
    show = dict(p.split("=") for p in urlsplit(url).query.split("&") if "=" in p).get("show")
    question = Question.objects.get(pk=new(Kind.QUESTION, post_id))
    target = question.get_absolute_url()
    if show:
        kind = Kind.ANSWER if url.endswith(f"#a{show}") else Kind.COMMENT
        target += f"#{'a' if kind == Kind.ANSWER else 'c'}{new(kind, show)}"
    return target


def test_old_post_urls_redirect_permanently(imported, django_assert_max_num_queries):
    client = Client()
    for sample in EXPECTED["sample_posts"]:
        expected = _expected_target(sample["url"])
        for url in [sample["url"], *sample.get("other_urls", [])]:
            response = client.get(url)
            assert response.status_code == 301, url
            assert response["Location"] == expected, url
    with django_assert_max_num_queries(12):
        assert client.get("/1604/grounding-techniques-that-actually-work-a-list").status_code == 301
    assert client.get("/999999/no-such-question").status_code == 404


def test_old_member_tag_category_and_list_urls_redirect(imported):
    client = Client()
    other = EXPECTED["other_urls"]
    expected = {
        other["user"]: member("José_Núñez").get_absolute_url(),
        other["user_with_space"]: member("Mary Jane").get_absolute_url(),
        other["tag"]: Tag.objects.get(name="anxiety").get_absolute_url(),
        other["category"]: Category.objects.get(pk=new(Kind.CATEGORY, 23)).get_absolute_url(),
        other["feed"]: "/feeds/questions/",
        "/?qa=user&qa_1=Mary%20Jane": member("Mary Jane").get_absolute_url(),
        "/index.php?qa=tag&qa_1=anxiety": Tag.objects.get(name="anxiety").get_absolute_url(),
    }
    for url, target in expected.items():
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (301, target), url
    for url in (other["users"], other["tags"], other["categories"]):
        response = client.get(url, follow=True)
        assert response.status_code == 200 and response.redirect_chain[0][1] == 301, url


def test_a_deleted_members_old_profile_url_is_gone_like_their_profile(imported):
    """A member who deletes their account: their old /user/handle answers 404, as their
    profile here does, and the import's mapping no longer holds their old handle."""
    from mindwell.accounts.privacy import ANONYMISE, delete_account, export_member_data

    client = Client()
    jose = member("José_Núñez")
    old_url, profile = EXPECTED["other_urls"]["user"], jose.get_absolute_url()
    assert client.get(old_url).status_code == 301
    old_id = LegacyLink.objects.get(source="q2a", kind=Kind.USER, new_id=jose.pk).old_key
    exported = export_member_data(user=jose)["imported_from"]
    assert {"source": "q2a", "kind": "handle", "old_key": "José_Núñez"} in exported
    delete_account(user=jose, posts=ANONYMISE)
    assert client.get(old_url).status_code == 404
    assert client.get(profile).status_code == 404
    assert not LegacyLink.objects.filter(old_key__iexact="José_Núñez").exists()
    gone = LegacyLink.objects.get(source="q2a", kind=Kind.USER, old_key=old_id)
    assert gone.new_id is None and gone.note == "the member deleted their account"


def test_mindwell_urls_are_never_shadowed(imported):
    client = Client()
    assert client.get("/").status_code == 200
    assert client.get("/questions/").status_code == 200
    question = Question.objects.get(pk=new(Kind.QUESTION, 1604))
    assert client.get(question.get_absolute_url()).status_code == 200
    assert client.get("/user/no-such-member").status_code == 404


def test_an_interrupted_import_resumes_and_a_second_run_changes_nothing(imported):
    assert imported.partial[Kind.USER] == 120 and imported.partial[Kind.QUESTION] == 0
    assert imported.after_first == imported.after_second
    assert "members                              120       120" in imported.second_output
