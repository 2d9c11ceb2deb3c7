from django.db import migrations

MESSAGES = [
    ("Kind reminder", "Thank you for taking part. Your post was hidden because it came across "
     "as unkind to another member. Everyone here is going through something; please keep "
     "replies gentle and about the question. You are welcome to post again."),
    ("Personal details", "We hid your post because it contained personal or contact details. "
     "To keep everyone safe, please share experiences without names, phone numbers or "
     "addresses. Feel free to edit and post again."),
    ("Not medical advice", "Your post gave specific medical or medication advice. Members "
     "here are not in a position to judge someone else's treatment, so we removed it. "
     "Sharing your own experience is always welcome."),
    ("Promotion", "Posts that advertise services, products or sessions are not allowed "
     "here. If you are a professional, you are welcome to answer with general information."),
    ("Approved", "Thank you for your patience: your post has been approved and is now "
     "visible to everyone."),
]


def add(apps, schema_editor):
    CannedMessage = apps.get_model("moderation", "CannedMessage")
    for name, text in MESSAGES:
        CannedMessage.objects.get_or_create(name=name, defaults={"text": text})


def remove(apps, schema_editor):
    CannedMessage = apps.get_model("moderation", "CannedMessage")
    CannedMessage.objects.filter(name__in=[m[0] for m in MESSAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_moderation")]
    operations = [migrations.RunPython(add, remove)]
