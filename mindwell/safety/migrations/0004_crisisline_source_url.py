# Written by hand: only CrisisLine.source_url (other safety models change separately).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("safety", "0003_seed_crisis_lines"),
    ]

    operations = [
        migrations.AddField(
            model_name="crisisline",
            name="source_url",
            field=models.URLField(
                blank=True,
                help_text="Where to check the number, hours and name: the service's own page.",
            ),
        ),
    ]
