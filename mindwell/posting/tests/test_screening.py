"""The one pre-publication decision: what it holds, and when a page's decision is reused."""

import pytest

from mindwell.core.errors import NotAllowed
from mindwell.moderation.models import IPBlock
from mindwell.posting import screening
from mindwell.qa.tests.factories import UserFactory


@pytest.mark.django_db
def test_the_decision_carries_the_crisis_tier_and_the_contact_details():
    member = UserFactory()
    decision = screening.decide(
        author=member,
        texts=["I have decided to end my life tonight, I wrote my goodbye letters. Call 555-0134"],
    )
    assert decision.at_risk and decision.crisis_sure
    assert decision.contacts  # the phone number the poster is about to make public
    assert decision.needs_interstitial


@pytest.mark.django_db
def test_an_everyday_post_needs_no_interstitial():
    decision = screening.decide(
        author=UserFactory(), texts=["Keeping a sleep diary helped me see what kept me up."]
    )
    assert not decision.at_risk and not decision.contacts and not decision.needs_interstitial


@pytest.mark.django_db
def test_a_page_decision_is_reused_only_for_the_same_poster_network_and_texts():
    member, other = UserFactory(), UserFactory()
    texts = ["Keeping a sleep diary helped me see what kept me up."]
    made = screening.decide(author=member, texts=texts, ip_digest="abc")
    assert screening.reuse_or_decide(made, author=member, texts=texts, ip_digest="abc") is made
    for author, changed, digest in [
        (other, texts, "abc"),
        (member, ["Something else entirely, written after the check."], "abc"),
        (member, texts, "def"),
    ]:
        fresh = screening.reuse_or_decide(made, author=author, texts=changed, ip_digest=digest)
        assert fresh is not made


@pytest.mark.django_db
def test_a_blocked_network_is_refused_by_the_decision():
    IPBlock.objects.create(ip_digest="blocked", reason="spam wave")
    with pytest.raises(NotAllowed):
        screening.decide(author=UserFactory(), texts=["A kind answer."], ip_digest="blocked")
