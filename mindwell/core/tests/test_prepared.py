"""Prepared queries: the ORM's SQL compiled once per process, run with each call's ids."""

from unittest import mock

import pytest

from mindwell.core.prepared import Prepared, prepared
from mindwell.qa.models import Answer, Question, Status
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
