"""Question2Answer to Mindwell: one step per kind of row, each resumable and idempotent.

Every old row that is read leaves a LegacyLink (the Mindwell id it became, or None and
the reason it was skipped), written in the same transaction as the rows it made, so a
second run skips what is done and an interrupted run continues where it stopped.

Rows are written in bulk (a service call per row would notify followers, screen the text
and send mail for posts years old); then the same counters, points ledger and search
index the site keeps are rebuilt with the site's own recount code: qa.content's
recount_question_counters and hotness, reputation's recount_points over the PointEvent
ledger (written by the rules of posting.services and posting.lifecycle) and search's
rebuild_index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from mindwell.accounts import avatars as avatar_files
from mindwell.accounts import services as accounts
from mindwell.accounts.models import User
from mindwell.core import markdown
from mindwell.core.cache import bump_version
from mindwell.core.models import SiteConfiguration
from mindwell.importers.common import (
    BATCH,
    BaseImport,
    Interrupted,
    Report,
    insert_objects,
    insert_rows,
    question_slug,
    recount_taxonomy,
    unique_username,
    update_columns,
)
from mindwell.importers.hashers import Q2ABcryptPasswordHasher, Q2ALegacySHA1PasswordHasher
from mindwell.importers.models import LegacyLink
from mindwell.importers.q2a.content import rewrite_links, to_markdown, to_plain
from mindwell.importers.q2a.source import Source
from mindwell.moderation.models import Flag, ReviewItem
from mindwell.moderation.review import open_review
from mindwell.notifications.models import Follow
from mindwell.qa.content import recount_question_counters
from mindwell.qa.models import (
    ANONYMOUS_NAME,
    TITLE_MAX,
    Answer,
    Comment,
    Question,
    Revision,
    Status,
    Vote,
)
from mindwell.reputation.models import PointEvent
from mindwell.reputation.services import FLAT_KINDS, flat_amount
from mindwell.search.services import rebuild_index
from mindwell.taxonomy.models import Category, Tag
from mindwell.taxonomy.services import normalise_tag

SOURCE = "q2a"
Kind = LegacyLink.Kind
PK = PointEvent.Kind

LEVELS = {
    0: User.Level.MEMBER,
    10: User.Level.APPROVED,
    20: User.Level.EXPERT,
    50: User.Level.EDITOR,
    80: User.Level.MODERATOR,
    100: User.Level.ADMIN,
    120: User.Level.SUPER,
}
STATUSES = {"": Status.PUBLISHED, "_HIDDEN": Status.HIDDEN, "_QUEUED": Status.QUEUED}
FLAG_EMAIL_CONFIRMED, FLAG_BLOCKED, FLAG_SHOW_AVATAR, FLAG_SHOW_GRAVATAR = 1, 2, 4, 8
SUMMARY = "Imported from Question2Answer"
# The qa_posts columns the post steps read (PyMySQL decodes every column it is sent).
POST_COLUMNS = (
    "postid, type, parentid, categoryid, userid, created, updated, updatetype, lastuserid,"
    " title, content, format, tags, views, name, notify"
)
PROFILE_LABELS = {"location": "Location", "website": "Website", "name": "Name"}


def aware(value: datetime | None) -> datetime | None:
    """Q2A's DATETIMEs are naive UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if timezone.is_naive(value) else value


class Q2AImport(BaseImport):
    source = SOURCE

    def __init__(
        self,
        source: Source,
        *,
        out: Any = None,
        stop_after: int | None = None,
    ) -> None:
        super().__init__(out=out, stop_after=stop_after)
        self.src = source
        self.options = source.options()
        self.site_url = self.options.get("site_url", "")
        # Pictures stored by this run: their files are not in the database transaction,
        # so a run that is rolled back (dry run, error) deletes them (discard_new_files).
        self.new_files: list[str] = []
        # The formula's values, read once (flat_amount reads the run-time settings per call).
        self.amounts: dict[str, int] = {kind: flat_amount(kind) for kind in FLAT_KINDS}

    # Plumbing (the rest is BaseImport's) -------------------------------------------

    def progress(self, table: str, done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        prefix = "\r" if self.out.isatty() else ""
        if end or prefix:
            self.out.write(f"{prefix}  {table:<22} {done:>8,} / {total:,}{end}")
            self.out.flush()

    def batched(
        self, table: str, rows: Iterable[dict[str, Any]], total: int
    ) -> Iterator[list[dict[str, Any]]]:
        batch: list[dict[str, Any]] = []
        seen = 0
        for seen, row in enumerate(rows, start=1):
            batch.append(row)
            if len(batch) >= BATCH:
                yield batch
                batch = []
                if seen < total:
                    self.progress(table, seen, total)
        if batch:
            yield batch
        self.progress(table, max(seen, total), total)

    # The run ------------------------------------------------------------------------

    def run(self) -> Report:
        for name, function in [
            ("users", self.import_users),
            ("avatars", self.import_avatars),
            ("categories", self.import_categories),
            ("tags", self.import_tags),
            ("questions", self.import_questions),
            ("answers", self.import_answers),
            ("comments", self.import_comments),
            ("close notes", self.import_closures),
            ("best answers", self.import_selections),
            ("follow-on questions", self.import_follow_ons),
            ("votes and flags", self.import_votes),
            ("favourites", self.import_favourites),
            ("internal links", self.rewrite_internal_links),
            ("counters and search", self.recount),
            ("points", self.recount_and_compare_points),
        ]:
            self.step(name, function)
        self.count_side_by_side()
        self.note_what_has_no_place()
        return self.report

    # Members ------------------------------------------------------------------------

    def _profiles(self) -> dict[int, dict[str, str]]:
        profiles: dict[int, dict[str, str]] = defaultdict(dict)
        for row in self.src.all("SELECT userid, title, content FROM ^userprofile"):
            if (row["content"] or "").strip():
                profiles[row["userid"]][row["title"]] = row["content"].strip()
        return profiles

    @staticmethod
    def _about(fields: dict[str, str]) -> str:
        lines = [fields.get("about", "")]
        extra = [
            f"{PROFILE_LABELS.get(title, title.capitalize())}: {value}"
            for title, value in fields.items()
            if title != "about"
        ]
        if extra:
            lines.append("\n".join(extra))
        return "\n\n".join(line for line in lines if line)[:1000]

    def import_users(self) -> None:
        total = self.src.count("SELECT COUNT(*) FROM ^users")
        taken = {u.lower() for u in User.objects.values_list("username", flat=True)}
        emails = {e.lower() for e in EmailAddress.objects.values_list("email", flat=True)}
        emails |= {
            e.lower() for e in User.objects.exclude(email="").values_list("email", flat=True)
        }
        profiles = self._profiles()
        unusable = make_password(None)
        rows = self.src.stream("SELECT * FROM ^users ORDER BY userid")
        for batch in self.batched("qa_users", rows, total):
            fresh = [r for r in batch if not self.done(Kind.USER, r["userid"])]
            users: list[User] = []
            for row in fresh:
                handle = row["handle"] or ""
                username = unique_username(handle, taken, f"member-{row['userid']}")
                if row["passhash"]:
                    password = Q2ABcryptPasswordHasher.wrap(row["passhash"])
                elif row["passcheck"] and row["passsalt"]:
                    password = Q2ALegacySHA1PasswordHasher.wrap(row["passsalt"], row["passcheck"])
                else:
                    password = unusable
                blocked = bool(row["flags"] & FLAG_BLOCKED)
                users.append(
                    User(
                        username=username,
                        display_name=handle[:60] if username != handle else "",
                        # allauth keeps addresses in lower case and looks them up so.
                        email=(row["email"] or "").strip().lower(),
                        password=password,
                        date_joined=aware(row["created"]) or timezone.now(),
                        last_login=aware(row["loggedin"]),
                        level=LEVELS.get(row["level"], self._nearest_level(row["level"])),
                        about=self._about(profiles.get(row["userid"], {})),
                        restriction="suspend" if blocked else "",
                        restriction_reason="Blocked on the Question2Answer site."
                        if blocked
                        else "",
                        points=int(self.options.get("points_base", 100) or 100),
                    )
                )
            with transaction.atomic():
                User.objects.bulk_create(users, batch_size=BATCH)
                addresses = []
                for row, user in zip(fresh, users, strict=True):
                    self.link(Kind.USER, row["userid"], user.pk)
                    if row["handle"] and not self.done(Kind.HANDLE, row["handle"]):
                        self.link(Kind.HANDLE, row["handle"], user.pk)
                    email = (row["email"] or "").strip().lower()
                    if email and email.lower() not in emails:
                        emails.add(email.lower())
                        verified = bool(row["flags"] & FLAG_EMAIL_CONFIRMED)
                        addresses.append(
                            EmailAddress(user=user, email=email, verified=verified, primary=True)
                        )
                    elif email:
                        self.report.skipped[("email address", "used by another member")] += 1
                EmailAddress.objects.bulk_create(addresses, batch_size=BATCH)
                self.flush()
        self.load_member_names()

    def import_avatars(self) -> None:
        """Pictures members uploaded to Q2A (qa_blobs, shown where the SHOW_AVATAR flag is
        set) go through the accounts avatar service exactly as an upload does: checked,
        cropped, re-encoded without metadata, stored. A member who already has a picture
        here keeps it. Gravatars are not fetched: the import calls no third party."""
        total = self.src.count("SELECT COUNT(*) FROM ^users WHERE avatarblobid IS NOT NULL")
        # Blob by blob (one query each): a site's pictures need not fit in memory.
        wanted = [
            r
            for r in self.src.all(
                "SELECT u.userid, u.flags, u.avatarblobid, b.blobid, b.format,"
                " b.content IS NULL AS on_disk"
                " FROM ^users u LEFT JOIN ^blobs b ON b.blobid = u.avatarblobid"
                " WHERE u.avatarblobid IS NOT NULL ORDER BY u.userid"
            )
            if not self.done(Kind.AVATAR, r["userid"])
        ]
        for row in wanted:
            user_id = self.new_id(Kind.USER, row["userid"])
            reason = ""
            if user_id is None:
                reason = "member missing"
            elif not row["flags"] & FLAG_SHOW_AVATAR:
                reason = "not shown on Q2A (the member chose no picture or a Gravatar)"
            elif row["blobid"] is None:
                reason = "its qa_blobs row is missing"
            elif row["on_disk"]:
                reason = "kept in Q2A's blob folder (blobs_to_disk), not in the database"
            if reason or user_id is None:
                self.link(Kind.AVATAR, row["userid"], None, reason)
                continue
            user = User.objects.get(pk=user_id)
            if user.avatar:
                self.link(Kind.AVATAR, row["userid"], None, "the member already has a picture")
                continue
            blob = self.src.all(
                "SELECT content FROM ^blobs WHERE blobid = %s", (row["avatarblobid"],)
            )
            upload = ContentFile(blob[0]["content"], name=f"avatar.{row['format'] or 'jpg'}")
            try:
                accounts.set_avatar(user=user, upload=upload)
            except ValidationError as error:
                message = "; ".join(error.message_dict.get("avatar", [])) or str(error)
                self.link(Kind.AVATAR, row["userid"], None, f"picture refused: {message}")
                continue
            self.new_files.append(user.avatar)
            self.link(Kind.AVATAR, row["userid"], user_id)
        if wanted:
            self.flush()
        self.progress("avatars (qa_blobs)", total, total)

    def discard_new_files(self) -> None:
        """Delete the pictures this run stored (call when its transaction is rolled back)."""
        for stored in self.new_files:
            avatar_files.delete_files(stored)
        self.new_files = []

    @staticmethod
    def _nearest_level(level: int) -> str:
        below = [value for value in LEVELS if value <= (level or 0)]
        return LEVELS[max(below)] if below else User.Level.MEMBER

    # Categories and tags -------------------------------------------------------------

    def import_categories(self) -> None:
        rows = self.src.all("SELECT * FROM ^categories")
        rows.sort(key=lambda r: (r["backpath"].count("/"), r["parentid"] or 0, r["position"]))
        taken = set(Category.objects.values_list("slug", flat=True))
        with transaction.atomic():
            for row in rows:
                if self.done(Kind.CATEGORY, row["categoryid"]):
                    continue
                parent_id = self.new_id(Kind.CATEGORY, row["parentid"])
                if row["parentid"] and parent_id is None:
                    self.link(Kind.CATEGORY, row["categoryid"], None, "parent category skipped")
                    continue
                slug = base = slugify(row["tags"] or row["title"])[:70] or "category"
                if slug in taken:
                    path = "-".join(reversed(row["backpath"].split("/")))
                    slug = base = slugify(path)[:70] or base
                n = 1
                while slug in taken:
                    n += 1
                    slug = f"{base}-{n}"
                taken.add(slug)
                category = Category(
                    name=row["title"][:80],
                    slug=slug,
                    description=(row["content"] or "")[:300],
                    parent_id=parent_id,
                    position=row["position"] or 0,
                )
                category.save()
                self.link(Kind.CATEGORY, row["categoryid"], category.pk)
                # Old links name the whole path (/questions/parent/child).
                path = "/".join(reversed(row["backpath"].split("/")))
                self.link(Kind.CATEGORY_PATH, path, category.pk)
            self.flush()
        self.progress("qa_categories", len(rows), len(rows))

    def import_tags(self) -> None:
        words: set[str] = set()
        rows = self.src.all(
            "SELECT tags FROM ^posts WHERE type IN ('Q','Q_HIDDEN','Q_QUEUED') AND tags <> ''"
        )
        for row in rows:
            words.update(w.strip() for w in (row["tags"] or "").split(",") if w.strip())
        names: dict[str, str] = {}
        for word in sorted(words):
            if self.done(Kind.TAG, word.lower()):
                continue
            name = normalise_tag(word)[:40]
            names[word.lower()] = name
        existing = {t.name: t.pk for t in Tag.objects.filter(name__in=set(names.values()))}
        missing = sorted({n for n in names.values() if n and n not in existing})
        with transaction.atomic():
            Tag.objects.bulk_create([Tag(name=n) for n in missing], ignore_conflicts=True)
            existing.update(Tag.objects.filter(name__in=missing).values_list("name", "pk"))
            for word, name in names.items():
                if name:
                    self.link(Kind.TAG, word, existing[name])
                else:
                    self.link(Kind.TAG, word, None, "no letters or digits left in the tag")
            self.flush()
        self.progress("tags (qa_words)", len(words), len(words))

    # Posts ----------------------------------------------------------------------------

    def _author(self, row: dict[str, Any]) -> dict[str, Any]:
        user_id = self.new_id(Kind.USER, row["userid"])
        if user_id is not None:
            return {
                "author_id": user_id,
                "is_anonymous": False,
                "author_name": self.member_names.get(user_id, "")[:60],
                "notify_email": "",
            }
        notify = (row["notify"] or "").strip()
        if notify and notify != "@":
            try:
                validate_email(notify)
            except ValidationError:
                self.report.skipped[("notification email", "not a valid address")] += 1
                notify = ""
        else:
            notify = ""
        name = " ".join(markdown.clean_text(row["name"] or "").split())[:60]
        return {
            "author_id": None,
            "is_anonymous": True,
            "author_name": name,
            "notify_email": notify,
        }

    def _edit(self, row: dict[str, Any], who: dict[str, Any]) -> dict[str, Any]:
        if row["updatetype"] != "E" or row["updated"] is None:
            return {}
        editor_id = self.new_id(Kind.USER, row["lastuserid"])
        if editor_id is None or (who["is_anonymous"] and editor_id == who["author_id"]):
            name = who["author_name"]
        else:
            name = self.member_names.get(editor_id, "")
        return {
            "edited_at": aware(row["updated"]),
            "edited_by_id": editor_id,
            "edited_by_name": name[:60],
        }

    def _post_fields(self, row: dict[str, Any], *, comment: bool = False) -> dict[str, Any]:
        who = self._author(row)
        if comment:
            # Comments are plain text here, shown escaped with their line breaks
            # (posting.services.post_comment), not Markdown like questions and answers.
            body = markdown.clean_text(to_plain(row["content"] or "", row["format"] or ""))
            body_html = markdown.render_plain(body)
        else:
            body = to_markdown(row["content"] or "", row["format"] or "")
            body_html = markdown.render(body)
        status = STATUSES.get(row["type"][1:], Status.PUBLISHED)
        return {
            **who,
            **self._edit(row, who),
            "body": body,
            "body_html": body_html,
            "status": status,
            "created_at": aware(row["created"]),
        }

    @staticmethod
    def _revision(post: Any, **extra: Any) -> Revision:
        anonymous_editor = post.edited_by_id is None or (
            post.is_anonymous and post.edited_by_id == post.author_id
        )
        editor_id = post.edited_by_id if post.edited_at else post.author_id
        name = post.edited_by_name if post.edited_at else post.author_name
        return Revision(
            number=1,
            body=post.body,
            editor_id=editor_id,
            editor_name=name or ANONYMOUS_NAME,
            editor_anonymous=post.is_anonymous and (anonymous_editor or not post.edited_at),
            summary=SUMMARY,
            created_at=post.edited_at or post.created_at,
            **{post.post_kind: post},
            **extra,
        )

    @staticmethod
    def _points_owner(post: Any) -> int | None:
        return None if post.is_anonymous else post.author_id

    def _posted_event(self, post: Any, kind: str) -> PointEvent | None:
        # Posting points are awarded on first publication and never taken back
        # (posting.lifecycle): published and hidden posts earn them, queued ones not yet.
        owner = self._points_owner(post)
        if owner is None or post.status == Status.QUEUED:
            return None
        return PointEvent(
            user_id=owner,
            kind=kind,
            amount=self.amounts[kind],
            created_at=post.created_at,
            **{post.post_kind: post},
        )

    def _held(self, posts: list[Any]) -> None:
        for post in posts:
            if post.status == Status.QUEUED:
                open_review(
                    post,
                    queue=ReviewItem.Queue.HELD,
                    reason="Waiting for approval on the Question2Answer site.",
                    new=True,
                )

    def _stream_posts(self, types: str, table: str) -> Iterator[list[dict[str, Any]]]:
        where = f"type IN ({types})"
        total = self.src.count(f"SELECT COUNT(*) FROM ^posts WHERE {where}")  # noqa: S608
        rows = self.src.stream(
            f"SELECT {POST_COLUMNS} FROM ^posts WHERE {where} ORDER BY postid"  # noqa: S608
        )
        yield from self.batched(table, rows, total)

    def import_questions(self) -> None:
        noindex_anonymous = SiteConfiguration.load().noindex_anonymous_questions
        for batch in self._stream_posts("'Q','Q_HIDDEN','Q_QUEUED'", "questions (qa_posts)"):
            fresh = [r for r in batch if not self.done(Kind.QUESTION, r["postid"])]
            questions, tag_lists = [], []
            for row in fresh:
                fields = self._post_fields(row)
                title = " ".join((row["title"] or "").split())
                if len(title) > TITLE_MAX:
                    fields["body"] = f"{markdown_escape_title(title)}\n\n{fields['body']}"
                    fields["body_html"] = markdown.render(fields["body"])
                    title = title[: TITLE_MAX - 1].rstrip() + "…"
                category_id = self.new_id(Kind.CATEGORY, row["categoryid"])
                question = Question(
                    title=title or "(untitled)",
                    category_id=category_id or self.default_category(),
                    view_count=row["views"] or 0,
                    **fields,
                )
                question.slug = question_slug(question.title)
                question.noindex = question.is_anonymous and noindex_anonymous
                question.last_activity_at = question.created_at
                # byline_name, without reading the author row: _author gave the name.
                question.last_activity_name = question.author_name or ANONYMOUS_NAME
                question.last_activity_user_id = (
                    None if question.is_anonymous else question.author_id
                )
                questions.append(question)
                tags = []
                for word in (row["tags"] or "").split(","):
                    tag_id = self.new_id(Kind.TAG, word.strip().lower())
                    if tag_id and tag_id not in tags:
                        tags.append(tag_id)
                tag_lists.append(tags)
            with transaction.atomic():
                Question.objects.bulk_create(questions, batch_size=BATCH)
                through = Question.tags.through
                names = dict(Tag.objects.values_list("pk", "name")) if fresh else {}
                categories = dict(Category.objects.values_list("pk", "name")) if fresh else {}
                links, revisions, events, follows = [], [], [], []
                for question, tags in zip(questions, tag_lists, strict=True):
                    links += [through(question_id=question.pk, tag_id=t) for t in tags]
                    revisions.append(
                        self._revision(
                            question,
                            title=question.title,
                            tags=" ".join(names[t] for t in tags)[:250],
                            category_name=categories.get(question.category_id, ""),
                        )
                    )
                    if event := self._posted_event(question, PK.QUESTION_POSTED):
                        events.append(event)
                    if question.author_id:
                        follows.append(Follow(user_id=question.author_id, question=question))
                insert_objects(through, links)
                insert_objects(Revision, revisions)
                insert_objects(PointEvent, events)
                Follow.objects.bulk_create(follows, batch_size=BATCH, ignore_conflicts=True)
                self._held(questions)
                for row, question in zip(fresh, questions, strict=True):
                    self.link(Kind.QUESTION, row["postid"], question.pk)
                self.flush()

    def import_answers(self) -> None:
        for batch in self._stream_posts("'A','A_HIDDEN','A_QUEUED'", "answers (qa_posts)"):
            fresh = [r for r in batch if not self.done(Kind.ANSWER, r["postid"])]
            answers, rows = [], []
            with transaction.atomic():
                for row in fresh:
                    question_id = self.new_id(Kind.QUESTION, row["parentid"])
                    if question_id is None:
                        self.link(Kind.ANSWER, row["postid"], None, "its question is missing")
                        continue
                    answers.append(Answer(question_id=question_id, **self._post_fields(row)))
                    rows.append(row)
                Answer.objects.bulk_create(answers, batch_size=BATCH)
                insert_objects(Revision, [self._revision(a) for a in answers])
                events = [self._posted_event(a, PK.ANSWER_POSTED) for a in answers]
                insert_objects(PointEvent, [e for e in events if e])
                self._held(answers)
                for row, answer in zip(rows, answers, strict=True):
                    self.link(Kind.ANSWER, row["postid"], answer.pk)
                self.flush()

    def import_comments(self) -> None:
        answer_question = dict(
            Answer.objects.filter(
                pk__in=[v for v in self.links[Kind.ANSWER].values() if v]
            ).values_list("pk", "question_id")
        )
        for batch in self._stream_posts("'C','C_HIDDEN','C_QUEUED'", "comments (qa_posts)"):
            fresh = [r for r in batch if not self.done(Kind.COMMENT, r["postid"])]
            comments, rows = [], []
            with transaction.atomic():
                for row in fresh:
                    question_id = self.new_id(Kind.QUESTION, row["parentid"])
                    answer_id = self.new_id(Kind.ANSWER, row["parentid"])
                    if answer_id is not None:
                        question_id = answer_question.get(answer_id)
                    if question_id is None:
                        self.link(Kind.COMMENT, row["postid"], None, "its post is missing")
                        continue
                    comments.append(
                        Comment(
                            question_id=question_id,
                            answer_id=answer_id,
                            **self._post_fields(row, comment=True),
                        )
                    )
                    rows.append(row)
                Comment.objects.bulk_create(comments, batch_size=BATCH)
                insert_objects(Revision, [self._revision(c) for c in comments])
                self._held(comments)
                for row, comment in zip(rows, comments, strict=True):
                    self.link(Kind.COMMENT, row["postid"], comment.pk)
                self.flush()

    # Closing, best answers, related questions ----------------------------------------

    def import_closures(self) -> None:
        rows = self.src.all(
            "SELECT q.postid, q.updated, q.updatetype, c.postid AS byid, c.type AS bytype,"
            " c.content AS note, c.created AS noted"
            " FROM ^posts q JOIN ^posts c ON c.postid = q.closedbyid"
            " WHERE q.closedbyid IS NOT NULL AND q.type LIKE 'Q%%'"
        )
        with transaction.atomic():
            for row in rows:
                question_id = self.new_id(Kind.QUESTION, row["postid"])
                if question_id is None:
                    continue
                if row["bytype"] == "NOTE":
                    if not self.done(Kind.NOTE, row["byid"]):
                        self.link(Kind.NOTE, row["byid"], question_id, "close note")
                    fields: dict[str, Any] = {
                        "close_reason": Question.CloseReason.OTHER,
                        "close_note": " ".join((row["note"] or "").split())[:300],
                        "duplicate_of": None,
                        "closed_at": aware(row["noted"]),
                    }
                else:
                    original = self.new_id(Kind.QUESTION, row["byid"])
                    when = row["updated"] if row["updatetype"] == "C" else None
                    fields = {
                        "close_reason": Question.CloseReason.DUPLICATE,
                        "close_note": "",
                        "duplicate_of_id": original,
                        "closed_at": aware(when) or timezone.now(),
                    }
                    if original is None:
                        fields["close_reason"] = Question.CloseReason.OTHER
                        fields["close_note"] = "Closed as a duplicate on the old site."
                unchanged = Question.objects.filter(
                    pk=question_id, **{k: v for k, v in fields.items() if k != "closed_at"}
                ).exclude(closed_at=None)
                if not unchanged.exists():
                    Question.objects.filter(pk=question_id).update(**fields)
            self.flush()
        self.progress("closed questions", len(rows), len(rows))

    def import_selections(self) -> None:
        rows = self.src.all(
            "SELECT postid, selchildid FROM ^posts WHERE selchildid IS NOT NULL AND type LIKE 'Q%%'"
        )
        pairs = [
            (self.new_id(Kind.QUESTION, r["postid"]), self.new_id(Kind.ANSWER, r["selchildid"]))
            for r in rows
        ]
        questions = Question.objects.in_bulk([q for q, _ in pairs if q])
        answers = Answer.objects.in_bulk([a for _, a in pairs if a])
        chosen: list[Question] = []
        events: list[tuple[Any, ...]] = []
        for question_id, answer_id in pairs:
            question = questions.get(question_id) if question_id else None
            answer = answers.get(answer_id) if answer_id else None
            if question is None or answer is None:
                self.report.skipped[("best answer", "question or answer missing")] += 1
                continue
            if question.accepted_answer_id == answer.pk:
                continue
            if answer.status != Status.PUBLISHED or answer.question_id != question.pk:
                self.report.skipped[("best answer", "the answer is not visible")] += 1
                continue
            question.accepted_answer_id = answer.pk
            chosen.append(question)
            # As posting.services.select_best_answer awards them, the asker choosing.
            owner = self._points_owner(answer)
            asker = self._points_owner(question)
            if owner is not None and owner != question.author_id:
                amount = self.amounts[PK.ANSWER_SELECTED]
                events.append((owner, PK.ANSWER_SELECTED, amount, answer.pk, answer.created_at))
                if asker is not None:
                    amount = self.amounts[PK.BEST_ANSWER_SELECTED]
                    events.append(
                        (asker, PK.BEST_ANSWER_SELECTED, amount, answer.pk, answer.created_at)
                    )
        with transaction.atomic():
            update_columns(Question, chosen, ["accepted_answer"])
            insert_rows(PointEvent, ["user", "kind", "amount", "answer", "created_at"], events)
        self.report.created["best answer"] += len(chosen)
        self.progress("best answers", len(rows), len(rows))

    def import_follow_ons(self) -> None:
        rows = self.src.all(
            "SELECT postid, parentid FROM ^posts WHERE type LIKE 'Q%%' AND parentid IS NOT NULL"
        )
        with transaction.atomic():
            for row in rows:
                question_id = self.new_id(Kind.QUESTION, row["postid"])
                answer_id = self.new_id(Kind.ANSWER, row["parentid"])
                if question_id and answer_id:
                    Question.objects.filter(pk=question_id).update(follow_on_id=answer_id)
        self.progress("follow-on questions", len(rows), len(rows))

    # Votes, flags, favourites ---------------------------------------------------------

    def import_votes(self) -> None:
        """Votes (vote <> 0 on questions and answers) and flags. A vote's own unique
        (voter, post) row says it is done, so votes need no LegacyLink; rows and points
        are written with prepared INSERTs (130,000 votes make 390,000 rows)."""
        total = self.src.count("SELECT COUNT(*) FROM ^uservotes")
        owners: dict[tuple[str, int], int | None] = {}
        for model, kind in ((Question, Kind.QUESTION), (Answer, Kind.ANSWER)):
            ids = [v for v in self.links[kind].values() if v]
            for pk, author, anonymous in model.objects.filter(pk__in=ids).values_list(
                "pk", "author_id", "is_anonymous"
            ):
                owners[(kind, pk)] = None if anonymous else author
        voted = {
            (voter, Kind.QUESTION if question else Kind.ANSWER, question or answer)
            for voter, question, answer in Vote.objects.filter(
                voter__in=[v for v in self.links[Kind.USER].values() if v]
            ).values_list("voter", "question", "answer")
        }
        rows = self.src.stream(
            "SELECT v.postid, v.userid, v.vote, v.flag, v.votecreated, v.voteupdated,"
            " LEFT(p.type, 1) AS kind FROM ^uservotes v JOIN ^posts p ON p.postid = v.postid"
            " ORDER BY v.postid, v.userid"
        )
        kinds = {"Q": Kind.QUESTION, "A": Kind.ANSWER, "C": Kind.COMMENT}
        cast = self.amounts[PK.VOTE_CAST]
        received = {
            (Kind.QUESTION, 1): PK.QUESTION_UPVOTED,
            (Kind.QUESTION, -1): PK.QUESTION_DOWNVOTED,
            (Kind.ANSWER, 1): PK.ANSWER_UPVOTED,
            (Kind.ANSWER, -1): PK.ANSWER_DOWNVOTED,
        }
        when_now = timezone.now()
        for batch in self.batched("qa_uservotes", rows, total):
            votes: list[tuple[Any, ...]] = []
            events: list[tuple[Any, ...]] = []
            flags: list[tuple[str, Flag]] = []
            with transaction.atomic():
                for row in batch:
                    key = f"{row['userid']}:{row['postid']}"
                    voter = self.new_id(Kind.USER, row["userid"])
                    target_kind = kinds.get(row["kind"])
                    target = self.new_id(target_kind, row["postid"]) if target_kind else None
                    if row["flag"] and not self.done(Kind.FLAG, key):
                        if voter and target:
                            flag = Flag(
                                flagger_id=voter,
                                reason=Flag.Reason.OTHER,
                                text="Flagged on the Question2Answer site.",
                                created_at=aware(row["votecreated"]) or when_now,
                                **{f"{target_kind}_id": target},
                            )
                            flags.append((key, flag))
                        else:
                            self.link(Kind.FLAG, key, None, "member or post missing")
                    if not row["vote"]:
                        if not row["flag"] and not self.done(Kind.VOTE, key):
                            self.link(Kind.VOTE, key, None, "vote taken back (vote=0)")
                        continue
                    if target_kind == Kind.COMMENT:
                        if not self.done(Kind.VOTE, key):
                            self.link(
                                Kind.VOTE, key, None, "a vote on a comment (Mindwell has none)"
                            )
                        continue
                    if voter is None or target is None or target_kind is None:
                        if not self.done(Kind.VOTE, key):
                            self.link(Kind.VOTE, key, None, "member or post missing")
                        continue
                    if (voter, target_kind, target) in voted:
                        continue
                    voted.add((voter, target_kind, target))
                    value = 1 if row["vote"] > 0 else -1
                    when = aware(row["votecreated"]) or when_now
                    updated = aware(row["voteupdated"]) or when
                    question = target if target_kind == Kind.QUESTION else None
                    answer = target if target_kind == Kind.ANSWER else None
                    votes.append((voter, question, answer, value, when, updated))
                    events.append((voter, PK.VOTE_CAST, cast, question, answer, when))
                    owner = owners.get((target_kind, target))
                    if owner is not None:
                        event_kind = received[(target_kind, value)]
                        events.append((owner, event_kind, 1, question, answer, when))
                insert_rows(
                    Vote,
                    ["voter", "question", "answer", "value", "created_at", "updated_at"],
                    votes,
                )
                insert_rows(
                    PointEvent,
                    ["user", "kind", "amount", "question", "answer", "created_at"],
                    events,
                )
                Flag.objects.bulk_create([f for _, f in flags], batch_size=BATCH)
                for key, flag in flags:
                    self.link(Kind.FLAG, key, flag.pk)
                    post = flag.post
                    if post.status == Status.PUBLISHED:
                        open_review(
                            post, queue=ReviewItem.Queue.FLAGGED, reason="Flagged: Something else"
                        )
                self.report.created[Kind.VOTE] += len(votes)
                self.flush()

    def import_favourites(self) -> None:
        words = {
            str(r["wordid"]): r["word"]
            for r in self.src.all(
                "SELECT w.wordid, w.word FROM ^words w JOIN ^userfavorites f"
                " ON f.entitytype = 'T' AND f.entityid = w.wordid"
            )
        }
        rows = self.src.all("SELECT userid, entitytype, entityid FROM ^userfavorites")
        targets = {
            "Q": ("question", Kind.QUESTION),
            "U": ("member", Kind.USER),
            "C": ("category", Kind.CATEGORY),
            "T": ("tag", Kind.TAG),
        }
        with transaction.atomic():
            for row in rows:
                key = f"{row['userid']}:{row['entitytype']}:{row['entityid']}"
                if self.done(Kind.FAVORITE, key):
                    continue
                user = self.new_id(Kind.USER, row["userid"])
                field_name, kind = targets.get(row["entitytype"], ("", ""))
                old = row["entityid"]
                if row["entitytype"] == "T":
                    old = (words.get(str(old)) or "").lower()
                target = self.new_id(kind, old) if kind else None
                if user is None or target is None or (field_name == "member" and target == user):
                    self.link(Kind.FAVORITE, key, None, "member or followed thing missing")
                    continue
                lookup: dict[str, Any] = {"user_id": user, f"{field_name}_id": target}
                follow, _ = Follow.objects.get_or_create(**lookup)
                self.link(Kind.FAVORITE, key, follow.pk)
            self.flush()
        self.progress("qa_userfavorites", len(rows), len(rows))

    # Links inside posts ----------------------------------------------------------------

    def resolve(self, post_id: int, show: int | None) -> str | None:
        question_id = self.new_id(Kind.QUESTION, post_id)
        if question_id is None:
            return None
        slug = self._slugs.get(question_id) if hasattr(self, "_slugs") else None
        if slug is None:
            return None
        url = reverse("qa:question_detail", kwargs={"question_id": question_id, "slug": slug})
        if show is not None:
            if answer := self.new_id(Kind.ANSWER, show):
                return f"{url}#a{answer}"
            if comment := self.new_id(Kind.COMMENT, show):
                return f"{url}#c{comment}"
        return url

    def rewrite_internal_links(self) -> None:
        host = self.site_url.split("://", 1)[-1].rstrip("/")
        self._slugs = dict(
            Question.objects.filter(
                pk__in=[v for v in self.links[Kind.QUESTION].values() if v]
            ).values_list("pk", "slug")
        )
        changed = 0
        # Questions and answers only: comments are plain text, where a link is shown as
        # written, and an old address there still leads to the post (the redirects).
        with transaction.atomic():
            for model, kind in ((Question, Kind.QUESTION), (Answer, Kind.ANSWER)):
                ids = [v for v in self.links[kind].values() if v]
                candidates = model.objects.filter(pk__in=ids).filter(
                    Q(body__contains="qa=")
                    | Q(body__contains="../")
                    | (Q(body__contains=host) if host else Q(pk=None))
                )
                for post in candidates.only("pk", "body"):
                    body = rewrite_links(
                        post.body,
                        site_url=self.site_url or "https://invalid.invalid/",
                        resolve=self.resolve,
                    )
                    if body != post.body:
                        model.objects.filter(pk=post.pk).update(
                            body=body, body_html=markdown.render(body)
                        )
                        changed += 1
        self.report.created["internal links rewritten (posts)"] = changed
        self.progress("internal links", changed, changed)

    # Counters, search, points ----------------------------------------------------------

    def recount(self) -> None:
        question_ids = [v for v in self.links[Kind.QUESTION].values() if v]
        with transaction.atomic():
            self.recount_votes()
            self.recount_answer_comments()
            recount_question_counters()
            self.latest_activity(question_ids)
            recount_taxonomy()
        count, seconds = rebuild_index()
        self.report.timings["search index"] = seconds
        bump_version("questions")
        self.progress("counters, search", count, count)

    def recount_and_compare_points(self) -> None:
        user_ids = self.ids(Kind.USER)
        self.points_from_ledger()
        if not self.src.has_table("userpoints"):
            return
        back = {v: int(k) for k, v in self.links[Kind.USER].items() if v and k.isdigit()}
        mindwell = dict(User.objects.filter(pk__in=user_ids).values_list("pk", "points"))
        ledger: dict[int, Counter[str]] = defaultdict(Counter)
        for user, kind, total in (
            PointEvent.objects.filter(user__in=user_ids)
            .values("user", "kind")
            .annotate(total=Sum("amount"))
            .values_list("user", "kind", "total")
        ):
            ledger[user][kind] = total
        q2a = {r["userid"]: r for r in self.src.all("SELECT * FROM ^userpoints")}
        int(self.options.get("points_multiple", 10) or 10)
        handles = {
            r["userid"]: r["handle"] for r in self.src.all("SELECT userid, handle FROM ^users")
        }
        same = 0
        for new, old in sorted(back.items(), key=lambda kv: kv[1]):
            row = q2a.get(old)
            if row is None:
                continue
            if row["points"] == mindwell.get(new):
                same += 1
                continue
            mine = ledger[new]
            reasons = []
            if row["bonus"]:
                reasons.append(f"Q2A bonus {row['bonus']:+d} (Mindwell has no bonus points)")
            q_posts = mine[PK.QUESTION_POSTED] // max(flat_amount(PK.QUESTION_POSTED), 1)
            if q_posts != row["qposts"]:
                reasons.append(
                    f"questions earning points {q_posts} here, {row['qposts']} on Q2A "
                    "(Mindwell keeps the points of a post hidden after publication)"
                )
            a_posts = mine[PK.ANSWER_POSTED] // max(flat_amount(PK.ANSWER_POSTED), 1)
            if a_posts != row["aposts"]:
                reasons.append(
                    f"answers earning points {a_posts} here, {row['aposts']} on Q2A "
                    "(Mindwell keeps the points of a post hidden after publication)"
                )
            selects = mine[PK.BEST_ANSWER_SELECTED] // max(flat_amount(PK.BEST_ANSWER_SELECTED), 1)
            if selects != row["aselects"]:
                reasons.append(
                    f"best answers chosen {selects} here, {row['aselects']} on Q2A "
                    "(Mindwell gives nothing for choosing one's own answer)"
                )
            selected = mine[PK.ANSWER_SELECTED] // max(flat_amount(PK.ANSWER_SELECTED), 1)
            if selected != row["aselecteds"]:
                reasons.append(f"answers selected {selected} here, {row['aselecteds']} on Q2A")
            cast = mine[PK.VOTE_CAST]
            q2a_cast = row["qupvotes"] + row["qdownvotes"] + row["aupvotes"] + row["adownvotes"]
            if cast != q2a_cast:
                reasons.append(f"votes cast {cast} here, {q2a_cast} on Q2A")
            if not reasons:
                reasons.append("votes received (capped per post) differ")
            diff = (mindwell.get(new) or 0) - row["points"]
            self.report.points_differ.append(
                f"{handles.get(old, old)}: Q2A {row['points']}, Mindwell {mindwell.get(new)} "
                f"({diff:+d}): " + "; ".join(reasons)
            )
        self.report.notes.append(
            f"Points: {same} of {len(q2a)} members have the same total as on Q2A."
        )

    # The report ------------------------------------------------------------------------

    def count_side_by_side(self) -> None:
        src = self.src
        imported = {k: [v for v in self.links[k].values() if v] for k in Kind.values}

        def status_counts(model: Any, kind: str) -> dict[str, int]:
            return dict(
                model.objects.filter(pk__in=imported[kind])
                .values("status")
                .annotate(n=Count("pk"))
                .values_list("status", "n")
            )

        for kind, note, n in (
            LegacyLink.objects.filter(source=SOURCE, new_id=None)
            .values("kind", "note")
            .annotate(n=Count("pk"))
            .values_list("kind", "note", "n")
        ):
            self.report.skipped[(kind, note)] = n
        c = self.report.counts
        c["members"] = (
            src.count("SELECT COUNT(*) FROM ^users"),
            User.objects.filter(pk__in=imported[Kind.USER]).count(),
        )
        c["avatars"] = (
            src.count(
                "SELECT COUNT(*) FROM ^users WHERE avatarblobid IS NOT NULL AND flags & %s",
                (FLAG_SHOW_AVATAR,),
            ),
            User.objects.filter(pk__in=imported[Kind.AVATAR]).exclude(avatar="").count(),
        )
        c["verified emails"] = (
            src.count("SELECT COUNT(*) FROM ^users WHERE flags & 1"),
            EmailAddress.objects.filter(user__in=imported[Kind.USER], verified=True).count(),
        )
        c["categories"] = (
            src.count("SELECT COUNT(*) FROM ^categories"),
            len(set(imported[Kind.CATEGORY]) - {self.new_id(Kind.CATEGORY, "none")}),
        )
        c["tags"] = (len(self.links[Kind.TAG]), len(set(imported[Kind.TAG])))
        for model, kind, letter in (
            (Question, Kind.QUESTION, "Q"),
            (Answer, Kind.ANSWER, "A"),
            (Comment, Kind.COMMENT, "C"),
        ):
            mine = status_counts(model, kind)
            for suffix, status in STATUSES.items():
                label = f"{kind}s {status}"
                c[label] = (
                    src.count("SELECT COUNT(*) FROM ^posts WHERE type = %s", (letter + suffix,)),
                    mine.get(status, 0),
                )
        c["anonymous posts"] = (
            src.count("SELECT COUNT(*) FROM ^posts WHERE userid IS NULL AND type <> 'NOTE'"),
            sum(
                m.objects.filter(pk__in=imported[k], author=None).count()
                for m, k in (
                    (Question, Kind.QUESTION),
                    (Answer, Kind.ANSWER),
                    (Comment, Kind.COMMENT),
                )
            ),
        )
        c["votes (questions, answers)"] = (
            src.count(
                "SELECT COUNT(*) FROM ^uservotes v JOIN ^posts p ON p.postid = v.postid"
                " WHERE v.vote <> 0 AND LEFT(p.type, 1) IN ('Q', 'A')"
            ),
            Vote.objects.filter(
                Q(question__in=imported[Kind.QUESTION]) | Q(answer__in=imported[Kind.ANSWER])
            ).count(),
        )
        c["votes on comments"] = (
            src.count(
                "SELECT COUNT(*) FROM ^uservotes v JOIN ^posts p ON p.postid = v.postid"
                " WHERE v.vote <> 0 AND LEFT(p.type, 1) = 'C'"
            ),
            0,
        )
        c["flags"] = (
            src.count("SELECT COUNT(*) FROM ^uservotes WHERE flag = 1"),
            Flag.objects.filter(pk__in=imported[Kind.FLAG]).count(),
        )
        c["best answers"] = (
            src.count(
                "SELECT COUNT(*) FROM ^posts WHERE selchildid IS NOT NULL AND type LIKE 'Q%%'"
            ),
            Question.objects.filter(pk__in=imported[Kind.QUESTION])
            .exclude(accepted_answer=None)
            .count(),
        )
        c["closed questions"] = (
            src.count(
                "SELECT COUNT(*) FROM ^posts WHERE closedbyid IS NOT NULL AND type LIKE 'Q%%'"
            ),
            Question.objects.filter(pk__in=imported[Kind.QUESTION]).exclude(closed_at=None).count(),
        )
        c["favourites -> follows"] = (
            src.count("SELECT COUNT(*) FROM ^userfavorites"),
            len(imported[Kind.FAVORITE]),
        )
        c["follow-on questions"] = (
            src.count("SELECT COUNT(*) FROM ^posts WHERE parentid IS NOT NULL AND type LIKE 'Q%%'"),
            Question.objects.filter(pk__in=imported[Kind.QUESTION]).exclude(follow_on=None).count(),
        )
        c["views"] = (
            src.count("SELECT COALESCE(SUM(views), 0) FROM ^posts WHERE type LIKE 'Q%%'"),
            Question.objects.filter(pk__in=imported[Kind.QUESTION]).aggregate(v=Sum("view_count"))[
                "v"
            ]
            or 0,
        )
        c["points (sum)"] = (
            src.count("SELECT COALESCE(SUM(points), 0) FROM ^userpoints"),
            User.objects.filter(pk__in=imported[Kind.USER]).aggregate(p=Sum("points"))["p"] or 0,
        )

    def _category_levels(self) -> list[str]:
        """Q2A's per-category levels (qa_userlevels), as "handle: Level in Category"."""
        rows = self.src.all(
            "SELECT l.entitytype, l.level, u.handle, c.title FROM ^userlevels l"
            " LEFT JOIN ^users u ON u.userid = l.userid"
            " LEFT JOIN ^categories c ON l.entitytype = 'C' AND c.categoryid = l.entityid"
            " ORDER BY u.handle, c.title"
        )
        lines = []
        for row in rows:
            level = User.Level(LEVELS.get(row["level"], self._nearest_level(row["level"])))
            where = f"in “{row['title']}”" if row["title"] else f"on {row['entitytype']}"
            lines.append(f"{row['handle'] or 'a deleted member'}: {level.label} {where}")
        return lines

    def note_what_has_no_place(self) -> None:
        notes = self.report.notes
        src = self.src
        if n := src.count(
            "SELECT COUNT(*) FROM ^users WHERE flags & %s AND NOT flags & %s",
            (FLAG_SHOW_GRAVATAR, FLAG_SHOW_AVATAR),
        ):
            notes.append(
                f"{n} member(s) showed a Gravatar on Q2A: not fetched (the import calls no "
                "third party); they show generated initials until they upload a picture."
            )
        if n := src.count("SELECT COUNT(*) FROM ^messages"):
            notes.append(
                f"{n} wall post(s) and private message(s) not imported: Mindwell has no messages."
            )
        if levels := self._category_levels():
            shown = "; ".join(levels[:20]) + ("; …" if len(levels) > 20 else "")
            notes.append(
                f"{len(levels)} per-category level(s) not imported: Mindwell has no "
                "per-category levels (a member's level is site-wide and came along); give "
                f"these by hand where wanted: {shown}."
            )
        if n := src.count("SELECT COUNT(*) FROM ^userlogins"):
            notes.append(
                f"{n} external login(s) (e.g. Facebook) not imported: those members set a "
                "password with 'forgot password' on their email address."
            )
        if n := src.count("SELECT COUNT(*) FROM ^posts WHERE type = 'NOTE'"):
            notes.append(f"{n} close note(s) became the close reason of their question.")


def markdown_escape_title(title: str) -> str:
    from mindwell.importers.q2a.content import plain_to_markdown

    return f"**{plain_to_markdown(title)}**"


__all__ = ["Interrupted", "Q2AImport", "Report"]
