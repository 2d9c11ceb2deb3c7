"""Checks on a post before it is saved: blocks, watched words, pre-moderation and the
new-member sandbox. Posting services call `check_post`; it never imports them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from mindwell.core.errors import DomainError, NotAllowed
from mindwell.moderation.models import IPBlock, ModerationSettings, WatchedWord
from mindwell.professionals.boundaries import boundary_reasons, second_look
from mindwell.qa import permissions

LINK = re.compile(r"https?://|\bwww\.", re.IGNORECASE)
MENTION = re.compile(r"(?<![\w@/])@[A-Za-z0-9_.-]{3,30}")
WATCHED_CACHE_KEY = "watched-words"


@dataclass
class Decision:
    hold: list[str] = field(default_factory=list)  # reasons to wait for approval
    review: list[str] = field(default_factory=list)  # published, but a moderator looks
    first_post: bool = False
    texts: list[str] = field(default_factory=list)  # after watched-word replacements
    boundary: list[str] = field(default_factory=list)  # professional-boundary reasons

    @property
    def held(self) -> bool:
        return bool(self.hold)


@dataclass
class WatchedMatch:
    word: str
    action: str
    found: str


def _watched() -> list[tuple[re.Pattern[str], WatchedWord]]:
    rows: list[WatchedWord] | None = cache.get(WATCHED_CACHE_KEY)
    if rows is None:
        rows = list(WatchedWord.objects.all())
        cache.set(WATCHED_CACHE_KEY, rows, 300)
    compiled = []
    for row in rows:
        body = r"\w*".join(re.escape(part) for part in row.word.strip().split("*"))
        compiled.append((re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE), row))
    return compiled


def watched_matches(text: str) -> list[WatchedMatch]:
    """Every watched word in a text, with its action (for the moderators' test tool)."""
    return [
        WatchedMatch(row.word, row.action, m.group(0))
        for pattern, row in _watched()
        for m in pattern.finditer(text)
    ]


def apply_replacements(text: str) -> str:
    for pattern, row in _watched():
        if row.action == WatchedWord.Action.REPLACE:
            text = pattern.sub(row.replacement, text)
    return text


def ip_blocked(ip_digest: str) -> bool:
    if not ip_digest:
        return False
    now = timezone.now()
    return (
        IPBlock.objects.filter(ip_digest=ip_digest)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .exists()
    )


def _published_posts(author: Any) -> int:
    from mindwell.qa.models import Answer, Question, Status

    questions = Question.objects.filter(author=author, status=Status.PUBLISHED).values("pk")
    answers = Answer.objects.filter(author=author, status=Status.PUBLISHED).values("pk")
    return questions.union(answers, all=True).count()  # one query


def check_post(*, author: Any, texts: list[str], ip_digest: str = "") -> Decision:
    """Decide what happens to a new post; raises NotAllowed/DomainError to refuse it."""
    if author is not None and (reason := permissions.restriction_refusal(author)):
        raise NotAllowed(reason, code="restricted")
    if ip_blocked(ip_digest):
        raise NotAllowed("Posting from your network is blocked.", code="ip_blocked")
    decision = Decision(texts=[apply_replacements(t) for t in texts])
    joined = "\n".join(decision.texts)
    for match in watched_matches(joined):
        if match.action == WatchedWord.Action.BLOCK:
            raise DomainError(
                f"Your post contains “{match.found}”, which isn't allowed here. "
                "Please rephrase it.",
                code="watched_word",
            )
        if match.action == WatchedWord.Action.HOLD:
            decision.hold.append(f"Contains the watched word “{match.found}”.")
        elif match.action == WatchedWord.Action.FLAG:
            decision.review.append(f"Contains the watched word “{match.found}”.")
    # Professional boundaries hold a post whoever posts it (a visitor, an anonymous
    # member, a moderator who is also a professional): ACA 2014, NBCC, APA: no
    # soliciting, no testimonials, no dual relationships.
    boundary = boundary_reasons(author=author, text=joined)
    decision.boundary = boundary
    if not boundary and author is not None and (look := second_look(author=author, text=joined)):
        decision.review.append(look)  # what the rules miss, the learned model sends to review
    if author is not None and permissions.is_moderator(author):
        decision.hold = list(boundary)  # moderators skip every other hold
        return decision
    decision.hold.extend(boundary)
    if author is not None and author.level != "member":
        return decision  # approved members, experts and editors skip pre-moderation
    config = ModerationSettings.load()
    links = len(LINK.findall(joined))
    if author is None:
        if config.hold_anonymous_posts:
            decision.hold.append("Posted without an account.")
    elif config.hold_below_points and author.points < config.hold_below_points:
        decision.hold.append(f"The author has fewer than {config.hold_below_points} points.")
    if config.hold_posts_with_links and links:
        decision.hold.append("Contains links.")
    if author is not None:
        new = author.date_joined > timezone.now() - timedelta(hours=config.new_member_hours)
        earlier = _published_posts(author)
        if new or earlier < 3:
            if links > config.new_member_max_links:
                decision.hold.append(
                    f"A new member's post with {links} links (the limit is "
                    f"{config.new_member_max_links})."
                )
            mentions = len(MENTION.findall(joined))
            if mentions > config.new_member_max_mentions:
                decision.hold.append(f"A new member's post with {mentions} mentions.")
        decision.first_post = earlier < config.review_first_posts
    return decision
