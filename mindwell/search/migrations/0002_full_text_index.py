"""The database's own full-text index over SearchDocument: FTS5 on SQLite, a weighted
tsvector with a GIN index on PostgreSQL."""

from django.conf import settings
from django.db import migrations

from mindwell.search.migrations import _fts


def postgres_forward(config: str) -> list[str]:
    return [
        f"""ALTER TABLE search_searchdocument ADD COLUMN vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('{config}'::regconfig, coalesce(title, '')), 'A') ||
            setweight(to_tsvector('{config}'::regconfig, coalesce(tags, '')), 'B') ||
            setweight(to_tsvector('{config}'::regconfig, coalesce(body, '')), 'C')
        ) STORED""",
        "CREATE INDEX search_vector_gin ON search_searchdocument USING gin (vector)",
    ]


POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _fts.recreate(schema_editor, prefix="2 3")
    elif vendor == "postgresql":
        for sql in postgres_forward(settings.SEARCH_CONFIG):
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": _fts.DROP, "postgresql": POSTGRES_BACKWARD}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]
    operations = [migrations.RunPython(forward, backward)]
