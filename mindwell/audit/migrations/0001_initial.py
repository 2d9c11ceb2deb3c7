# The audit log moves from the moderation app: only Django's record of the model changes; the
# table (moderation_auditentry) and its rows stay as they are.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("moderation", "0003_challenge_visitors"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("actor_name", models.CharField(max_length=60)),
                        ("action", models.CharField(db_index=True, max_length=40)),
                        ("target_type", models.CharField(blank=True, max_length=20)),
                        ("target_id", models.PositiveBigIntegerField(blank=True, null=True)),
                        ("target_label", models.CharField(blank=True, max_length=200)),
                        ("reason", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name_plural": "audit entries",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "moderation_auditentry",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
