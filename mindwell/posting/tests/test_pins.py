"""Pins on the cost of posting one answer through the page."""

from unittest import mock

from mindwell.qa.models import Answer
from mindwell.qa.tests.factories import UserFactory, ask
from mindwell.safety.screening import detector
from mindwell.safety.screening import model as learned

BODY = "Writing my worries down before bed and keeping the phone in the kitchen helped me a lot."


def test_one_answer_is_crisis_screened_once(client_for, asker, category):
    q = ask(asker, category=category)
    client = client_for(UserFactory(username="helper"))
    detector._screen.cache_clear()
    with mock.patch.object(learned, "features", wraps=learned.features) as features:
        response = client.post(f"/questions/{q.pk}/answers/", {"body": BODY})
    assert response.status_code == 302
    assert Answer.objects.count() == 1
    assert features.call_count == 1  # the crisis page check and the routing share one screen


def test_posting_an_answer_costs_a_pinned_number_of_queries(
    client_for, asker, category, django_assert_max_num_queries
):
    q = ask(asker, category=category)
    client = client_for(UserFactory(username="helper"))
    client.get(q.get_absolute_url())  # warm the caches a real visitor would have warmed
    # session, user, question, IP block, first post?, rate counter (3), the question locked,
    # recusal, answer, revision, question counters and activity, search document, the
    # notification task, points (2), review item, and the test transaction's savepoint (2)
    with django_assert_max_num_queries(20):
        response = client.post(f"/questions/{q.pk}/answers/", {"body": BODY})
    assert response.status_code == 302


def test_one_answer_is_read_by_each_contact_detector_once(client_for, asker, category):
    from mindwell.professionals import boundaries

    q = ask(asker, category=category)
    client = client_for(UserFactory(username="helper"))
    boundaries._detect.cache_clear()
    response = client.post(f"/questions/{q.pk}/answers/", {"body": BODY})
    assert response.status_code == 302
    detectors = set(boundaries.CONTACT_DETECTORS) | set(boundaries.BOUNDARY_DETECTORS)
    info = boundaries._detect.cache_info()
    assert info.misses == len(detectors)  # each detector read the post once
    assert info.hits > 0  # the contact warning and the boundary check shared what they read
