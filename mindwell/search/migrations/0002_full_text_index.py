"""The database's own full-text index over SearchDocument: FTS5 on SQLite, a weighted
tsvector with a GIN index on PostgreSQL."""

from django.conf import settings
from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, tags, body,
        content='search_searchdocument', content_rowid='question_id',
        tokenize='porter unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, tags, body)
        VALUES (new.question_id, new.title, new.tags, new.body);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, tags, body)
        VALUES ('delete', old.question_id, old.title, old.tags, old.body);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE OF title, tags, body
        ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, tags, body)
        VALUES ('delete', old.question_id, old.title, old.tags, old.body);
        INSERT INTO search_fts(rowid, title, tags, body)
        VALUES (new.question_id, new.title, new.tags, new.body);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]


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
        statements = SQLITE_FORWARD
    elif vendor == "postgresql":
        statements = postgres_forward(settings.SEARCH_CONFIG)
    else:
        return
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]
    operations = [migrations.RunPython(forward, backward)]
