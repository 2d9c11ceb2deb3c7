"""What the rules let through, the learned model sends to a moderator: below its hold band
(test_hold_band.py), a verified professional's borderline post is published and put in the
review queue with the sentence that reads like solicitation; the same words from a member
are left alone."""

import pytest

from mindwell.moderation.models import ReviewItem
from mindwell.posting import services
from mindwell.professionals.boundaries import boundary_rule_ids, second_look_ids
from mindwell.professionals.tests.factories import verified
from mindwell.qa.models import Status
from mindwell.qa.tests.factories import UserFactory, ask

VEILED_OFFER = (
    "If you want to work on this properly, I have a couple of evening slots free, "
    "and we could start next week."
)
# A pointer to the professional's own writing: in the band below the hold band.
BORDERLINE = "Reading about attachment might help; I've written a lot about this elsewhere."
# The second look is built to send about one ordinary post in twenty to a moderator (5 % of
# the ordinary posts it was trained against, 15 of 300 in a blind set): "Sleep, food and a short
# walk each day are the basics I would start with." is one of them since the model of
# 2026-12-07, so the plain help here is another everyday tip.
PLAIN_HELP = "Try writing the worry down before bed and setting it aside until the morning."


@pytest.fixture
def thread(category):
    return ask(UserFactory(), category=category)


def test_no_rule_finds_the_veiled_offer_and_the_model_holds_it():
    assert boundary_rule_ids(VEILED_OFFER) == ["learned"]  # the model's hold band
    assert second_look_ids(VEILED_OFFER) == []


def test_the_rules_miss_the_borderline_post_and_the_model_asks_for_a_look():
    assert boundary_rule_ids(BORDERLINE) == []
    assert second_look_ids(BORDERLINE) == ["learned"]
    assert second_look_ids(PLAIN_HELP) == []


def test_a_professionals_borderline_post_is_published_and_sent_to_a_moderator(thread):
    pro = UserFactory(display_name="Dana Reyes")
    verified(pro)
    a = services.post_answer(author=pro, question=thread, body=BORDERLINE)
    assert a.status == Status.PUBLISHED
    item = ReviewItem.objects.get(answer=a)
    assert item.queue == "flagged"
    assert "written a lot about this elsewhere" in item.reason


def test_a_members_same_words_and_a_professionals_plain_help_are_left_alone(thread):
    member = UserFactory()
    a = services.post_answer(author=member, question=thread, body=VEILED_OFFER)
    c = services.post_answer(author=member, question=thread, body=BORDERLINE)
    pro = UserFactory()
    verified(pro)
    b = services.post_answer(author=pro, question=thread, body=PLAIN_HELP)
    assert a.status == b.status == c.status == Status.PUBLISHED
    assert not ReviewItem.objects.filter(
        answer__in=[a, b, c], reason__contains="professional"
    ).exists()
