"""SQLite: an index holding what ranking reads of each candidate (the boost, and the score
and date the other sorts need), so a search no longer reads the documents' rows.

A search joins up to 1,000 FTS5 matches to their documents for the boost. The row keeps the
long body before the boost, so each of those reads followed the body's overflow pages; the
index lookup reads one small entry. At 100,000 questions this took a common word's
candidate query from 10-13 ms to 7-9 ms (in process). The backend names the index
(INDEXED BY): the planner picks the primary key's index, which costs it the same.
PostgreSQL ranks the vector in the row and needs no such index.
"""

from django.db import migrations

from mindwell.search.migrations import _fts

INDEX = "search_document_ranking"
FORWARD = (
    f"CREATE INDEX {INDEX} ON search_searchdocument (question_id, boost, score, created_at)"
)
BACKWARD = f"DROP INDEX IF EXISTS {INDEX}"


class Migration(migrations.Migration):
    dependencies = [("search", "0005_vector_in_the_row")]
    operations = [_fts.on_vendor("sqlite", FORWARD, BACKWARD)]
