"""Claiming the posts one wrote as a visitor: a member whose VERIFIED email address is the
notification email given on anonymous visitor posts may attach those posts to the account,
one at a time and only when they choose to. Nothing is automatic and nothing shows: a
claimed post stays anonymous (same name shown, no link to the account) unless the member
ticks "show my name" when claiming. Nobody learns whether an address has posts: only the
member's own verified addresses are looked up, and a post that is not theirs to claim is
"not found", like one that does not exist.

After a claim the post is the member's anonymous post: they can edit it, its notifications
reach their inbox (the notification email is erased), and it goes with their account if they
delete it. Points are not given for earlier posts (anonymous posts earn none, and a jump in
points could tell who wrote them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Q

from mindwell.accounts.models import User
from mindwell.core.cache import bump_version
from mindwell.core.errors import NotFound
from mindwell.notifications import services as notifications
from mindwell.qa.models import Answer, Comment, Post, Question, Status

MODELS: dict[str, type[Post]] = {"question": Question, "answer": Answer, "comment": Comment}
SHOWN = 50  # the most posts the page lists at once (per kind)


def _verified_emails(member: User) -> list[str]:
    return [
        e.strip()
        for e in EmailAddress.objects.filter(user=member, verified=True).values_list(
            "email", flat=True
        )
        if e.strip()
    ]


def _claimable(model: type[Post], emails: list[str]) -> Any:
    """Visitor posts (no account) whose notification email is one of `emails`."""
    same_email = Q()
    for email in emails:
        same_email |= Q(notify_email__iexact=email)
    return model.objects.filter(same_email, author__isnull=True).exclude(status=Status.DELETED)


@dataclass
class Claimable:
    questions: list[Question]
    answers: list[Answer]
    comments: list[Comment]

    @property
    def empty(self) -> bool:
        return not (self.questions or self.answers or self.comments)


def claimable_posts(*, member: User) -> Claimable:
    """The posts this member may claim: none without a verified email (4 queries)."""
    emails = _verified_emails(member)
    if not emails:
        return Claimable([], [], [])
    questions = _claimable(Question, emails).order_by("-created_at")[:SHOWN]
    answers = _claimable(Answer, emails).select_related("question").order_by("-created_at")
    comments = _claimable(Comment, emails).select_related("question").order_by("-created_at")
    return Claimable(list(questions), list(answers[:SHOWN]), list(comments[:SHOWN]))


@transaction.atomic
def claim_post(*, member: User, kind: str, post_id: int, show_name: bool = False) -> Post:
    """Attach one visitor post to the member's account. Raises NotFound unless the post
    is theirs to claim (a verified address of theirs is its notification email)."""
    model = MODELS.get(kind)
    emails = _verified_emails(member)
    if model is None or not emails:
        raise NotFound("Post not found.")
    post = _claimable(model, emails).select_for_update().filter(pk=post_id).first()
    if post is None:
        raise NotFound("Post not found.")
    post.author = member
    post.notify_email = ""
    fields = ["author", "notify_email"]
    if show_name:
        post.is_anonymous = False
        post.author_name = member.public_name
        fields += ["is_anonymous", "author_name"]
    post.save(update_fields=fields)
    if isinstance(post, Question):
        notifications.follow(user=member, target=post)
    if show_name:
        bump_version("questions")
    bump_version(f"question:{post.thread_id}")
    return post
