"""SQLite: add 4- and 5-character prefix indexes to FTS5, so "anxi*" and "thera*"
prefix searches read one prepared list instead of merging every matching term's list."""

from django.db import migrations

from mindwell.search.migrations import _fts


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _fts.recreate(schema_editor, prefix="2 3 4 5")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _fts.recreate(schema_editor, prefix="2 3")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_index")]
    operations = [migrations.RunPython(forward, backward)]
