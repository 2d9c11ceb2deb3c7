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

from dataclasses import dataclass, field

from mindwell.accounts.models import User
from mindwell.moderation import screening as rules
from mindwell.professionals.boundaries import contact_details
from mindwell.safety.screening import Screening, Tier
from mindwell.safety.services import screen_texts


@dataclass(frozen=True)
class Decision:
    source: tuple[str, ...]  # the texts as the poster wrote them (title first)
    author_id: int | None
    ip_digest: str
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

    def made_for(self, author: User | None, texts: list[str], ip_digest: str) -> bool:
        author_id = author.pk if author is not None and author.is_authenticated else None
        return (self.source, self.author_id, self.ip_digest) == (
            tuple(texts),
            author_id,
            ip_digest,
        )


def decide(*, author: User | None, texts: list[str], ip_digest: str = "") -> Decision:
    """Run every pre-publication check once; raises NotAllowed/DomainError to refuse."""
    member = author if author is not None and author.is_authenticated else None
    verdict = rules.check_post(author=member, texts=texts, ip_digest=ip_digest)
    joined = "\n".join(t for t in texts if t)
    return Decision(
        source=tuple(texts),
        author_id=member.pk if member is not None else None,
        ip_digest=ip_digest,
        rules=verdict,
        crisis=screen_texts(texts, support=False),
        contacts=contact_details(joined),
    )


def reuse_or_decide(
    decision: Decision | None, *, author: User | None, texts: list[str], ip_digest: str = ""
) -> Decision:
    """The page's decision when it was made for this poster and these very texts, else
    a fresh one."""
    if decision is not None and decision.made_for(author, texts, ip_digest):
        return decision
    return decide(author=author, texts=texts, ip_digest=ip_digest)
