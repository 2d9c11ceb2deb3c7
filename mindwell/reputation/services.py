"""The points ledger: every change of a member's points is a PointEvent row.

Totals follow Question2Answer: BASE + MULTIPLE * (flat parts + capped vote parts),
with votes on one post counting at most *_MAX_GAIN up and *_MAX_LOSS down.
"""

from collections import defaultdict
from typing import Any

from django.db.models import F, Sum
from django.db.models.sql import UpdateQuery
from django.utils import timezone

from mindwell.accounts.models import User
from mindwell.core import prepared, runtime
from mindwell.reputation.models import PointEvent
from mindwell.reputation.runtime_settings import POINTS, key

Kind = PointEvent.Kind

FLAT_KINDS = {
    Kind.QUESTION_POSTED,
    Kind.ANSWER_POSTED,
    Kind.BEST_ANSWER_SELECTED,
    Kind.ANSWER_SELECTED,
    Kind.VOTE_CAST,
}


def _points() -> dict[str, int]:
    """The formula's values by settings.POINTS name: the admin's run-time settings."""
    found = runtime.get_many(key(name) for name in POINTS)
    return {name: int(found[key(name)]) for name in POINTS}


def flat_amount(kind: str) -> int:
    p = _points()
    amounts: dict[str, int] = {
        Kind.QUESTION_POSTED: p["QUESTION_POSTED"],
        Kind.ANSWER_POSTED: p["ANSWER_POSTED"],
        Kind.BEST_ANSWER_SELECTED: p["BEST_ANSWER_SELECTED"],
        Kind.ANSWER_SELECTED: p["ANSWER_SELECTED"],
        Kind.VOTE_CAST: p["VOTE_CAST"],
    }
    return amounts[kind]


def vote_part(
    *, on_question: bool, upvotes: int, downvotes: int, points: dict[str, int] | None = None
) -> int:
    """Point units one post's votes give its author, capped as Question2Answer does.
    `points`: the formula's values when the caller has read them already (many posts)."""
    p = points or _points()
    if on_question:
        gain = min(p["PER_QUESTION_UPVOTE"] * upvotes, p["QUESTION_VOTES_MAX_GAIN"])
        loss = min(p["PER_QUESTION_DOWNVOTE"] * downvotes, p["QUESTION_VOTES_MAX_LOSS"])
    else:
        gain = min(p["PER_ANSWER_UPVOTE"] * upvotes, p["ANSWER_VOTES_MAX_GAIN"])
        loss = min(p["PER_ANSWER_DOWNVOTE"] * downvotes, p["ANSWER_VOTES_MAX_LOSS"])
    return gain - loss


@prepared.prepared
def _add_to_total(user_id: int, amount: int) -> UpdateQuery:
    return prepared.updating(User.objects.filter(pk=user_id), points=F("points") + amount)


def _add(user_id: int, units: int, points: dict[str, int] | None = None) -> None:
    """Add `units` (times the formula's MULTIPLE) to the member's total; `points`: the
    formula's values when the caller has read them already."""
    if units:
        multiple = (points or _points())["MULTIPLE"]
        _add_to_total.run(user_id=user_id, amount=multiple * units)


def award(*, user_id: int, kind: str, sign: int = 1, **target: Any) -> None:
    """Record a flat event (sign -1 takes it back) and update the member's total."""
    amount = sign * flat_amount(kind)
    PointEvent.objects.create(user_id=user_id, kind=kind, amount=amount, **target)
    _add(user_id, amount)


def record_vote(
    *,
    voter_id: int,
    author_id: int | None,
    on_question: bool,
    before: tuple[int, int],
    after: tuple[int, int],
    cast: int,
    **target: Any,
) -> None:
    """What one vote changes in the ledger: the change of (upvotes, downvotes) on the post
    for its author (None: nobody earns points from it), its capped value added to their
    total, and the voter's flat VOTE_CAST when a vote appears (`cast` 1) or is withdrawn
    (-1; 0 when a vote only changes direction). The ledger rows in one INSERT (through
    separate calls it was two); `target` is question= or answer= the post. The statements
    are prepared (core.prepared): the caller's write transaction is short.

    The caller holds a lock on the post row, so `before` is exact.
    """
    p = _points()
    now = timezone.now()
    # The ledger's rows as prepared.insert writes them (no instances): every column.
    on = {
        "question_id": getattr(target.get("question"), "pk", None),
        "answer_id": getattr(target.get("answer"), "pk", None),
        "created_at": now,
    }
    events: list[dict[str, Any]] = []
    units: dict[int, int] = {}
    if author_id is not None:
        up_kind = Kind.QUESTION_UPVOTED if on_question else Kind.ANSWER_UPVOTED
        down_kind = Kind.QUESTION_DOWNVOTED if on_question else Kind.ANSWER_DOWNVOTED
        for kind, change in ((up_kind, after[0] - before[0]), (down_kind, after[1] - before[1])):
            if change:
                events.append({"user_id": author_id, "kind": kind, "amount": change, **on})
        received = vote_part(
            on_question=on_question, upvotes=after[0], downvotes=after[1], points=p
        )
        received -= vote_part(
            on_question=on_question, upvotes=before[0], downvotes=before[1], points=p
        )
        units[author_id] = received
    if cast:
        amount = cast * p["VOTE_CAST"]
        events.append({"user_id": voter_id, "kind": Kind.VOTE_CAST, "amount": amount, **on})
        units[voter_id] = units.get(voter_id, 0) + amount
    prepared.insert(PointEvent, events)
    # One UPDATE a member, in the order of their ids: two members voting on each other's
    # posts at once lock the two rows in the same order (one statement for both deadlocked
    # on PostgreSQL: an UPDATE's scan locks rows in no fixed order).
    for user_id in sorted(units):
        _add(user_id, units[user_id], p)


def total_from_ledger(user_id: int) -> int:
    """The member's points recomputed from the ledger alone."""
    return totals_from_ledger([user_id])[user_id]


def totals_from_ledger(user_ids: list[int]) -> dict[int, int]:
    """Each member's points recomputed from the ledger alone, for many in one query
    (an importer recounts thousands at once)."""
    units: dict[int, int] = dict.fromkeys(user_ids, 0)
    per_post: dict[tuple[int, bool, int], list[int]] = defaultdict(lambda: [0, 0])
    rows = (
        PointEvent.objects.filter(user_id__in=user_ids)
        .values("user_id", "kind", "question_id", "answer_id")
        .annotate(total=Sum("amount"))
        .values_list("user_id", "kind", "question_id", "answer_id", "total")
    )
    for user_id, kind, question_id, answer_id, total in rows.iterator():
        if kind in FLAT_KINDS:
            units[user_id] += total
            continue
        on_question = kind in (Kind.QUESTION_UPVOTED, Kind.QUESTION_DOWNVOTED)
        up = kind in (Kind.QUESTION_UPVOTED, Kind.ANSWER_UPVOTED)
        post_id = question_id if on_question else answer_id
        per_post[(user_id, on_question, post_id)][0 if up else 1] += total
    p = _points()
    for (user_id, on_question, _post), (ups, downs) in per_post.items():
        units[user_id] += vote_part(on_question=on_question, upvotes=ups, downvotes=downs, points=p)
    return {user_id: p["BASE"] + p["MULTIPLE"] * n for user_id, n in units.items()}


def recount_points(*, user_ids: list[int] | None = None) -> int:
    """Recompute every (or the given) member's total from the ledger; returns how many changed."""
    users = User.objects.all() if user_ids is None else User.objects.filter(pk__in=user_ids)
    changed = 0
    for user_id, points in users.values_list("pk", "points").iterator():
        total = total_from_ledger(user_id)
        if total != points:
            User.objects.filter(pk=user_id).update(points=total)
            changed += 1
    return changed


def forget_answer_points(*, answer_id: int) -> None:
    """Take every ledger row of one answer out (posting it, votes it received, votes cast
    on it, best-answer events) and each member's total with them, exactly as far as the
    ledger counts them: for an answer that stops being an answer (converted to a comment)."""
    events = PointEvent.objects.filter(answer_id=answer_id)
    user_ids = set(events.values_list("user_id", flat=True))
    before = {user_id: total_from_ledger(user_id) for user_id in user_ids}
    events.delete()
    for user_id in user_ids:
        if delta := total_from_ledger(user_id) - before[user_id]:
            User.objects.filter(pk=user_id).update(points=F("points") + delta)
