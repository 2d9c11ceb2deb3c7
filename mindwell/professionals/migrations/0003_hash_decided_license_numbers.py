"""Seal the license numbers of applications already decided: keep a keyed hash and the
last 4 characters (as `services._seal_license` does from now on), drop the number.
Pending applications keep theirs: a moderator still has to check it with the board."""

from typing import Any

from django.db import migrations

from mindwell.professionals import licenses

DECIDED = ("verified", "rejected", "revoked", "lapsed")


def seal(apps: Any, schema_editor: Any) -> None:
    profile_model = apps.get_model("professionals", "ProfessionalProfile")
    rows = profile_model.objects.filter(status__in=DECIDED).exclude(license_number="")
    for profile in rows.only("pk", "license_number").iterator():
        profile.license_hash = licenses.license_hash(profile.license_number)
        profile.license_last4 = licenses.last4(profile.license_number)
        profile.license_number = ""
        profile.save(update_fields=["license_hash", "license_last4", "license_number"])


class Migration(migrations.Migration):
    dependencies = [("professionals", "0002_license_hash_and_last4")]

    # The numbers cannot come back: reversing leaves the hashes in place.
    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
