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
