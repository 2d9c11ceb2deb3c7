"""PostgreSQL: keep each document's tsvector in its row and the long texts out of it.

A search reads the vectors of up to 1,000 documents (to test and to rank them). With the
default storage the vector (about 1.9 kB for a thread of four posts, barely compressible)
was moved to the TOAST table, so every vector read was one more index lookup there, while
the body (read only for the 20 snippets of a page) stayed in the row. Now the vector stays
in the row (MAIN) and the body and the phrase pairs go to TOAST uncompressed (EXTERNAL: a
snippet reads only the slice of the body it needs). At 100,000 questions this took a common
word's search from 22 to 13 ms (p50, in process).

Rows written before this migration keep their old layout until they are next written;
`manage.py rebuild_search_index` (or `VACUUM FULL search_searchdocument`) lays them all
out the new way.
"""

from django.db import migrations

from mindwell.search.migrations import _fts

FORWARD = (
    "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE MAIN, "
    "ALTER COLUMN body SET STORAGE EXTERNAL, ALTER COLUMN pairs SET STORAGE EXTERNAL"
)
BACKWARD = (
    "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE EXTENDED, "
    "ALTER COLUMN body SET STORAGE EXTENDED, ALTER COLUMN pairs SET STORAGE EXTENDED"
)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_phrase_pairs")]
    operations = [_fts.on_vendor("postgresql", FORWARD, BACKWARD)]
