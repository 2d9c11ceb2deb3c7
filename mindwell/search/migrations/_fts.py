"""Shared by search migrations: (re)create the SQLite FTS5 table and its triggers; run a
statement on one database vendor only."""

from collections.abc import Callable
from typing import Any

from django.db import migrations

TABLE = """CREATE VIRTUAL TABLE search_fts USING fts5(
    title, tags, body,
    content='search_searchdocument', content_rowid='question_id',
    tokenize='porter unicode61 remove_diacritics 2', prefix='{prefix}'
)"""
TRIGGERS = [
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
DROP = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]


def recreate(schema_editor, *, prefix: str) -> None:
    """Drop and recreate the FTS table with these prefix indexes, then rebuild it from
    the documents (external content)."""
    for sql in DROP:
        schema_editor.execute(sql)
    schema_editor.execute(TABLE.format(prefix=prefix))
    for sql in TRIGGERS:
        schema_editor.execute(sql)
    schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def on_vendor(vendor: str, forward: str, backward: str) -> migrations.RunPython:
    """An operation that runs `forward` (and `backward` when reversed) on `vendor`'s
    databases ("sqlite", "postgresql") and does nothing on the others."""

    def run(sql: str) -> Callable[[Any, Any], None]:
        def apply(apps: Any, schema_editor: Any) -> None:
            if schema_editor.connection.vendor == vendor:
                schema_editor.execute(sql)

        return apply

    return migrations.RunPython(run(forward), run(backward))
