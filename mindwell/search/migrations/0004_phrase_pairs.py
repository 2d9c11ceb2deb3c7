"""PostgreSQL: index every pair of neighbouring words, so a quoted phrase finds its few
documents through the index instead of reading every candidate's positions.

`"lonely family"` was answered by walking the documents newest first and testing each one's
word positions (the GIN index keeps no positions, and the planner cannot estimate phrases):
at 100,000 questions a rare phrase of two common words read all 100,000 vectors (1.2 s). The
`pairs` column holds each document's neighbouring-lexeme pairs ("lone famili") as lexemes of
their own; a phrase first asks the index for the documents holding all of its pairs, and only
those are tested for the exact phrase. SQLite's FTS5 answers phrases from its own index."""

from django.conf import settings
from django.db import migrations

PAIRS_FUNCTION = """
CREATE OR REPLACE FUNCTION search_pairs(cfg regconfig, doc text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT pair)), ''::tsvector)
  FROM (
    SELECT lexeme || ' ' || lead(lexeme) OVER (ORDER BY pos) AS pair
    FROM unnest(to_tsvector(cfg, doc)) AS u, unnest(u.positions) AS pos
  ) AS neighbours
  WHERE pair IS NOT NULL
$$"""

QUERY_FUNCTION = """
CREATE OR REPLACE FUNCTION search_pairs_query(cfg regconfig, phrase text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg(quote_literal(pair), ' & ')::tsquery
  FROM unnest(tsvector_to_array(search_pairs(cfg, phrase))) AS pair
$$"""


def postgres_forward(config: str) -> list[str]:
    return [
        PAIRS_FUNCTION,
        QUERY_FUNCTION,
        f"""ALTER TABLE search_searchdocument ADD COLUMN pairs tsvector
        GENERATED ALWAYS AS (
            search_pairs('{config}'::regconfig,
                coalesce(title, '') || ' ' || coalesce(tags, '') || ' ' || coalesce(body, ''))
        ) STORED""",
        "CREATE INDEX search_pairs_gin ON search_searchdocument USING gin (pairs)",
    ]


POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_pairs_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS pairs",
    "DROP FUNCTION IF EXISTS search_pairs_query(regconfig, text)",
    "DROP FUNCTION IF EXISTS search_pairs(regconfig, text)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in postgres_forward(settings.SEARCH_CONFIG):
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_fts_longer_prefixes")]
    operations = [migrations.RunPython(forward, backward)]
