"""Reads for professional profiles, badges and recusals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from mindwell.core.cache import forget_around_commit
from mindwell.core.prepared import prepared
from mindwell.professionals.models import ProfessionalProfile, Recusal
from mindwell.qa.permissions import is_moderator

Status = ProfessionalProfile.Status


def _badges() -> QuerySet[ProfessionalProfile]:
    """Verified profiles whose license has not expired: a badge lapses on its own."""
    return ProfessionalProfile.objects.filter(
        status=Status.VERIFIED, expires_on__gte=timezone.localdate()
    )


def current_badge(user: Any) -> ProfessionalProfile | None:
    """The member's verified, unexpired profile, or None. One query (none for visitors)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return _badges().filter(member_id=user.pk).first()


@prepared
def _verified_until(member_id: int) -> QuerySet[Any]:
    return ProfessionalProfile.objects.filter(
        member_id=member_id, status=Status.VERIFIED
    ).values_list("expires_on")


def _verified_key(member_id: int) -> str:
    return f"verified-until:{member_id}"


VERIFIED_SECONDS = 3600


def has_badge(user: Any) -> bool:
    """Whether `current_badge` would find one. Every member's question page asks: the dates
    their verified profiles expire are kept in the cache until a profile of theirs changes
    (`forget_verified`), and today's date is compared here (ISO dates order as days do)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False

    def read() -> list[str]:
        return [str(expires) for (expires,) in _verified_until.rows(member_id=user.pk)]

    until: list[str] = cache.get_or_set(_verified_key(user.pk), read, VERIFIED_SECONDS) or []
    today = timezone.localdate().isoformat()
    return any(expires >= today for expires in until)


def forget_verified(sender: Any, instance: ProfessionalProfile, **kwargs: Any) -> None:
    """Signal receiver: a member's professional profile was saved or deleted (at once, and
    again when the transaction commits, so a page read in between cannot keep the old)."""
    forget_around_commit(_verified_key(instance.member_id))


def profile_badge(member: Any) -> ProfessionalProfile | None:
    """The badge a member's public profile shows: their verified, unexpired profile
    (it lapses at expiry), or None. One query. The profile page lists only posts
    signed with the member's name, so it never ties an anonymous post to a badge."""
    if member is None or member.pk is None:
        return None
    return _badges().filter(member_id=member.pk).order_by("-verified_at", "-id").first()


def badges_for(user_ids: Iterable[int | None]) -> dict[int, ProfessionalProfile]:
    """Each member's current badge, by member id, in one query (none for no ids).

    Pass only the ids of *public* authors (`post.public_author`): an anonymous post
    must never carry a badge. `attach_badges` does that for a list of posts.
    """
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return {}
    return {profile.member_id: profile for profile in _badges().filter(member_id__in=ids)}


def attach_badges(
    posts: Iterable[Any], *, also: Iterable[int | None] = ()
) -> dict[int, ProfessionalProfile]:
    """Set `post.professional_badge` (a profile or None) on questions, answers and
    comments, in one query; `also` adds more member ids to the returned dict (the
    viewer's). Anonymous posts and visitors' posts always get None."""
    posts = list(posts)
    public_ids = [p.author_id for p in posts if not p.is_anonymous and p.author_id is not None]
    badges = badges_for([*public_ids, *also])
    for post in posts:
        post.professional_badge = None if post.is_anonymous else badges.get(post.author_id)
    return badges


@dataclass
class ThreadProfessionals:
    """What a question page shows about professionals (see `thread_professionals`)."""

    badges: dict[int, ProfessionalProfile]
    can_recuse: bool  # the viewer is a verified professional
    recused: bool  # ... who stepped back from this thread
    recusals: list[Recusal] = field(default_factory=list)  # for moderators only


def thread_professionals(
    *, viewer: Any, question: Any, posts: Iterable[Any]
) -> ThreadProfessionals:
    """Badges on a question page's posts (set as `post.professional_badge`; never on
    anonymous posts) and the viewer's recusal state. Queries: one for the badges of
    the authors and the viewer; one more for the thread's recusals, only when the
    viewer is a verified professional or a moderator."""
    viewer_id = viewer.pk if getattr(viewer, "is_authenticated", False) else None
    posts = list(posts)
    badges = attach_badges(posts, also=[viewer_id])
    category = getattr(question, "category", None)
    for post in posts:  # outside their chosen categories, a professional answers as a peer
        badge = getattr(post, "professional_badge", None)
        if badge is not None and category is not None and not badge.competent_in(category):
            post.professional_badge = None
    can_recuse = viewer_id is not None and viewer_id in badges
    moderator = is_moderator(viewer)
    recusals: list[Recusal] = []
    if can_recuse or moderator:
        recusals = recusals_on(question)
    recused = any(r.professional_id == viewer_id for r in recusals)
    return ThreadProfessionals(
        badges=badges,
        can_recuse=can_recuse,
        recused=recused,
        recusals=recusals if moderator else [],
    )


def applications_of(member: Any) -> list[ProfessionalProfile]:
    """A member's applications, newest first (for their status page)."""
    return list(
        ProfessionalProfile.objects.filter(member_id=member.pk).order_by("-created_at", "-id")
    )


def active_application(member: Any) -> ProfessionalProfile | None:
    """The member's pending or verified profile (verified may have lapsed), or None."""
    return ProfessionalProfile.objects.filter(
        member_id=member.pk, status__in=ProfessionalProfile.ACTIVE
    ).first()


REVIEW_TABS = {
    "pending": "Waiting",
    "verified": "Verified",
    "decided": "Rejected, revoked and lapsed",
}


def review_queue(tab: str = "pending") -> QuerySet[ProfessionalProfile]:
    """Applications for the moderators' page: waiting (oldest first), verified
    (soonest expiry first) or decided (latest decision first)."""
    rows = ProfessionalProfile.objects.select_related("member", "verified_by", "decided_by")
    if tab == "verified":
        return rows.filter(status=Status.VERIFIED).order_by("expires_on", "id")
    if tab == "decided":
        return rows.filter(status__in=[Status.REJECTED, Status.REVOKED, Status.LAPSED]).order_by(
            "-decided_at", "-id"
        )
    return rows.filter(status=Status.PENDING).order_by("created_at", "id")


def pending_count() -> int:
    return ProfessionalProfile.objects.filter(status=Status.PENDING).count()


def has_recused(user: Any, question: Any) -> bool:
    """Whether a member stepped back from this thread (one query; none for visitors)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return Recusal.objects.filter(professional_id=user.pk, question_id=question.pk).exists()


def recusals_on(question: Any) -> list[Recusal]:
    """Who stepped back from a thread, for moderators only (never shown publicly)."""
    return list(
        Recusal.objects.filter(question_id=question.pk)
        .select_related("professional")
        .order_by("created_at")
    )
