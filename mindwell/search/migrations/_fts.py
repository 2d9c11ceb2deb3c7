"""Shared by search migrations: (re)create the SQLite FTS5 table and its triggers."""

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
