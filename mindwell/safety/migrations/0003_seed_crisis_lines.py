"""Seed the crisis lines, as checked on 2025-11-01. Admins keep them current afterwards."""

import datetime

from django.db import migrations

VERIFIED = datetime.date(2025, 11, 1)
EMERGENCY = "Emergency services"

# (country, kind, service_name, fields)
LINES = [
    ("US", "primary", "988 Suicide & Crisis Lifeline", {
        "phone": "988", "hours": "24/7", "languages": "English, Spanish",
        "description": "Free, confidential support for anyone in distress, "
        "and for anyone worried about someone else.",
    }),
    ("US", "text_chat", "988 Suicide & Crisis Lifeline", {
        "text_number": "Text 988", "chat_url": "https://988lifeline.org",
        "hours": "24/7", "languages": "English",
        "description": "Text 988, or chat online, with a trained crisis counselor.",
    }),
    ("US", "emergency", EMERGENCY, {
        "phone": "911",
        "description": "Police, fire or ambulance when a life is in danger.",
    }),
    ("CA", "primary", "9-8-8 Suicide Crisis Helpline", {
        "phone": "988", "hours": "24/7", "languages": "English, French",
        "description": "Free support from trained responders for anyone thinking about "
        "suicide, or worried about someone who is.",
    }),
    ("CA", "text_chat", "9-8-8 Suicide Crisis Helpline", {
        "text_number": "Text 988", "hours": "24/7", "languages": "English, French",
        "description": "Text 988 to reach a trained responder.",
    }),
    ("CA", "emergency", EMERGENCY, {
        "phone": "911",
        "description": "Police, fire or ambulance when a life is in danger.",
    }),
    ("GB", "primary", "Samaritans", {
        "phone": "116 123", "hours": "24/7", "languages": "English",
        "description": "Free from any phone, day or night, to talk about whatever "
        "you're going through.",
    }),
    ("GB", "text_chat", "Shout", {
        "text_number": "Text SHOUT to 85258", "hours": "24/7", "languages": "English",
        "description": "Free, confidential text support from a trained volunteer.",
    }),
    ("GB", "emergency", EMERGENCY, {
        "phone": "999",
        "description": "112 also works. Police, fire or ambulance when a life is in danger.",
    }),
    ("IE", "primary", "Samaritans", {
        "phone": "116 123", "hours": "24/7", "languages": "English",
        "description": "Free from any phone, day or night, to talk about whatever "
        "you're going through.",
    }),
    ("IE", "text_chat", "50808", {
        "text_number": "Text HELLO to 50808", "hours": "24/7", "languages": "English",
        "description": "Free text support from a trained volunteer, any time.",
    }),
    ("IE", "emergency", EMERGENCY, {
        "phone": "112",
        "description": "999 also works. Police, fire or ambulance when a life is in danger.",
    }),
    ("FR", "primary", "3114, numéro national de prévention du suicide", {
        "phone": "3114", "hours": "24/7", "languages": "French",
        "description": "Free and confidential, for people in distress and for those "
        "worried about someone.",
    }),
    ("FR", "emergency", EMERGENCY, {
        "phone": "112",
        "description": "For urgent medical help you can also call 15 (SAMU).",
    }),
    ("ES", "primary", "Línea 024 de atención a la conducta suicida", {
        "phone": "024", "hours": "24/7", "languages": "Spanish",
        "description": "Free and confidential, for people with thoughts of suicide "
        "and for the people close to them.",
    }),
    ("ES", "emergency", EMERGENCY, {
        "phone": "112",
        "description": "Police, fire or ambulance when a life is in danger.",
    }),
    ("AU", "primary", "Lifeline", {
        "phone": "13 11 14", "hours": "24/7", "languages": "English",
        "description": "Crisis support and suicide prevention for anyone in Australia.",
    }),
    ("AU", "text_chat", "Lifeline Text", {
        "text_number": "Text 0477 13 11 14", "hours": "24/7", "languages": "English",
        "description": "Text with a trained Lifeline crisis supporter.",
    }),
    ("AU", "emergency", EMERGENCY, {
        "phone": "000",
        "description": "Police, fire or ambulance when a life is in danger.",
    }),
    ("NZ", "primary", "1737, Need to talk?", {
        "phone": "1737", "hours": "24/7", "languages": "English",
        "description": "Free call, any time, to talk with a trained counsellor.",
    }),
    ("NZ", "text_chat", "1737, Need to talk?", {
        "text_number": "Text 1737", "hours": "24/7", "languages": "English",
        "description": "Free text, any time, with a trained counsellor.",
    }),
    ("NZ", "emergency", EMERGENCY, {
        "phone": "111",
        "description": "Police, fire or ambulance when a life is in danger.",
    }),
    ("DE", "primary", "TelefonSeelsorge", {
        "phone": "0800 111 0 111", "hours": "24/7", "languages": "German",
        "description": "Free and anonymous. Also on 0800 111 0 222.",
    }),
    ("DE", "emergency", EMERGENCY, {
        "phone": "112",
        "description": "Police, fire or ambulance when a life is in danger.",
    }),
    ("", "primary", "Find A Helpline", {
        "chat_url": "https://findahelpline.com", "priority": 100,
        "description": "A directory of free, confidential helplines in many countries, "
        "to find one where you are.",
    }),
]


def seed(apps, schema_editor):
    CrisisLine = apps.get_model("safety", "CrisisLine")
    for country, kind, service_name, fields in LINES:
        CrisisLine.objects.get_or_create(
            country=country,
            kind=kind,
            service_name=service_name,
            defaults={"last_verified": VERIFIED, **fields},
        )


def unseed(apps, schema_editor):
    CrisisLine = apps.get_model("safety", "CrisisLine")
    for country, kind, service_name, _fields in LINES:
        CrisisLine.objects.filter(
            country=country, kind=kind, service_name=service_name
        ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("safety", "0002_crisis_lines"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
