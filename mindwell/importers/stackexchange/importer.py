"""A Stack Exchange data dump to Mindwell, on the Question2Answer importer's pieces.

Like q2a.importer (both stand on importers.common): every dump row that is read leaves
a LegacyLink (source "se") in the same transaction as the rows it made, so a second run
skips what is done and a stopped run continues; rows are written in bulk, then counters,
points and the search index are rebuilt with the site's own recount code. HTML bodies
become safe Markdown with the Q2A converter (q2a.content); the plumbing, bulk writers and
recounts are importers.common's.

What a dump cannot give, and what is done instead:
- No emails or passwords: members get an unusable password (see README for claiming).
- Votes are anonymous (no voter): Mindwell keeps no Vote rows for them (a Vote needs a
  voter); each post keeps the dump's Score, its up/down tallies from Votes.xml, and the
  owner's points ledger gets one "upvoted"/"downvoted" event per vote, so points come
  out of the same formula as on the site. Favourites (VoteTypeId 5, with UserId) become
  follows.
- CC BY-SA attribution: each imported post ends with a line naming its author and
  linking to the original post (when the site's address is known).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from markdown_it import MarkdownIt

from mindwell.accounts.models import User
from mindwell.core import markdown
from mindwell.core.cache import bump_version
from mindwell.core.models import SiteConfiguration
from mindwell.importers.common import (
    BATCH,
    BaseImport,
    Interrupted,
    Report,
    insert_rows,
    question_slug,
    recount_taxonomy,
    unique_username,
    update_columns,
)
from mindwell.importers.models import LegacyLink
from mindwell.importers.q2a.content import html_to_markdown, html_to_plain, plain_to_markdown
from mindwell.importers.stackexchange.dump import Dump, parse_date, parse_int, parse_tags
from mindwell.notifications.models import Follow
from mindwell.qa.content import recount_question_counters
from mindwell.qa.models import (
    ANONYMOUS_NAME,
    BODY_MAX,
    COMMENT_MAX,
    TITLE_MAX,
    Answer,
    Comment,
    Question,
    Revision,
    Status,
)
from mindwell.reputation.models import PointEvent
from mindwell.reputation.services import flat_amount
from mindwell.search.services import rebuild_index
from mindwell.taxonomy.models import Category, Tag
from mindwell.taxonomy.services import normalise_tag

SOURCE = "se"
Kind = LegacyLink.Kind
PK = PointEvent.Kind
SUMMARY = "Imported from Stack Exchange"
QUESTION, ANSWER = "1", "2"
VOTE_ACCEPTED, VOTE_UP, VOTE_DOWN, VOTE_FAVOURITE = "1", "2", "3", "5"
LINK_DUPLICATE = "3"
# PostHistoryTypeId: initial/edit/rollback of title (1, 4, 7), body (2, 5, 8), tags (3, 6, 9).
HISTORY_TITLE, HISTORY_BODY, HISTORY_TAGS = {"1", "4", "7"}, {"2", "5", "8"}, {"3", "6", "9"}
# PostHistoryTypeId of a question closed (its Comment holds the close reason id) or reopened.
HISTORY_CLOSED, HISTORY_REOPENED = "10", "11"
_NEEDS_DETAIL, _OFF_TOPIC = Question.CloseReason.NEEDS_DETAIL, Question.CloseReason.OFF_TOPIC
# Stack Exchange's close reason ids (CloseReasonTypes: 1-20 before 2013, 101-105 since),
# as Mindwell's reasons, with the label Stack Exchange showed.
CLOSE_REASONS: dict[str, tuple[str, str]] = {
    "1": (Question.CloseReason.DUPLICATE, "exact duplicate"),
    "2": (_OFF_TOPIC, "off topic"),
    "3": (Question.CloseReason.OTHER, "subjective and argumentative"),
    "4": (_NEEDS_DETAIL, "not a real question"),
    "7": (_OFF_TOPIC, "too localized"),
    "10": (Question.CloseReason.OTHER, "general reference"),
    "20": (Question.CloseReason.OTHER, "noise or pointless"),
    "101": (Question.CloseReason.DUPLICATE, "duplicate"),
    "102": (_OFF_TOPIC, "off-topic"),
    "103": (_NEEDS_DETAIL, "unclear what you're asking"),
    "104": (_NEEDS_DETAIL, "too broad"),
    "105": (Question.CloseReason.OTHER, "primarily opinion-based"),
}

# Stack Exchange's Markdown allows some raw HTML: rendered with it, then converted back.
_SOURCE_MARKDOWN = MarkdownIt("commonmark", {"html": True})

__all__ = ["SOURCE", "Interrupted", "Report", "StackExchangeImport"]


_COMMENT_MARKDOWN = MarkdownIt("commonmark", {"html": False})


def comment_plain(text: str) -> str:
    """Comment text (Stack Exchange's mini-Markdown) as the plain text the site keeps for
    its own comments: emphasis and code as their words, a link as "words (address)";
    `<b>` stays the text it was written as."""
    text = " ".join((text or "").split())
    return html_to_plain(_COMMENT_MARKDOWN.render(text)) if text else ""


class StackExchangeImport(BaseImport):
    source = SOURCE

    def __init__(
        self,
        dump: Dump,
        *,
        site_url: str = "",
        out: Any = None,
        stop_after: int | None = None,
    ) -> None:
        super().__init__(out=out, stop_after=stop_after)
        self.dump = dump
        self.site_url = (site_url or (f"https://{dump.site}" if dump.site else "")).rstrip("/")
        self.tally: dict[str, Counter[str]] = {"up": Counter(), "down": Counter()}

    # Plumbing (the rest is BaseImport's) -----------------------------------------------

    def progress(self, table: str, done: int, *, last: bool = False) -> None:
        if last or self.out.isatty():
            prefix = "\r" if self.out.isatty() else ""
            self.out.write(f"{prefix}  {table:<22} {done:>8,}{chr(10) if last else ''}")
            self.out.flush()

    def batched(self, table: str, rows: Iterable[dict[str, str]]) -> Iterator[list[dict[str, str]]]:
        batch: list[dict[str, str]] = []
        seen = 0
        for seen, row in enumerate(rows, start=1):
            batch.append(row)
            if len(batch) >= BATCH:
                yield batch
                batch = []
                self.progress(table, seen)
        if batch:
            yield batch
        self.progress(table, seen, last=True)

    def run(self) -> Report:
        for name, function in [
            ("users", self.import_users),
            ("questions", self.import_questions),
            ("answers", self.import_answers),
            ("comments", self.import_comments),
            ("best answers", self.import_accepted),
            ("closed and duplicates", self.import_closures),
            ("votes and favourites", self.import_votes),
            ("edit history", self.import_history),
            ("counters and search", self.recount),
            ("points", self.recount_points),
        ]:
            self.step(name, function)
        self.count_side_by_side()
        return self.report

    # Members ---------------------------------------------------------------------------

    @staticmethod
    def _about(row: dict[str, str]) -> str:
        parts = [html_to_markdown(row.get("AboutMe") or "")]
        extra = [
            f"{label}: {plain_to_markdown(value.strip())}"
            for label, value in (
                ("Location", row.get("Location") or ""),
                ("Website", row.get("WebsiteUrl") or ""),
            )
            if value.strip()
        ]
        if extra:
            parts.append("\\\n".join(extra))
        return "\n\n".join(p for p in parts if p)[:1000]

    def import_users(self) -> None:
        taken = {u.lower() for u in User.objects.values_list("username", flat=True)}
        unusable = make_password(None)
        for batch in self.batched("Users.xml", self.dump.rows("Users.xml")):
            fresh = [r for r in batch if r.get("Id") and not self.done(Kind.USER, r["Id"])]
            users = []
            for row in fresh:
                display = " ".join((row.get("DisplayName") or "").split())
                username = unique_username(display, taken, f"member-{row['Id'].lstrip('-')}")
                users.append(
                    User(
                        username=username,
                        display_name=display[:60] if display != username else "",
                        email="",
                        password=unusable,
                        date_joined=parse_date(row.get("CreationDate")) or timezone.now(),
                        last_login=None,
                        about=self._about(row),
                    )
                )
            with transaction.atomic():
                User.objects.bulk_create(users, batch_size=BATCH)
                for row, user in zip(fresh, users, strict=True):
                    self.link(Kind.USER, row["Id"], user.pk)
                self.flush()
        self.load_member_names()

    # Posts -----------------------------------------------------------------------------

    def _author(self, row: dict[str, str], user_key: str, name_key: str) -> dict[str, Any]:
        user_id = self.new_id(Kind.USER, row.get(user_key))
        if user_id is not None:
            return {
                "author_id": user_id,
                "is_anonymous": False,
                "author_name": self.member_names.get(user_id, "")[:60],
            }
        # A deleted account: the dump keeps only the name it posted under.
        name = " ".join(markdown.clean_text(row.get(name_key) or "").split())[:60]
        return {"author_id": None, "is_anonymous": True, "author_name": name}

    def _attribution(self, row: dict[str, str], who: dict[str, Any], path: str) -> str:
        name = plain_to_markdown(who["author_name"] or "an unknown user")
        if self.site_url:
            source = f"[the original post]({self.site_url}/{path}/{row['Id']})"
        else:
            source = "a Stack Exchange data dump"
        return f"*Imported from {source}, by {name}; licensed CC BY-SA.*"

    def _post_fields(self, row: dict[str, str], path: str) -> dict[str, Any]:
        who = self._author(row, "OwnerUserId", "OwnerDisplayName")
        body = html_to_markdown(row.get("Body") or "")
        footer = self._attribution(row, who, path)
        body = f"{body[: BODY_MAX - len(footer) - 10]}\n\n---\n\n{footer}".strip()
        created = parse_date(row.get("CreationDate")) or timezone.now()
        fields: dict[str, Any] = {
            **who,
            "body": body,
            "body_html": markdown.render(body),
            "status": Status.PUBLISHED,
            "created_at": created,
        }
        edited = parse_date(row.get("LastEditDate"))
        if edited:
            editor = self.new_id(Kind.USER, row.get("LastEditorUserId"))
            fields["edited_at"] = edited
            fields["edited_by_id"] = editor
            fields["edited_by_name"] = (
                self.member_names.get(editor, "")
                if editor
                else (row.get("LastEditorDisplayName") or "")
            )[:60]
        return fields

    def _posted_event(self, post: Any, kind: str) -> PointEvent | None:
        if post.is_anonymous or post.author_id is None:
            return None
        return PointEvent(
            user_id=post.author_id,
            kind=kind,
            amount=flat_amount(kind),
            created_at=post.created_at,
            **{post.post_kind: post},
        )

    def _tag_ids(self, words: Iterable[str]) -> dict[str, int | None]:
        """Tag ids for these dump tag names, creating the tags (and their links) once."""
        words = list(words)
        wanted = {w.lower() for w in words if not self.done(Kind.TAG, w.lower())}
        names = {w: normalise_tag(w)[:40] for w in wanted}
        if names:
            Tag.objects.bulk_create(
                [Tag(name=n) for n in sorted(set(names.values())) if n], ignore_conflicts=True
            )
            found = dict(Tag.objects.filter(name__in=set(names.values())).values_list("name", "pk"))
            for word, name in sorted(names.items()):
                if name:
                    self.link(Kind.TAG, word, found[name])
                else:
                    self.link(Kind.TAG, word, None, "no letters or digits left in the tag")
        return {w.lower(): self.new_id(Kind.TAG, w.lower()) for w in words}

    def import_questions(self) -> None:
        noindex_anonymous = SiteConfiguration.load().noindex_anonymous_questions
        category_id = self.default_category()
        category_name = Category.objects.get(pk=category_id).name
        rows = (r for r in self.dump.rows("Posts.xml") if r.get("PostTypeId") == QUESTION)
        for batch in self.batched("questions (Posts.xml)", rows):
            fresh = [r for r in batch if not self.done(Kind.QUESTION, r["Id"])]
            if not fresh:
                continue
            with transaction.atomic():
                tag_words = {r["Id"]: parse_tags(r.get("Tags")) for r in fresh}
                tag_ids = self._tag_ids(w for words in tag_words.values() for w in words)
                questions, tag_lists = [], []
                for row in fresh:
                    fields = self._post_fields(row, "q")
                    title = " ".join(markdown.clean_text(row.get("Title") or "").split())
                    if len(title) > TITLE_MAX:
                        title = title[: TITLE_MAX - 1].rstrip() + "…"
                    score = parse_int(row.get("Score")) or 0
                    question = Question(
                        title=title or "(untitled)",
                        category_id=category_id,
                        view_count=max(parse_int(row.get("ViewCount")) or 0, 0),
                        score=score,
                        **fields,
                    )
                    question.slug = question_slug(question.title)
                    question.noindex = question.is_anonymous and noindex_anonymous
                    question.last_activity_at = question.created_at
                    question.last_activity_name = question.author_name or ANONYMOUS_NAME
                    question.last_activity_user_id = question.author_id
                    closed = parse_date(row.get("ClosedDate"))
                    if closed:
                        question.closed_at = closed
                        question.close_reason = Question.CloseReason.OTHER
                        question.close_note = "Closed on the Stack Exchange site."
                    questions.append(question)
                    ids: list[int] = []
                    for word in tag_words[row["Id"]]:
                        tag_id = tag_ids.get(word.lower())
                        if tag_id and tag_id not in ids:
                            ids.append(tag_id)
                    tag_lists.append(ids)
                Question.objects.bulk_create(questions, batch_size=BATCH)
                through = Question.tags.through
                names = dict(
                    Tag.objects.filter(pk__in={t for ts in tag_lists for t in ts}).values_list(
                        "pk", "name"
                    )
                )
                links, events, follows = [], [], []
                for question, tags in zip(questions, tag_lists, strict=True):
                    links += [through(question_id=question.pk, tag_id=t) for t in tags]
                    question._import_tags = " ".join(names[t] for t in tags)[:250]  # type: ignore[attr-defined]
                    question._import_category = category_name  # type: ignore[attr-defined]
                    if event := self._posted_event(question, PK.QUESTION_POSTED):
                        events.append(event)
                    if question.author_id:
                        follows.append(Follow(user_id=question.author_id, question=question))
                through.objects.bulk_create(links, batch_size=BATCH)
                PointEvent.objects.bulk_create(events, batch_size=BATCH)
                Follow.objects.bulk_create(follows, batch_size=BATCH, ignore_conflicts=True)
                for row, question in zip(fresh, questions, strict=True):
                    self.link(Kind.QUESTION, row["Id"], question.pk)
                self.flush()

    def import_answers(self) -> None:
        rows = (r for r in self.dump.rows("Posts.xml") if r.get("PostTypeId") == ANSWER)
        for batch in self.batched("answers (Posts.xml)", rows):
            fresh = [r for r in batch if not self.done(Kind.ANSWER, r["Id"])]
            if not fresh:
                continue
            with transaction.atomic():
                answers, kept = [], []
                for row in fresh:
                    question_id = self.new_id(Kind.QUESTION, row.get("ParentId"))
                    if question_id is None:
                        self.link(Kind.ANSWER, row["Id"], None, "its question is missing")
                        continue
                    answers.append(
                        Answer(
                            question_id=question_id,
                            score=parse_int(row.get("Score")) or 0,
                            **self._post_fields(row, "a"),
                        )
                    )
                    kept.append(row)
                Answer.objects.bulk_create(answers, batch_size=BATCH)
                events = [self._posted_event(a, PK.ANSWER_POSTED) for a in answers]
                PointEvent.objects.bulk_create([e for e in events if e], batch_size=BATCH)
                for row, answer in zip(kept, answers, strict=True):
                    self.link(Kind.ANSWER, row["Id"], answer.pk)
                self.flush()

    def import_comments(self) -> None:
        answer_question = dict(
            Answer.objects.filter(
                pk__in=[v for v in self.links[Kind.ANSWER].values() if v]
            ).values_list("pk", "question_id")
        )
        for batch in self.batched("Comments.xml", self.dump.rows("Comments.xml")):
            fresh = [r for r in batch if r.get("Id") and not self.done(Kind.COMMENT, r["Id"])]
            if not fresh:
                continue
            with transaction.atomic():
                comments, kept = [], []
                for row in fresh:
                    answer_id = self.new_id(Kind.ANSWER, row.get("PostId"))
                    question_id = (
                        answer_question.get(answer_id)
                        if answer_id
                        else self.new_id(Kind.QUESTION, row.get("PostId"))
                    )
                    body = comment_plain(row.get("Text") or "")[:COMMENT_MAX]
                    if question_id is None or not body:
                        reason = "its post is missing" if question_id is None else "empty"
                        self.link(Kind.COMMENT, row["Id"], None, reason)
                        continue
                    who = self._author(row, "UserId", "UserDisplayName")
                    comments.append(
                        Comment(
                            question_id=question_id,
                            answer_id=answer_id,
                            body=body,
                            body_html=markdown.render_plain(body),
                            status=Status.PUBLISHED,
                            created_at=parse_date(row.get("CreationDate")) or timezone.now(),
                            **who,
                        )
                    )
                    kept.append(row)
                Comment.objects.bulk_create(comments, batch_size=BATCH)
                for row, comment in zip(kept, comments, strict=True):
                    self.link(Kind.COMMENT, row["Id"], comment.pk)
                self.flush()

    # Best answers, closing, duplicates -----------------------------------------------

    def import_accepted(self) -> None:
        pairs = [
            (self.new_id(Kind.QUESTION, r["Id"]), self.new_id(Kind.ANSWER, r["AcceptedAnswerId"]))
            for r in self.dump.rows("Posts.xml")
            if r.get("PostTypeId") == QUESTION and r.get("AcceptedAnswerId")
        ]
        questions = Question.objects.in_bulk([q for q, _ in pairs if q])
        answers = Answer.objects.in_bulk([a for _, a in pairs if a])
        chosen: list[Question] = []
        events: list[tuple[Any, ...]] = []
        for question_id, answer_id in pairs:
            question = questions.get(question_id) if question_id else None
            answer = answers.get(answer_id) if answer_id else None
            if question is None or answer is None or answer.question_id != question.pk:
                self.report.skipped[("best answer", "question or answer missing")] += 1
                continue
            if question.accepted_answer_id == answer.pk:
                continue
            question.accepted_answer_id = answer.pk
            chosen.append(question)
            # As posting.services.select_best_answer awards them, the asker choosing.
            if (
                answer.author_id
                and not answer.is_anonymous
                and answer.author_id != question.author_id
            ):
                amount = flat_amount(PK.ANSWER_SELECTED)
                events.append(
                    (answer.author_id, PK.ANSWER_SELECTED, amount, answer.pk, answer.created_at)
                )
                if question.author_id and not question.is_anonymous:
                    amount = flat_amount(PK.BEST_ANSWER_SELECTED)
                    events.append(
                        (
                            question.author_id,
                            PK.BEST_ANSWER_SELECTED,
                            amount,
                            answer.pk,
                            answer.created_at,
                        )
                    )
        with transaction.atomic():
            update_columns(Question, chosen, ["accepted_answer"])
            insert_rows(PointEvent, ["user", "kind", "amount", "answer", "created_at"], events)
        self.report.created["best answer"] += len(chosen)
        self.progress("best answers", len(pairs), last=True)

    def import_closures(self) -> None:
        """PostLinks of type 3 (duplicate): the question is closed as a duplicate of the
        other one (keeping the time it was closed on the old site, if it was)."""
        rows = [r for r in self.dump.rows("PostLinks.xml") if r.get("LinkTypeId") == LINK_DUPLICATE]
        with transaction.atomic():
            for row in rows:
                question_id = self.new_id(Kind.QUESTION, row.get("PostId"))
                original = self.new_id(Kind.QUESTION, row.get("RelatedPostId"))
                if question_id is None or original is None or question_id == original:
                    self.report.skipped[("duplicate link", "question missing")] += 1
                    continue
                current = (
                    Question.objects.filter(pk=question_id)
                    .values_list("duplicate_of_id", "closed_at")
                    .first()
                )
                if current is None or current[0] == original:
                    continue
                Question.objects.filter(pk=question_id).update(
                    close_reason=Question.CloseReason.DUPLICATE,
                    close_note="",
                    duplicate_of_id=original,
                    closed_at=current[1] or parse_date(row.get("CreationDate")) or timezone.now(),
                )
                self.report.created["closed as duplicate"] += 1
        self.progress("duplicates (PostLinks)", len(rows), last=True)

    # Votes -----------------------------------------------------------------------------

    def import_votes(self) -> None:
        """Anonymous up and down votes become a tally per post (upvotes, downvotes; the
        score stays the dump's Score) and a points event for the post's owner; favourites,
        which name their member, become follows. Votes.xml can hold tens of millions of
        rows, so they leave no LegacyLink each: the step runs in one transaction and a
        marker link says it is done (an interrupted step is redone whole)."""
        if self.done(Kind.VOTE, "step:done"):
            return
        owners: dict[tuple[str, int], int | None] = {}
        for model, kind in ((Question, Kind.QUESTION), (Answer, Kind.ANSWER)):
            ids = [v for v in self.links[kind].values() if v]
            for pk, author, anonymous in model.objects.filter(pk__in=ids).values_list(
                "pk", "author_id", "is_anonymous"
            ):
                owners[(kind, pk)] = None if anonymous else author
        received = {
            (Kind.QUESTION, VOTE_UP): PK.QUESTION_UPVOTED,
            (Kind.QUESTION, VOTE_DOWN): PK.QUESTION_DOWNVOTED,
            (Kind.ANSWER, VOTE_UP): PK.ANSWER_UPVOTED,
            (Kind.ANSWER, VOTE_DOWN): PK.ANSWER_DOWNVOTED,
        }
        tallies: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
        following = set(
            Follow.objects.filter(user__in=[v for v in self.links[Kind.USER].values() if v])
            .exclude(question=None)
            .values_list("user_id", "question_id")
        )
        with transaction.atomic():
            for batch in self.batched("Votes.xml", self.dump.rows("Votes.xml")):
                events: list[tuple[Any, ...]] = []
                follows: list[Follow] = []
                for row in batch:
                    vote_type = row.get("VoteTypeId")
                    if vote_type not in (VOTE_UP, VOTE_DOWN, VOTE_FAVOURITE):
                        continue
                    question = self.new_id(Kind.QUESTION, row.get("PostId"))
                    answer = None if question else self.new_id(Kind.ANSWER, row.get("PostId"))
                    if vote_type == VOTE_FAVOURITE:
                        user = self.new_id(Kind.USER, row.get("UserId"))
                        if question is None or user is None:
                            self.report.skipped[("favourite", "member or question missing")] += 1
                        elif (user, question) not in following:
                            following.add((user, question))
                            follows.append(Follow(user_id=user, question_id=question))
                        continue
                    target_kind = Kind.QUESTION if question else Kind.ANSWER
                    target = question or answer
                    if target is None:
                        self.report.skipped[("vote", "its post is missing")] += 1
                        continue
                    tallies[(target_kind, target)]["up" if vote_type == VOTE_UP else "down"] += 1
                    owner = owners.get((target_kind, target))
                    if owner is not None:
                        when = parse_date(row.get("CreationDate")) or timezone.now()
                        event_kind = received[(target_kind, vote_type)]
                        events.append((owner, event_kind, 1, question, answer, when))
                insert_rows(
                    PointEvent,
                    ["user", "kind", "amount", "question", "answer", "created_at"],
                    events,
                )
                Follow.objects.bulk_create(follows, batch_size=BATCH)
                self.report.created[Kind.FAVORITE] += len(follows)
                self.report.created["vote (tallied)"] += sum(1 for e in events)
            for model, kind in ((Question, Kind.QUESTION), (Answer, Kind.ANSWER)):
                ids = [v for v in self.links[kind].values() if v]
                posts = list(model.objects.filter(pk__in=ids).only("pk", "upvotes", "downvotes"))
                for post in posts:
                    tally = tallies.get((kind, post.pk), Counter())
                    post.upvotes, post.downvotes = tally["up"], tally["down"]
                update_columns(model, posts, ["upvotes", "downvotes"])
            self.link(Kind.VOTE, "step:done", None, "votes step finished")
            self.flush()

    # Edit history ----------------------------------------------------------------------

    def import_history(self) -> None:
        """PostHistory's title, body and tag events, grouped by RevisionGUID (whose rows
        stand together in the file), become the posts' revisions, oldest first, written
        as they are read; only each post's number, title and tags are kept meanwhile. The
        post as imported (converted body, attribution) is the last revision; a post
        without history gets that one. One transaction: an interrupted step is redone
        whole; posts that already have revisions are skipped."""
        kinds = (Kind.QUESTION, Kind.ANSWER, Kind.COMMENT)
        ids = {k: [v for v in self.links[k].values() if v] for k in kinds}
        has = {
            kind: set(
                Revision.objects.filter(**{f"{kind}__in": ids[kind]})
                .values_list(kind, flat=True)
                .distinct()
            )
            for kind in kinds
        }
        closings: dict[str, dict[str, str]] = {}  # old question id -> last close/reopen row
        # (kind, new id) -> [revisions so far, title, tags, date of the last one]
        state: dict[tuple[str, int], list[Any]] = {}
        pending: list[Any] = []  # [kind, new id, guid, when, editor, name, title, body, tags]
        written: list[Revision] = []

        def close_pending() -> None:
            if not pending:
                return
            kind, new, _guid, when, user, name, title, body, tags = pending
            post_state = state.setdefault((kind, new), [0, "", "", None, ""])
            post_state[0] += 1
            if title is not None:
                post_state[1] = " ".join(markdown.clean_text(title).split())[:TITLE_MAX]
            if tags is not None:
                post_state[2] = " ".join(normalise_tag(t)[:40] for t in parse_tags(tags))[:250]
            if body is not None:
                post_state[4] = self._history_body(body)
            post_state[3] = when
            written.append(
                Revision(
                    number=post_state[0],
                    title=post_state[1] if kind == Kind.QUESTION else "",
                    body=post_state[4][:BODY_MAX],
                    tags=post_state[2] if kind == Kind.QUESTION else "",
                    editor_id=user,
                    editor_name=(name or ANONYMOUS_NAME)[:60],
                    editor_anonymous=user is None,
                    summary=SUMMARY if post_state[0] == 1 else "Edited on Stack Exchange",
                    created_at=when or timezone.now(),
                    **{f"{kind}_id": new},
                )
            )
            pending.clear()
            if len(written) >= BATCH:
                Revision.objects.bulk_create(written, batch_size=BATCH)
                self.report.created["revision"] += len(written)
                written.clear()

        with transaction.atomic():
            for row in self.dump.rows("PostHistory.xml"):
                type_id = row.get("PostHistoryTypeId", "")
                if type_id in (HISTORY_CLOSED, HISTORY_REOPENED):
                    closings[row.get("PostId") or ""] = row  # the file is in time order
                    continue
                if type_id not in HISTORY_TITLE | HISTORY_BODY | HISTORY_TAGS:
                    continue
                old = row.get("PostId")
                kind, new = Kind.QUESTION, self.new_id(Kind.QUESTION, old)
                if new is None:
                    kind, new = Kind.ANSWER, self.new_id(Kind.ANSWER, old)
                if new is None or new in has[kind]:
                    continue
                guid = row.get("RevisionGUID") or row.get("Id")
                if not pending or pending[:3] != [kind, new, guid]:
                    close_pending()
                    user = self.new_id(Kind.USER, row.get("UserId"))
                    name = (
                        self.member_names.get(user, "") if user else row.get("UserDisplayName", "")
                    )
                    when = parse_date(row.get("CreationDate"))
                    pending.extend([kind, new, guid, when, user, name, None, None, None])
                column = 6 if type_id in HISTORY_TITLE else 7 if type_id in HISTORY_BODY else 8
                pending[column] = row.get("Text") or ""
            close_pending()
            Revision.objects.bulk_create(written, batch_size=BATCH)
            self.report.created["revision"] += len(written)
            closing: list[Revision] = []
            for kind, model in zip(kinds, (Question, Answer, Comment), strict=True):
                posts = model.objects.filter(pk__in=[i for i in ids[kind] if i not in has[kind]])
                if model is Question:
                    posts = posts.select_related("category").prefetch_related("tags")
                for post in posts.iterator(chunk_size=BATCH):
                    closing.append(self._closing_revision(post, kind, state.get((kind, post.pk))))
                    if len(closing) >= BATCH:
                        Revision.objects.bulk_create(closing, batch_size=BATCH)
                        closing = []
            Revision.objects.bulk_create(closing, batch_size=BATCH)
            self._close_reasons(closings)
        self.progress("edit history", self.report.created["revision"], last=True)

    def _close_reasons(self, closings: dict[str, dict[str, str]]) -> None:
        """Each question's last close or reopen event (PostHistory 10 and 11, read in the
        history's one pass over the file): a question last closed gets Mindwell's reason
        for the Stack Exchange close reason id (its Comment), the old label in its note,
        and the time it was closed; a duplicate keeps the question PostLinks named, or
        takes the first of OriginalQuestionIds. A reopened question stays open."""
        for old, row in closings.items():
            question_id = self.new_id(Kind.QUESTION, old)
            if question_id is None or row.get("PostHistoryTypeId") != HISTORY_CLOSED:
                continue
            reason, label = CLOSE_REASONS.get(
                (row.get("Comment") or "").strip(), (Question.CloseReason.OTHER, "")
            )
            fields: dict[str, Any] = {
                "close_reason": reason,
                "close_note": f"Closed on Stack Exchange as “{label}”." if label else "",
                "closed_at": parse_date(row.get("CreationDate")) or timezone.now(),
            }
            if reason == Question.CloseReason.DUPLICATE:
                current = Question.objects.filter(pk=question_id).values_list(
                    "duplicate_of_id", flat=True
                )
                original = current.first() or self._original(row, question_id)
                if original is None:
                    fields["close_reason"] = Question.CloseReason.OTHER
                    fields["close_note"] = "Closed as a duplicate on Stack Exchange."
                else:
                    fields["duplicate_of_id"] = original
            else:
                fields["duplicate_of_id"] = None
            Question.objects.filter(pk=question_id).update(**fields)
            self.report.created["close reason"] += 1

    def _original(self, row: dict[str, str], question_id: int) -> int | None:
        """The first OriginalQuestionIds of a duplicate closing that was imported."""
        try:
            ids = json.loads(row.get("Text") or "{}").get("OriginalQuestionIds") or []
        except (ValueError, AttributeError):
            return None
        for old in ids:
            new = self.new_id(Kind.QUESTION, old)
            if new is not None and new != question_id:
                return new
        return None

    @staticmethod
    def _history_body(text: str) -> str:
        """PostHistory keeps the Markdown source, which may hold raw HTML: such text is
        rendered and converted as the posts are, so no revision keeps a tag either."""
        return html_to_markdown(_SOURCE_MARKDOWN.render(text)) if "<" in text else text

    def _closing_revision(self, post: Any, kind: str, state: list[Any] | None) -> Revision:
        """The post as imported, after the revisions of its history (if any)."""
        number, _title, _tags, last_when, _body = state or (0, "", "", None, "")
        question = kind == Kind.QUESTION
        edited = bool(post.edited_at)
        self.report.created["revision"] += 1
        return Revision(
            number=number + 1,
            title=post.title if question else "",
            body=post.body,
            tags=" ".join(t.name for t in post.tags.all())[:250] if question else "",
            category_name=post.category.name if question else "",
            editor_id=post.edited_by_id
            if edited
            else (None if post.is_anonymous else post.author_id),
            editor_name=((post.edited_by_name if edited else post.author_name) or ANONYMOUS_NAME)[
                :60
            ],
            editor_anonymous=post.is_anonymous and not post.edited_by_id,
            summary=SUMMARY,
            created_at=max(t for t in (post.edited_at, post.created_at, last_when) if t),
            **{kind: post},
        )

    # Counters, points, search --------------------------------------------------------

    def recount(self) -> None:
        """The site's own counters, activity, hotness, tag counts and search index."""
        question_ids = {v for v in self.links[Kind.QUESTION].values() if v}
        with transaction.atomic():
            self.recount_answer_comments()
            recount_question_counters()
            self.latest_activity(sorted(question_ids))
            recount_taxonomy()
        count, seconds = rebuild_index()
        self.report.timings["search index"] = seconds
        bump_version("questions")
        self.progress("counters, search", count, last=True)

    def recount_points(self) -> None:
        self.points_from_ledger()

    # The report ------------------------------------------------------------------------

    def count_side_by_side(self) -> None:
        imported = {k: [v for v in self.links[k].values() if v] for k in Kind.values}
        for kind, note, n in (
            LegacyLink.objects.filter(source=SOURCE, new_id=None)
            .exclude(old_key__startswith="step:")
            .values("kind", "note")
            .annotate(n=Count("pk"))
            .values_list("kind", "note", "n")
        ):
            self.report.skipped[(kind, note)] = n
        posts = Counter(r.get("PostTypeId") for r in self.dump.rows("Posts.xml"))
        votes = Counter(r.get("VoteTypeId") for r in self.dump.rows("Votes.xml"))
        questions = Question.objects.filter(pk__in=imported[Kind.QUESTION])
        c = self.report.counts
        c["members"] = (self.dump.count("Users.xml"), len(imported[Kind.USER]))
        c["questions"] = (posts[QUESTION], questions.count())
        c["answers"] = (posts[ANSWER], Answer.objects.filter(pk__in=imported[Kind.ANSWER]).count())
        c["other posts (wiki, ...)"] = (sum(posts.values()) - posts[QUESTION] - posts[ANSWER], 0)
        c["comments"] = (
            self.dump.count("Comments.xml"),
            Comment.objects.filter(pk__in=imported[Kind.COMMENT]).count(),
        )
        c["tags"] = (self.dump.count("Tags.xml"), len(set(imported[Kind.TAG])))
        c["best answers"] = (
            sum(
                1
                for r in self.dump.rows("Posts.xml")
                if r.get("PostTypeId") == QUESTION and r.get("AcceptedAnswerId")
            ),
            questions.exclude(accepted_answer=None).count(),
        )
        c["closed as duplicate"] = (
            sum(
                1 for r in self.dump.rows("PostLinks.xml") if r.get("LinkTypeId") == LINK_DUPLICATE
            ),
            questions.filter(close_reason=Question.CloseReason.DUPLICATE).count(),
        )
        c["up and down votes (tallied)"] = (
            votes[VOTE_UP] + votes[VOTE_DOWN],
            (questions.aggregate(n=Sum("upvotes") + Sum("downvotes"))["n"] or 0)
            + (
                Answer.objects.filter(pk__in=imported[Kind.ANSWER]).aggregate(
                    n=Sum("upvotes") + Sum("downvotes")
                )["n"]
                or 0
            ),
        )
        favourites = {
            (self.new_id(Kind.USER, r.get("UserId")), self.new_id(Kind.QUESTION, r.get("PostId")))
            for r in self.dump.rows("Votes.xml")
            if r.get("VoteTypeId") == VOTE_FAVOURITE
        }
        follows = set(
            Follow.objects.filter(question__in={q for _, q in favourites if q}).values_list(
                "user_id", "question_id"
            )
        )
        c["favourites -> follows"] = (votes[VOTE_FAVOURITE], len(favourites & follows))
        c["views"] = (
            sum(
                parse_int(r.get("ViewCount")) or 0
                for r in self.dump.rows("Posts.xml")
                if r.get("PostTypeId") == QUESTION
            ),
            questions.aggregate(v=Sum("view_count"))["v"] or 0,
        )
        reputation = sum(parse_int(r.get("Reputation")) or 0 for r in self.dump.rows("Users.xml"))
        c["reputation / points (sum)"] = (
            reputation,
            User.objects.filter(pk__in=imported[Kind.USER]).aggregate(p=Sum("points"))["p"] or 0,
        )
        self.report.notes.append(
            "Scores are the dump's; its votes are anonymous, so they are kept as up/down "
            "tallies and owners' points, not as votes a member could take back."
        )
        if n := self.dump.count("Badges.xml"):
            self.report.notes.append(f"{n} badge(s) not imported: Mindwell has no badges.")
        self.report.notes.append(
            "Imported members have no email address or password: see README "
            "('Moving from Stack Exchange') for how a member claims an account."
        )
