import datetime as dt

from django.utils import timezone

from mindwell.professionals import selectors, services
from mindwell.professionals.tests.factories import ProfessionalProfileFactory, verified
from mindwell.qa.tests.factories import UserFactory, answer, ask


def test_the_badge_lapses_when_the_license_expires(counselor, time_machine):
    expires = timezone.localdate() + dt.timedelta(days=30)
    profile = verified(counselor, expires_on=expires)
    last_evening = dt.datetime.combine(expires, dt.time(23, 0), tzinfo=dt.UTC)
    time_machine.move_to(last_evening)
    assert selectors.current_badge(counselor) == profile  # valid through its expiry date
    assert selectors.has_badge(counselor)
    time_machine.move_to(last_evening + dt.timedelta(hours=2))
    assert selectors.current_badge(counselor) is None
    assert not selectors.has_badge(counselor)
    assert selectors.badges_for([counselor.pk]) == {}
    profile.refresh_from_db()
    assert profile.is_lapsed


def test_current_badge_is_none_for_visitors_and_pending_applicants(db, stranger):
    from django.contrib.auth.models import AnonymousUser

    ProfessionalProfileFactory(member=stranger)
    assert selectors.current_badge(AnonymousUser()) is None
    assert selectors.current_badge(stranger) is None
    assert not selectors.has_badge(AnonymousUser()) and not selectors.has_badge(stranger)


def test_has_badge_sees_a_verification_and_a_revocation_at_once(
    db, stranger, moderator, django_assert_num_queries
):
    """Every member's question page asks; the answer is kept until a profile changes."""
    application = ProfessionalProfileFactory(member=stranger)
    assert not selectors.has_badge(stranger)
    with django_assert_num_queries(0):
        assert not selectors.has_badge(stranger)
    services.verify_application(moderator=moderator, application=application)
    assert selectors.has_badge(stranger)
    application.refresh_from_db()
    application.delete()
    assert not selectors.has_badge(stranger)


def test_badges_for_takes_one_query_for_many_members(db, django_assert_num_queries):
    members = UserFactory.create_batch(12)
    for member in members[:6]:
        verified(member)
    ProfessionalProfileFactory(member=members[6])  # pending: no badge
    with django_assert_num_queries(1):
        badges = selectors.badges_for([m.pk for m in members] + [None])
    assert set(badges) == {m.pk for m in members[:6]}
    with django_assert_num_queries(0):
        assert selectors.badges_for([None]) == {}


def test_attach_badges_never_badges_an_anonymous_post(counselor, asker, django_assert_num_queries):
    verified(counselor)
    question = ask(asker)
    public = answer(question, counselor, body="Sleep hygiene matters; keep a regular wake time.")
    anonymous = answer(
        question, counselor, body="Speaking for myself, rest matters too.", anonymous=True
    )
    posts = [question, public, anonymous]
    with django_assert_num_queries(1):
        selectors.attach_badges(posts)
    assert question.professional_badge is None
    assert public.professional_badge is not None
    assert public.professional_badge.member_id == counselor.pk
    assert anonymous.professional_badge is None


def test_review_queue_lists_the_oldest_pending_first(db):
    old = ProfessionalProfileFactory(created_at=timezone.now() - dt.timedelta(days=3))
    new = ProfessionalProfileFactory()
    verified(UserFactory())
    assert list(selectors.review_queue("pending")) == [old, new]
    assert selectors.pending_count() == 2


def _thread(asker, counselor):
    question = ask(asker)
    answers = [
        answer(question, counselor, body="A regular wake time helps most people sleep."),
        answer(question, asker, body="Thank you, I will try a regular wake time."),
    ]
    return question, [question, *answers]


def test_thread_professionals_for_a_visitor_takes_one_query(
    counselor, asker, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    verified(counselor)
    question, posts = _thread(asker, counselor)
    with django_assert_num_queries(1):
        thread = selectors.thread_professionals(
            viewer=AnonymousUser(), question=question, posts=posts
        )
    assert set(thread.badges) == {counselor.pk}
    assert posts[1].professional_badge is not None
    assert not thread.can_recuse
    assert thread.recusals == []


def test_thread_professionals_for_a_member_takes_one_query(
    counselor, asker, stranger, django_assert_num_queries
):
    verified(counselor)
    question, posts = _thread(asker, counselor)
    with django_assert_num_queries(1):
        thread = selectors.thread_professionals(viewer=stranger, question=question, posts=posts)
    assert not thread.can_recuse


def test_thread_professionals_tells_a_professional_they_recused(
    counselor, asker, django_assert_num_queries
):
    from mindwell.professionals import services

    verified(counselor)
    question, posts = _thread(asker, counselor)
    services.recuse(professional=counselor, question=question)
    with django_assert_num_queries(2):
        thread = selectors.thread_professionals(viewer=counselor, question=question, posts=posts)
    assert thread.can_recuse
    assert thread.recused
    assert thread.recusals == []  # the list is for moderators only


def test_only_moderators_see_who_recused(counselor, asker, moderator):
    from mindwell.professionals import services

    verified(counselor)
    question, posts = _thread(asker, counselor)
    services.recuse(professional=counselor, question=question)
    thread = selectors.thread_professionals(viewer=moderator, question=question, posts=posts)
    assert [r.professional for r in thread.recusals] == [counselor]
    assert not thread.can_recuse
