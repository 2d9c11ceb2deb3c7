import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from mindwell.core import ratelimit
from mindwell.core.errors import RateLimited
from mindwell.core.models import RateCounter

TEN_37 = datetime(2026, 3, 2, 10, 37, tzinfo=UTC)
IP = "a" * 32
OTHER_IP = "b" * 32


def _hits(n, action, **who):
    for _ in range(n):
        ratelimit.hit(action, now=TEN_37, **who)


def test_a_member_can_ask_ten_questions_an_hour_and_the_eleventh_is_refused_kindly(db):
    _hits(10, "question", user_id=1)
    with pytest.raises(RateLimited) as refused:
        ratelimit.hit("question", user_id=1, now=TEN_37)
    assert refused.value.message == (
        "You've reached the limit of 10 questions an hour. Please try again in 23 minutes."
    )
    assert refused.value.retry_after == 23 * 60
    assert refused.value.status == 429


def test_one_members_limit_does_not_touch_another_member(db):
    _hits(10, "question", user_id=1)
    ratelimit.hit("question", user_id=2, now=TEN_37)


def test_members_sharing_one_network_share_its_limit(db):
    _hits(10, "question", user_id=1, ip_digest=IP)
    _hits(10, "question", user_id=2, ip_digest=IP)
    with pytest.raises(RateLimited) as refused:
        ratelimit.hit("question", user_id=3, ip_digest=IP, now=TEN_37)
    assert refused.value.message.startswith(
        "This network has reached the limit of 20 questions an hour."
    )
    ratelimit.hit("question", user_id=3, ip_digest=OTHER_IP, now=TEN_37)


def test_a_refused_attempt_is_counted_against_nobody(db, settings):
    settings.RATE_LIMITS = {"answer": (2, 3)}
    _hits(2, "answer", user_id=1, ip_digest=IP)
    with pytest.raises(RateLimited):
        ratelimit.hit("answer", user_id=1, ip_digest=OTHER_IP, now=TEN_37)
    # The other network's three answers are all still there for someone else.
    for member in (2, 3, 4):
        ratelimit.hit("answer", user_id=member, ip_digest=OTHER_IP, now=TEN_37)
    assert RateCounter.objects.get(key=f"answer:ip:{OTHER_IP}").count == 3
    assert RateCounter.objects.get(key="answer:member:1").count == 2


def test_the_message_speaks_of_one_flag_and_one_minute(db, settings):
    settings.RATE_LIMITS = {"flag": (1, 10)}
    just_before_eleven = datetime(2026, 3, 2, 10, 59, 30, tzinfo=UTC)
    ratelimit.hit("flag", user_id=1, now=just_before_eleven)
    with pytest.raises(RateLimited) as refused:
        ratelimit.hit("flag", user_id=1, now=just_before_eleven)
    assert refused.value.message == (
        "You've reached the limit of 1 flag an hour. Please try again in 1 minute."
    )
    assert refused.value.retry_after == 30


def test_the_limit_starts_afresh_when_the_hour_turns(db):
    with time_machine.travel(datetime(2026, 3, 2, 10, 5, tzinfo=UTC), tick=False) as clock:
        for _ in range(5):
            ratelimit.hit("signup", ip_digest=IP)
        with pytest.raises(RateLimited) as refused:
            ratelimit.hit("signup", ip_digest=IP)
        assert refused.value.retry_after == 55 * 60
        clock.move_to(datetime(2026, 3, 2, 11, 0, 1, tzinfo=UTC))
        ratelimit.hit("signup", ip_digest=IP)


def test_actions_without_a_limit_are_never_refused(db):
    for _ in range(50):
        ratelimit.hit("bookmark", user_id=1, ip_digest=IP, now=TEN_37)
        ratelimit.hit("signup", user_id=1, now=TEN_37)  # no per-member sign-up limit
    assert not RateCounter.objects.exists()


def test_exempt_members_are_neither_refused_nor_counted(db):
    for _ in range(30):
        ratelimit.hit("question", user_id=1, ip_digest=IP, now=TEN_37, exempt=True)
    assert not RateCounter.objects.exists()
    ratelimit.hit("question", user_id=1, ip_digest=IP, now=TEN_37)


def test_check_refuses_like_hit_but_counts_nothing(db):
    ratelimit.check("flag", user_id=1, now=TEN_37)
    assert not RateCounter.objects.exists()
    _hits(5, "flag", user_id=1)
    with pytest.raises(RateLimited, match="limit of 5 flags an hour"):
        ratelimit.check("flag", user_id=1, now=TEN_37)
    assert RateCounter.objects.get().count == 5


def test_a_naive_time_is_a_programming_error(db):
    with pytest.raises(ValueError, match="aware"):
        ratelimit.hit("vote", user_id=1, now=datetime(2026, 3, 2, 10, 0))  # noqa: DTZ001


def test_purge_deletes_only_counters_older_than_two_days(db):
    with time_machine.travel(TEN_37, tick=False):
        for hours_ago in (0, 1, 47, 49, 72):
            ratelimit.hit("vote", user_id=1, now=TEN_37 - timedelta(hours=hours_ago))
        assert ratelimit.purge_old_counters() == 2
        left = sorted(RateCounter.objects.values_list("window__hour", flat=True))
    assert left == [9, 10, 11]


@pytest.mark.django_db(transaction=True)
def test_thirty_simultaneous_votes_against_a_limit_of_twenty_let_exactly_twenty_through(
    settings,
):
    settings.RATE_LIMITS = {"vote": (20, None)}
    start = threading.Barrier(30)
    allowed, refused, failed = [], [], []

    def vote():
        try:
            start.wait()
            ratelimit.hit("vote", user_id=7, now=TEN_37)
            allowed.append(1)
        except RateLimited:
            refused.append(1)
        except Exception as error:  # reported below
            failed.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # A read-then-write without the lock lets 22–30 through here.
    assert failed == []
    assert (len(allowed), len(refused)) == (20, 10)
    assert RateCounter.objects.get(key="vote:member:7").count == 20


def test_a_request_counts_against_its_member_and_its_network(rf, asker, settings):
    settings.RATE_LIMITS = {"comment": (2, 3)}
    request = rf.post("/", REMOTE_ADDR="203.0.113.7")
    request.user = asker
    with time_machine.travel(TEN_37, tick=False):
        ratelimit.hit_from_request(request, "comment")
        ratelimit.hit_from_request(request, "comment")
        with pytest.raises(RateLimited, match="You've reached the limit of 2 comments"):
            ratelimit.hit_from_request(request, "comment")
        request.user = AnonymousUser()
        ratelimit.hit_from_request(request, "comment")
        with pytest.raises(RateLimited, match="This network has reached the limit of 3"):
            ratelimit.hit_from_request(request, "comment")


def test_moderators_are_not_limited_through_their_requests(rf, moderator):
    request = rf.post("/")
    request.user = moderator
    for _ in range(30):
        ratelimit.hit_from_request(request, "flag")
    assert not RateCounter.objects.exists()


def test_cached_counts_refuse_past_the_limit_without_counting_the_refusal_or_writing_rows(
    db, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api_read": (2, 3)}
    now = datetime(2026, 12, 7, 10, 30, tzinfo=UTC)
    ratelimit.hit_cached("api_read", user_id=7, ip_digest="net", now=now)
    ratelimit.hit_cached("api_read", user_id=7, ip_digest="net", now=now)
    with pytest.raises(RateLimited) as refused:
        ratelimit.hit_cached("api_read", user_id=7, ip_digest="net", now=now)
    assert refused.value.retry_after == 30 * 60
    # the member's refusal did not use up the network's third read
    ratelimit.hit_cached("api_read", user_id=8, ip_digest="net", now=now)
    with pytest.raises(RateLimited):
        ratelimit.hit_cached("api_read", user_id=9, ip_digest="net", now=now)
    # the next hour starts afresh
    ratelimit.hit_cached("api_read", user_id=7, ip_digest="net", now=now + timedelta(hours=1))
    assert not RateCounter.objects.exists()
