# The audit log moves to the audit app (audit 0001): only Django's record of the model goes;
# the table and its rows stay.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_challenge_visitors"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEntry")],
            database_operations=[],
        ),
    ]
