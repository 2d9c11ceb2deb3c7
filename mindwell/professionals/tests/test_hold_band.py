"""The learned model's hold band (issue 13): a professional's post that no rule holds, but that
the model reads as surely as solicitation as the rules' holds, waits for a moderator with the
sentence it read and the code's point; the demo community's professionals, experience, referrals
and crisis lines are not held. Below the band the model still only asks for a second look."""

import pytest

from mindwell.demo.loader import load_demo
from mindwell.moderation.models import ReviewItem
from mindwell.posting import services
from mindwell.professionals import boundary_model
from mindwell.professionals.boundaries import (
    LEARNED,
    boundary_reasons,
    boundary_rule_ids,
    second_look_ids,
)
from mindwell.professionals.models import ProfessionalProfile
from mindwell.qa.models import Answer, Comment, Question, Status
from mindwell.qa.tests.factories import UserFactory, ask

# No rule finds anything here; the model holds it.
HELD_OFFER = "I still have room on Thursday evenings if you want to work through this together."
MUST_PASS = [
    "In my practice, I've seen many couples recover from an affair.",
    "As a private-practice counselor, I'll confirm Priya's point 3",
    "A local therapist who specialises in trauma could help; ask your doctor for names.",
    "It might be worth asking your GP to refer you to a local therapist.",
    "If you are in danger, call 988 or text HOME to 741741, any time.",
    "In the UK, Samaritans answer on 116 123, day and night.",
    "SOS Amitié est joignable au 09 72 39 40 50.",
    "Please bring this to your own therapist at your next session.",
]


@pytest.mark.parametrize("text", MUST_PASS)
def test_experience_referrals_and_crisis_lines_are_not_held_by_the_model(pro, text):
    assert LEARNED not in boundary_rule_ids(text)
    assert boundary_reasons(author=pro, text=text) == []


def test_the_hold_band_sits_above_the_second_look():
    model = boundary_model.load()
    assert model is not None
    assert 0 < model.look_threshold < model.hold_threshold < 1
    assert model.holds(HELD_OFFER) and not model.looks(HELD_OFFER)


def test_an_offer_no_rule_finds_holds_a_professional_with_the_sentence_and_the_code(pro):
    assert boundary_rule_ids(HELD_OFFER) == [LEARNED]
    assert second_look_ids(HELD_OFFER) == []
    (reason,) = boundary_reasons(author=pro, text=HELD_OFFER)
    assert reason.startswith("Your post reads like soliciting clients or contact")
    assert HELD_OFFER[:20] in reason
    assert "APA 5.06" in reason and "A moderator will review this post." in reason


def test_a_professionals_post_in_the_hold_band_waits_and_a_members_is_published(pro, category):
    thread = ask(UserFactory(), category=category)
    held = services.post_answer(author=pro, question=thread, body=HELD_OFFER)
    assert held.status == Status.QUEUED
    assert "APA 5.06" in ReviewItem.objects.get(answer=held, queue="held").reason
    member = services.post_answer(author=UserFactory(), question=thread, body=HELD_OFFER)
    assert member.status == Status.PUBLISHED


def test_the_model_holds_none_of_the_demo_communitys_professional_posts(db):
    load_demo(password="demo-password-for-tests")
    pros = set(
        ProfessionalProfile.objects.filter(status="verified").values_list("member_id", flat=True)
    )
    assert pros
    published = {"author_id__in": pros, "status": Status.PUBLISHED}
    posts = [f"{q.title}\n{q.body}" for q in Question.objects.filter(**published)]
    for model in (Answer, Comment):
        posts += model.objects.filter(**published).values_list("body", flat=True)
    assert len(posts) >= 20
    held = [text[:80] for text in posts if LEARNED in boundary_rule_ids(text)]
    assert held == []


def test_when_a_rule_also_holds_the_post_its_reason_alone_explains(pro):
    text = "Happy to help further: DM me and we can book a first session at my practice."
    assert {"private", LEARNED} <= set(boundary_rule_ids(text))
    (reason,) = boundary_reasons(author=pro, text=text)
    assert "“DM me”" in reason and "APA 5.06" not in reason
    assert "ACA 2014" in reason[:300]  # what a review item keeps
