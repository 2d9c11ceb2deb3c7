"""What the Question2Answer and Stack Exchange importers share: the mapping plumbing
(LegacyLink rows written with each batch), the report and its printing, the bulk writers,
and the recounts run after the rows are in (vote tallies, comment counts, latest activity
and hotness, members' points from the ledger, tag and category counts).
"""

from __future__ import annotations

import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.text import slugify

from mindwell.accounts.models import User
from mindwell.importers.models import LegacyLink
from mindwell.qa.content import hotness
from mindwell.qa.models import (
    ANONYMOUS_NAME,
    RESERVED_SLUGS,
    Answer,
    Comment,
    Question,
    Status,
    Vote,
)
from mindwell.reputation import services as reputation
from mindwell.taxonomy.models import Category, Tag

BATCH = 1000
Kind = LegacyLink.Kind


class Interrupted(Exception):
    """Raised by the test hook that simulates an import stopped half-way."""


@dataclass
class Report:
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind: (old, mindwell)
    skipped: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, reason): n
    notes: list[str] = field(default_factory=list)
    points_differ: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    created: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": {k: list(v) for k, v in self.counts.items()},
            "skipped": [[k, r, n] for (k, r), n in sorted(self.skipped.items())],
            "notes": self.notes,
            "points_differ": self.points_differ,
            "timings": {k: round(v, 2) for k, v in self.timings.items()},
            "created": dict(self.created),
        }

    def write(
        self, write: Callable[[str], Any], *, source: str, seconds: float, dry_run: bool
    ) -> None:
        """The final report as a command prints it: counts side by side (`source` heads
        the old site's column), skipped rows, notes, points that differ, time per step."""
        write("")
        if dry_run:
            write("Dry run: nothing was saved. This is what the import would do.")
        write(f"{'':<30}{source:>10}{'Mindwell':>10}")
        for kind, (theirs, ours) in self.counts.items():
            write(f"{kind:<30}{theirs:>10,}{ours:>10,}")
        if self.skipped:
            write("\nSkipped rows:")
            for (kind, reason), n in sorted(self.skipped.items()):
                write(f"  {kind}: {n} ({reason})")
        for note in self.notes:
            write(f"\n{note}")
        if self.points_differ:
            write(f"\nMembers whose points differ from {source} ({len(self.points_differ)}):")
            for line in self.points_differ:
                write(f"  {line}")
        write("\nTime per step: " + ", ".join(f"{k} {v:.1f}s" for k, v in self.timings.items()))
        write(f"Finished in {seconds:.1f} s.")


class BaseImport:
    """The plumbing of an importer: its LegacyLink mapping (loaded once, written batch by
    batch with the rows it maps), steps with their timings, and the recounts."""

    source = ""  # LegacyLink.source: "q2a", "se"

    def __init__(self, *, out: Any = None, stop_after: int | None = None) -> None:
        self.out = out or sys.stdout
        self.report = Report()
        self.links: dict[str, dict[str, int | None]] = defaultdict(dict)
        for kind, old, new in LegacyLink.objects.filter(source=self.source).values_list(
            "kind", "old_key", "new_id"
        ):
            self.links[kind][old] = new
        self.pending: list[LegacyLink] = []
        self.stop_after = stop_after  # tests: raise Interrupted after this many batches
        self.batches = 0
        self.member_names: dict[int, str] = {}

    def link(self, kind: str, old: Any, new: int | None, note: str = "") -> None:
        key = str(old)
        self.links[kind][key] = new
        self.pending.append(
            LegacyLink(
                source=self.source, kind=kind, old_key=key[:200], new_id=new, note=note[:200]
            )
        )
        if new is not None:
            self.report.created[kind] += 1

    def new_id(self, kind: str, old: Any) -> int | None:
        return self.links[kind].get(str(old)) if old not in (None, "") else None

    def done(self, kind: str, old: Any) -> bool:
        return str(old) in self.links[kind]

    def ids(self, kind: str) -> list[int]:
        """The Mindwell ids of this kind's imported rows (this run's and earlier runs')."""
        return [v for v in self.links[kind].values() if v]

    def imported_ids(self, kind: str) -> Any:
        """The same as a subquery, for statements over many rows (no list of ids)."""
        return LegacyLink.objects.filter(
            source=self.source, kind=kind, new_id__isnull=False
        ).values("new_id")

    def flush(self) -> None:
        insert_objects(LegacyLink, self.pending)
        self.pending = []
        self.batches += 1
        if self.stop_after is not None and self.batches >= self.stop_after:
            raise Interrupted(f"stopped after {self.batches} batches")

    def step(self, name: str, function: Callable[[], None]) -> None:
        started = time.perf_counter()
        function()
        self.report.timings[name] = time.perf_counter() - started

    def load_member_names(self) -> None:
        """The name each imported member is shown under (for bylines written in bulk)."""
        self.member_names = {
            pk: (display or name)
            for pk, display, name in User.objects.filter(pk__in=self.ids(Kind.USER)).values_list(
                "pk", "display_name", "username"
            )
        }

    def default_category(self) -> int:
        """The category of questions that had none (created once, shared by importers)."""
        existing = self.new_id(Kind.CATEGORY, "none")
        if existing:
            return existing
        category = Category.objects.filter(slug="uncategorised").first()
        if category is None:
            category = Category(name="Uncategorised", slug="uncategorised")
            category.save()
        self.link(Kind.CATEGORY, "none", category.pk)
        return category.pk

    # Recounts, after the rows are in ---------------------------------------------------

    def recount_votes(self) -> None:
        """Imported questions' and answers' up/down tallies and scores from their Vote rows."""
        for model, kind in ((Question, Kind.QUESTION), (Answer, Kind.ANSWER)):
            up, down = vote_count(model, 1), vote_count(model, -1)
            model.objects.filter(pk__in=self.imported_ids(kind)).update(
                upvotes=up, downvotes=down, score=up - down
            )

    def recount_answer_comments(self) -> None:
        """Imported answers' comment counts (published comments, as the site counts)."""
        comments = Comment.objects.filter(answer=OuterRef("pk"), status=Status.PUBLISHED)
        Answer.objects.filter(pk__in=self.imported_ids(Kind.ANSWER)).update(
            comment_count=count_of(comments)
        )

    def latest_activity(self, question_ids: list[int]) -> None:
        """Each question's latest activity (its newest published answer or comment, as the
        posting services stamp it) and hotness, for these questions."""
        latest: dict[int, tuple[Any, str, Any]] = {}
        for model, kind in ((Answer, "answered"), (Comment, "commented")):
            rows = (
                model.objects.filter(question__in=question_ids, status=Status.PUBLISHED)
                .order_by("question_id", "created_at")
                .values_list(
                    "question_id", "created_at", "author_id", "is_anonymous", "author_name"
                )
            )
            for qid, when, author, anonymous, name in rows.iterator():
                if qid not in latest or when >= latest[qid][0]:
                    latest[qid] = (when, kind, (author, anonymous, name))
        questions = list(
            Question.objects.filter(pk__in=question_ids).only(
                "pk",
                "created_at",
                "score",
                "answer_count",
                "view_count",
                "last_activity_at",
                "last_activity_kind",
                "last_activity_user",
                "last_activity_name",
            )
        )
        for q in questions:
            if q.pk in latest and latest[q.pk][0] > q.created_at:
                when, kind, (author, anonymous, name) = latest[q.pk]
                q.last_activity_at, q.last_activity_kind = when, kind
                q.last_activity_user_id = None if anonymous else author
                q.last_activity_name = (
                    (name or ANONYMOUS_NAME)
                    if anonymous or not author
                    else (self.member_names.get(author, name))
                )[:60]
            q.hotness = hotness(
                created_at=q.created_at,
                score=q.score,
                answer_count=q.answer_count,
                view_count=q.view_count,
            )
        update_columns(
            Question,
            questions,
            [
                "last_activity_at",
                "last_activity_kind",
                "last_activity_user",
                "last_activity_name",
                "hotness",
            ],
        )

    def points_from_ledger(self) -> None:
        """Imported members' totals from the ledger (reputation's formula), in one pass;
        recount_points agrees."""
        user_ids = self.ids(Kind.USER)
        totals = reputation.totals_from_ledger(user_ids)
        members = list(User.objects.filter(pk__in=user_ids).only("pk", "points"))
        for member in members:
            member.points = totals[member.pk]
        # One transaction: row by row in autocommit, SQLite syncs the file for each member.
        with transaction.atomic():
            update_columns(User, members, ["points"])


# Columns whose Python values the database driver takes as they are (ints, str, bool,
# None): Field.get_db_prep_save would only hand them back, at a cost per value.
AS_IS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


def preparer(field: Any) -> Callable[[Any], Any]:
    """A function giving `field`'s database value, as get_db_prep_save does, but cheaper:
    plain values as they are, each distinct date-time adapted once."""
    internal = field.get_internal_type()
    if internal in AS_IS:
        return lambda value: value
    if internal == "DateTimeField":
        adapted: dict[Any, Any] = {None: None}
        adapt = connection.ops.adapt_datetimefield_value

        def prep(value: Any) -> Any:
            try:
                return adapted[value]
            except KeyError:
                adapted[value] = result = adapt(value)
                return result

        return prep
    return lambda value: field.get_db_prep_save(value, connection)


def insert_rows(model: Any, fields: list[str], rows: list[tuple[Any, ...]]) -> None:
    """INSERT these rows with one prepared statement run for each (no model instances)."""
    if not rows:
        return
    concrete = [model._meta.get_field(name) for name in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in concrete)
    marks = ", ".join(["%s"] * len(concrete))
    preps = [preparer(f) for f in concrete]
    prepared = [[p(value) for p, value in zip(preps, row, strict=True)] for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: one stream instead of a statement per row (several times faster).
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in prepared:
                    copy.write_row(values)
            return
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", prepared)  # noqa: S608


def insert_objects(model: Any, objects: list[Any]) -> None:
    """INSERT these unsaved instances (whose ids nobody needs) as insert_rows does: what
    bulk_create writes, without its per-value compiling. Field defaults were applied when
    the instances were made; auto_now fields are stamped as bulk_create stamps them."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    stamped = {
        f.name for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    }
    insert_rows(
        model,
        [f.name for f in fields],
        [
            tuple(
                f.pre_save(obj, True) if f.name in stamped else getattr(obj, f.attname)
                for f in fields
            )
            for obj in objects
        ],
    )


def update_columns(model: Any, objects: Iterable[Any], fields: list[str], **_: Any) -> None:
    """Write these columns of these rows with one prepared UPDATE run for every row
    (bulk_update's CASE statements grow with the batch and are far slower)."""
    concrete = [model._meta.get_field(name) for name in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    sets = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in concrete)
    preps = [preparer(f) for f in concrete]
    rows = [
        [p(getattr(obj, f.attname)) for p, f in zip(preps, concrete, strict=True)] + [obj.pk]
        for obj in objects
    ]
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", rows)  # noqa: S608


def count_of(queryset: Any) -> Any:
    """COUNT(*) of a correlated queryset, 0 when it has no rows, for an UPDATE."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted), 0)


def vote_count(model: Any, value: int) -> Any:
    """How many votes of this value each row of `model` (Question or Answer) has."""
    target = model._meta.model_name
    return count_of(Vote.objects.filter(**{target: OuterRef("pk")}, value=value))


def unique_username(name: str, taken: set[str], fallback: str) -> str:
    """A username from an old site's handle or display name: ASCII letters, digits and
    `_.-`, at most 26 characters before a `-2`, `-3` suffix that makes it unique among
    `taken` (lower-cased, updated); `fallback` when fewer than 3 characters are left."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = "".join(c if c.isalnum() or c in "_.-" else "_" for c in ascii_name)
    base = base.strip("_.-")[:26]
    if len(base) < 3:
        base = fallback
    username, n = base, 1
    while username.lower() in taken:
        n += 1
        username = f"{base[:26]}-{n}"
    taken.add(username.lower())
    return username


def question_slug(title: str) -> str:
    """The slug Question.save() gives (bulk_create does not call save())."""
    slug = slugify(title)[:80].strip("-") or "question"
    return slug + "-q" if slug in RESERVED_SLUGS else slug


def recount_taxonomy() -> None:
    """Tag and category question counts from the published questions."""
    published = Q(questions__status=Status.PUBLISHED)
    counted: tuple[Any, ...] = (Tag, Category)
    for model in counted:
        rows = list(model.objects.annotate(n=Count("questions", filter=published)))
        for row in rows:
            row.question_count = row.n
        update_columns(model, rows, ["question_count"])
