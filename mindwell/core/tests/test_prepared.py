"""Prepared queries: the ORM's SQL compiled once per process, run with each call's ids."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db.models import F
from django.utils import timezone

from mindwell.core.prepared import Prepared, deleting, insert, prepared, updating
from mindwell.qa.models import Answer, Question, Status, Vote
from mindwell.qa.tests.factories import UserFactory, answer, ask


@prepared
def answers_by(author_id: int, question_id: int):
    return (
        Answer.objects.filter(author_id=author_id, question_id=question_id, status=Status.PUBLISHED)
        .order_by("pk")
        .values_list("pk", "body")
    )


def test_each_call_runs_with_its_own_ids(asker, category, django_assert_num_queries):
    helper, other = UserFactory(), UserFactory()
    q1, q2 = ask(asker, category=category), ask(asker, category=category)
    mine = answer(q1, helper, body="Try a short walk after dinner, every day.")
    answer(q2, helper, body="Name the feeling out loud before you reply.")
    answer(q1, other, body="A friend's answer that is not the helper's.")
    with django_assert_num_queries(1):
        assert answers_by.rows(author_id=helper.pk, question_id=q1.pk) == [
            (mine.pk, "Try a short walk after dinner, every day.")
        ]
    assert len(answers_by.rows(author_id=other.pk, question_id=q1.pk)) == 1
    assert answers_by.rows(author_id=other.pk, question_id=q2.pk) == []


def test_the_queryset_is_built_and_compiled_once(asker, category):
    build = mock.Mock(
        wraps=lambda question_id: Question.objects.filter(pk=question_id).values("pk")
    )
    build.__qualname__ = "questions"
    query = Prepared(lambda question_id: build(question_id))
    q = ask(asker, category=category)
    assert query.rows(question_id=q.pk) == [(q.pk,)]
    assert query.rows(question_id=q.pk + 1000) == []
    assert build.call_count == 1


def test_an_argument_that_does_not_reach_the_sql_as_given_is_refused(db):
    # Compared with a text column, the id reaches the SQL as text, not as the given value.
    query = Prepared(lambda question_id: Question.objects.filter(slug=question_id))
    with pytest.raises(ValueError, match="question_id"):
        query.rows(question_id=1)


@prepared
def add_views(question_id: int, by: int):
    return updating(Question.objects.filter(pk=question_id), view_count=F("view_count") + by)


def test_a_prepared_update_adds_each_calls_value_to_its_row(asker, category):
    q1, q2 = ask(asker, category=category), ask(asker, category=category)
    assert add_views.run(question_id=q1.pk, by=5) == 1
    assert add_views.run(question_id=q1.pk, by=-2) == 1
    assert add_views.run(question_id=q2.pk, by=7) == 1
    assert add_views.run(question_id=q2.pk + 1000, by=7) == 0  # no such row: nothing changed
    q1.refresh_from_db()
    q2.refresh_from_db()
    assert (q1.view_count, q2.view_count) == (3, 7)


def test_a_prepared_delete_removes_only_the_given_row(asker, category):
    q = ask(asker, category=category)
    first, second = (Vote.objects.create(voter=UserFactory(), question=q, value=1) for _ in "ab")
    delete = Prepared(lambda vote_id: deleting(Vote.objects.filter(pk=vote_id)))
    assert delete.run(vote_id=first.pk) == 1
    assert delete.run(vote_id=first.pk) == 0
    assert list(Vote.objects.filter(question=q).values_list("pk", flat=True)) == [second.pk]


def test_insert_writes_rows_as_the_orm_would(asker, category):
    q = ask(asker, category=category)
    voters = [UserFactory(), UserFactory()]
    when = timezone.now() - timedelta(days=3)
    insert(
        Vote,
        [
            {"voter_id": v.pk, "question_id": q.pk, "answer_id": None, "value": value,
             "created_at": when, "updated_at": when}
            for v, value in zip(voters, (1, -1), strict=True)
        ],
    )  # fmt: skip
    saved = Vote.objects.filter(question=q).order_by("voter_id")
    assert [(v.voter_id, v.value, v.created_at) for v in saved] == [
        (voters[0].pk, 1, when),
        (voters[1].pk, -1, when),
    ]


def test_converted_rows_hold_the_values_the_orm_gives(asker, category):
    q = ask(asker, category=category)
    Question.objects.filter(pk=q.pk).update(locked=True)
    fields = ("pk", "locked", "is_anonymous", "created_at")
    query = Prepared(
        lambda question_id: Question.objects.filter(pk=question_id).values_list(*fields)
    )
    [row] = query.converted(question_id=q.pk)
    assert row == list(Question.objects.filter(pk=q.pk).values_list(*fields).get())
    assert row[1] is True and row[2] is False and row[3] == q.created_at


def test_a_text_argument_is_compared_as_given(db):
    from mindwell.taxonomy.models import Tag

    Tag.objects.create(name="100%_sure")
    Tag.objects.create(name="1000-sure")
    named = Prepared(lambda name: Tag.objects.filter(name=name).values_list("name"))
    named.texts.add("name")  # as a signature saying `name: str` does
    assert named.rows(name="100%_sure") == [("100%_sure",)]
    assert named.rows(name="100%") == []


def test_a_text_argument_that_a_lookup_escapes_or_wraps_is_refused(db):
    from mindwell.taxonomy.models import Tag

    def starting(name: str):
        return Tag.objects.filter(name__startswith=name).values_list("name")

    def containing(name: str):
        return Tag.objects.filter(name__contains=name).values_list("name")

    for build in (starting, containing):
        with pytest.raises(ValueError, match="name"):
            Prepared(build).rows(name="sleep")
