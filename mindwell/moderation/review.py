"""Putting posts in the moderators' queues (no imports of posting services)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from mindwell.moderation.models import ReviewItem


def target_of(post: Any) -> dict[str, Any]:
    """{"question": post} / {"answer": post} / {"comment": post}."""
    return dict(post.target)


def open_review(
    post: Any, *, queue: str, reason: str, priority: int = 0, new: bool = False
) -> ReviewItem:
    """Open (or return the already open) review item for a post in a queue. `new`: the post
    was created in this transaction, so no item can exist yet (no lookup, no savepoint)."""
    target = target_of(post)
    if new:
        return ReviewItem.objects.create(
            queue=queue, reason=reason[:300], priority=priority, **target
        )
    found = ReviewItem.objects.filter(queue=queue, state=ReviewItem.State.OPEN, **target).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return ReviewItem.objects.create(
                queue=queue, reason=reason[:300], priority=priority, **target
            )
    except IntegrityError:  # opened at the same moment elsewhere
        return ReviewItem.objects.get(queue=queue, state=ReviewItem.State.OPEN, **target)
