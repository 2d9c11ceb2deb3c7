"""Every check a post passes before it is published, run once, as one decision.

`decide` is called once per post (by the page before its crisis interstitial, or by the
service when the post arrives through the API or an import) and returns a `Decision`:

1. the moderation rules (`moderation.screening.check_post`): a restricted member, an
   IP-blocked network and a blocked watched word refuse the post (NotAllowed /
   DomainError); held watched words, pre-moderation, the new-member sandbox and the
   professional-boundary rules hold it; flagged words and first posts put it in review;
2. the crisis screen (`safety.screening`): a review or urgent tier never holds a post, it
   routes it to the crisis queue after the write;
3. the contact details a poster is about to make public (`professionals.boundaries`), for
   the interstitial's warning.

The interstitial page and the service read the same object, so a post is screened once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mindwell.accounts.models import User
from mindwell.moderation import screening as rules
from mindwell.professionals.boundaries import contact_details
from mindwell.professionals.selectors import current_badge
from mindwell.qa.models import Answer, Comment, Question
from mindwell.safety.screening import Screening, Tier
from mindwell.safety.services import screen_texts


@dataclass(frozen=True)
class Decision:
    source: tuple[str, ...]  # the texts as the poster wrote them (title first)
    author_id: int | None
    ip_digest: str
    thread_id: int | None
    rules: rules.Decision
    crisis: Screening
    contacts: list[str] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """The texts to store (after watched-word replacements)."""
        return self.rules.texts

    @property
    def held(self) -> bool:
        return self.rules.held

    @property
    def hold(self) -> list[str]:
        return self.rules.hold

    @property
    def boundary(self) -> list[str]:
        """Professional-boundary reasons (they hold edits too)."""
        return self.rules.boundary

    @property
    def review(self) -> list[str]:
        return self.rules.review

    @property
    def first_post(self) -> bool:
        return self.rules.first_post

    @property
    def at_risk(self) -> bool:
        """The crisis screen routes this post to the crisis queue."""
        return self.crisis.tier >= Tier.REVIEW

    @property
    def crisis_sure(self) -> bool:
        """Sure enough to show the crisis lines before the post goes out."""
        return self.crisis.flagged and self.crisis.sure

    @property
    def needs_interstitial(self) -> bool:
        return self.crisis_sure or bool(self.contacts)

    def made_for(
        self, author: User | None, texts: list[str], ip_digest: str, thread: Question | None
    ) -> bool:
        author_id = author.pk if author is not None and author.is_authenticated else None
        thread_id = thread.pk if thread is not None else None
        return (self.source, self.author_id, self.ip_digest, self.thread_id) == (
            tuple(texts),
            author_id,
            ip_digest,
            thread_id,
        )


MENTION = re.compile(r"(?<![\w@/])@([A-Za-z0-9_.-]{3,30})")


def first_contact_mentions(author: User | None, text: str, thread: Question | None) -> list[str]:
    """A verified professional @mentioning a member who has not written in the thread
    (or in a new question) initiates contact: held, like any solicitation. No query
    unless the text mentions someone."""
    names = {n.lower() for n in MENTION.findall(text)}
    if not names or author is None or current_badge(author) is None:
        return []
    present: set[str] = set()
    if thread is not None:
        ids = {thread.author_id}
        ids |= set(Answer.objects.filter(question=thread).values_list("author_id", flat=True))
        ids |= set(Comment.objects.filter(question=thread).values_list("author_id", flat=True))
        present = {
            u.lower()
            for u in User.objects.filter(pk__in=ids - {None}).values_list("username", flat=True)
        }
    strangers = sorted(
        u
        for u in User.objects.filter(username__in=list(names)).values_list("username", flat=True)
        if u.lower() not in present and u.lower() != author.username.lower()
    )
    if not strangers:
        return []
    who = ", ".join(f"@{u}" for u in strangers[:3])
    return [
        f"Your post mentions {who}, who has not written in this thread. A mention notifies "
        "them, so it is contact a professional initiates (ACA 2014 C.3, NBCC: no "
        "soliciting). Mention only people taking part. A moderator will review this post."
    ]


def decide(
    *,
    author: User | None,
    texts: list[str],
    ip_digest: str = "",
    thread: Question | None = None,
) -> Decision:
    """Run every pre-publication check once; raises NotAllowed/DomainError to refuse."""
    member = author if author is not None and author.is_authenticated else None
    verdict = rules.check_post(author=member, texts=texts, ip_digest=ip_digest)
    joined = "\n".join(t for t in texts if t)
    if mentions := first_contact_mentions(member, joined, thread):
        verdict.boundary = [*verdict.boundary, *mentions]
        verdict.hold = [*verdict.hold, *mentions]
    return Decision(
        source=tuple(texts),
        author_id=member.pk if member is not None else None,
        ip_digest=ip_digest,
        thread_id=thread.pk if thread is not None else None,
        rules=verdict,
        crisis=screen_texts(texts, support=False),
        contacts=contact_details(joined),
    )


def reuse_or_decide(
    decision: Decision | None,
    *,
    author: User | None,
    texts: list[str],
    ip_digest: str = "",
    thread: Question | None = None,
) -> Decision:
    """The page's decision when it was made for this poster and these very texts, else
    a fresh one."""
    if decision is not None and decision.made_for(author, texts, ip_digest, thread):
        return decision
    return decide(author=author, texts=texts, ip_digest=ip_digest, thread=thread)
