"""List pages do not count every row on every view: the count waits in the cache until
the content changes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mindwell.qa.tests.factories import ask


def _counts(client_for_member, path):
    with CaptureQueriesContext(connection) as queries:
        response = client_for_member.get(path)
    assert response.status_code == 200
    return sum("COUNT(" in q["sql"].upper() for q in queries.captured_queries), response


def test_a_list_counts_its_rows_once_until_a_question_is_asked(client_for, asker, category):
    ask(asker, category=category, title="First question about sleep and worry")
    client = client_for(asker)  # a member: no conditional GET in the way
    first, _ = _counts(client, "/questions/")
    again, page = _counts(client, "/questions/")
    assert again < first  # the list's COUNT(*) came from the cache
    ask(asker, category=category, title="Second question about money and worry")
    after, page = _counts(client, "/questions/")
    assert after > again  # a new question: counted again
    assert "Second question about money" in page.content.decode()


def test_a_list_drawn_from_the_cache_does_not_build_its_query(asker, category):
    from unittest import mock

    from mindwell.core.pagination import paginate
    from mindwell.qa import selectors

    for n in range(3):
        ask(asker, category=category, title=f"Question {n} about keeping in touch with friends")
    build = mock.Mock(wraps=lambda: selectors.question_list(sort="newest"))
    drawn = paginate(build, "1", 2, version="questions", count_key="published")
    assert build.call_count == 0  # nothing read yet: nothing built, nothing counted
    assert drawn.paginator.count == 3 and drawn.has_next()
    assert build.call_count == 1  # built to count the rows (not yet in the cache)
    titles = [q.title for q in drawn.object_list]
    assert titles == [q.title for q in selectors.question_list(sort="newest")[:2]]
    assert build.call_count == 1  # the page's rows: from the same queryset

    again = mock.Mock(wraps=build)
    cached = paginate(again, "2", 2, version="questions", count_key="published")
    assert (cached.paginator.count, cached.number, cached.has_next()) == (3, 2, False)
    assert again.call_count == 0  # the count came from the cache and no row was read
    assert len(cached.object_list) == 1 and again.call_count == 1
