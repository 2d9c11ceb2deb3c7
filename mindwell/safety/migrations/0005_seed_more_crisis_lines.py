"""Grow the crisis-line directory to 42 countries, as checked by the maintainers on
2026-11-20, and give every seeded line its source.

- Adds the lines in NEW_LINES (get_or_create: an existing row of the same country, kind
  and name is left as the admins have it).
- Marks the lines seeded by 0003 as checked on 2026-11-20 and records their sources, but
  only where a row still has the seeded number (an admin-edited row keeps its own date).
- Germany's emergency row now says 112 is for fire and ambulance and 110 for the police.

Emergency numbers for the new countries are not rows: they come from the built-in table
in mindwell/safety/emergency.py (a row added in the admin takes precedence).

Reversing deletes the rows this migration added; the dates and sources it set stay.
"""

import datetime
import importlib

from django.db import migrations

VERIFIED = datetime.date(2026, 11, 20)
OLD_VERIFIED = datetime.date(2025, 11, 1)
EMERGENCY = "Emergency services"
EU_112 = "https://digital-strategy.ec.europa.eu/en/policies/112"

# Sources for the lines 0003 seeded: (country, kind, service_name) -> URL.
SOURCES = {
    ("US", "primary", "988 Suicide & Crisis Lifeline"): "https://988lifeline.org",
    ("US", "text_chat", "988 Suicide & Crisis Lifeline"): "https://988lifeline.org",
    ("US", "emergency", EMERGENCY): "https://www.911.gov",
    ("CA", "primary", "9-8-8 Suicide Crisis Helpline"): "https://988.ca",
    ("CA", "text_chat", "9-8-8 Suicide Crisis Helpline"): "https://988.ca",
    ("CA", "emergency", EMERGENCY): "https://www.canada.ca",
    ("GB", "primary", "Samaritans"): "https://www.samaritans.org",
    ("GB", "text_chat", "Shout"): "https://giveusashout.org",
    ("GB", "emergency", EMERGENCY): "https://www.nhs.uk",
    ("IE", "primary", "Samaritans"): "https://www.samaritans.org/ireland",
    ("IE", "text_chat", "50808"): "https://50808.ie",
    ("IE", "emergency", EMERGENCY): EU_112,
    ("FR", "primary", "3114, numéro national de prévention du suicide"): "https://3114.fr",
    ("FR", "emergency", EMERGENCY): EU_112,
    ("ES", "primary", "Línea 024 de atención a la conducta suicida"): "https://www.sanidad.gob.es",
    ("ES", "emergency", EMERGENCY): EU_112,
    ("AU", "primary", "Lifeline"): "https://www.lifeline.org.au",
    ("AU", "text_chat", "Lifeline Text"): "https://www.lifeline.org.au",
    ("AU", "emergency", EMERGENCY): "https://www.triplezero.gov.au",
    ("NZ", "primary", "1737, Need to talk?"): "https://1737.org.nz",
    ("NZ", "text_chat", "1737, Need to talk?"): "https://1737.org.nz",
    ("NZ", "emergency", EMERGENCY): "https://www.govt.nz",
    ("DE", "primary", "TelefonSeelsorge"): "https://www.telefonseelsorge.de",
    ("DE", "emergency", EMERGENCY): EU_112,
    ("", "primary", "Find A Helpline"): "https://findahelpline.com",
}
OLD_DE_EMERGENCY = "Police, fire or ambulance when a life is in danger."
NEW_DE_EMERGENCY = "Fire service or ambulance: 112. Police: 110."

# (country, kind, service_name, fields); every entry has a source_url.
NEW_LINES = [
    # Existing countries: more lines (shown when the first is switched off).
    ("US", "text_chat", "Crisis Text Line", {
        "text_number": "Text HOME to 741741", "chat_url": "https://www.crisistextline.org",
        "hours": "24/7", "languages": "English, Spanish", "priority": 20,
        "description": "Free text support from a trained volunteer crisis counselor.",
        "source_url": "https://www.crisistextline.org",
    }),
    ("CA", "primary", "Kids Help Phone", {
        "phone": "1-800-668-6868", "hours": "24/7", "languages": "English, French",
        "priority": 20,
        "description": "Free support for young people, by phone or by text: "
        "text CONNECT to 686868.",
        "source_url": "https://kidshelpphone.ca",
    }),
    ("CA", "text_chat", "Kids Help Phone", {
        "text_number": "Text CONNECT to 686868", "hours": "24/7",
        "languages": "English, French", "priority": 20,
        "description": "Free text support for young people in Canada.",
        "source_url": "https://kidshelpphone.ca",
    }),
    ("GB", "primary", "Lifeline (Northern Ireland)", {
        "phone": "0808 808 8000", "hours": "24/7", "languages": "English", "priority": 20,
        "description": "For people in Northern Ireland: free crisis counselling by phone, "
        "day or night, for anyone in distress or despair.",
        "source_url": "https://www.lifelinehelpline.info",
    }),
    ("IE", "primary", "Pieta", {
        "phone": "1800 247 247", "hours": "24/7", "languages": "English", "priority": 20,
        "description": "Free crisis counselling for people thinking about suicide or "
        "self-harm, and for people bereaved by suicide.",
        "source_url": "https://www.pieta.ie",
    }),
    ("FR", "primary", "SOS Amitié", {
        "phone": "09 72 39 40 50", "hours": "24/7", "languages": "French", "priority": 20,
        "description": "Anonymous listening, day and night, for anyone in distress.",
        "source_url": "https://www.sos-amitie.com",
    }),
    ("ES", "primary", "Teléfono de la Esperanza", {
        "phone": "717 003 717", "hours": "24/7", "languages": "Spanish", "priority": 20,
        "description": "Free, confidential emotional support by phone.",
        "source_url": "https://telefonodelaesperanza.org",
    }),
    ("DE", "text_chat", "TelefonSeelsorge Chat", {
        "chat_url": "https://online.telefonseelsorge.de", "languages": "German",
        "description": "Anonymous chat or email with a trained listener.",
        "source_url": "https://www.telefonseelsorge.de",
    }),
    # New countries.
    ("NL", "primary", "113 Zelfmoordpreventie", {
        "phone": "0800 0113", "hours": "24/7", "languages": "Dutch",
        "description": "Free and anonymous, for people thinking about suicide and the "
        "people around them. Also on 113 (normal call rates).",
        "source_url": "https://www.113.nl",
    }),
    ("NL", "text_chat", "113 Zelfmoordpreventie", {
        "chat_url": "https://www.113.nl", "hours": "24/7", "languages": "Dutch",
        "description": "Chat anonymously with a trained counsellor.",
        "source_url": "https://www.113.nl",
    }),
    ("IT", "primary", "Telefono Amico Italia", {
        "phone": "02 2327 2327", "hours": "Every day, 10:00–24:00", "languages": "Italian",
        "description": "Confidential listening for anyone who feels alone or in distress.",
        "source_url": "https://www.telefonoamico.it",
    }),
    ("PT", "primary", "SOS Voz Amiga", {
        "phone": "213 544 545", "languages": "Portuguese",
        "description": "Confidential listening for people in distress. Also on "
        "912 802 669 and 963 524 660.",
        "source_url": "https://www.sosvozamiga.org",
    }),
    ("PT", "primary", "SNS 24", {
        "phone": "808 24 24 24", "hours": "24/7", "languages": "Portuguese", "priority": 20,
        "description": "The national health line, with psychological counselling.",
        "source_url": "https://www.sns24.gov.pt",
    }),
    ("BR", "primary", "CVV, Centro de Valorização da Vida", {
        "phone": "188", "hours": "24/7", "languages": "Portuguese",
        "description": "Free emotional support and suicide prevention, by phone or chat.",
        "source_url": "https://cvv.org.br",
    }),
    ("BR", "text_chat", "CVV, Centro de Valorização da Vida", {
        "chat_url": "https://cvv.org.br", "languages": "Portuguese",
        "description": "Chat with a CVV volunteer.",
        "source_url": "https://cvv.org.br",
    }),
    ("MX", "primary", "Línea de la Vida", {
        "phone": "800 911 2000", "hours": "24/7", "languages": "Spanish",
        "description": "Free, confidential support for mental health, addiction and "
        "suicidal thoughts, from the Ministry of Health.",
        "source_url": "https://www.gob.mx/salud",
    }),
    ("IN", "primary", "Tele-MANAS", {
        "phone": "14416", "hours": "24/7", "languages": "Hindi, English and many more",
        "description": "The national mental health helpline. Free; also on 1-800-891-4416.",
        "source_url": "https://telemanas.mohfw.gov.in",
    }),
    ("AT", "primary", "TelefonSeelsorge", {
        "phone": "142", "hours": "24/7", "languages": "German",
        "description": "Free and anonymous, for anyone who needs to talk.",
        "source_url": "https://www.telefonseelsorge.at",
    }),
    ("CH", "primary", "Die Dargebotene Hand / La Main Tendue / Telefono Amico", {
        "phone": "143", "hours": "24/7", "languages": "German, French, Italian",
        "description": "Anonymous listening, day and night, for anyone who needs to talk.",
        "source_url": "https://www.143.ch",
    }),
    ("BE", "primary", "Zelfmoordlijn 1813", {
        "phone": "1813", "hours": "24/7", "languages": "Dutch",
        "description": "Free and anonymous, for people thinking about suicide and those "
        "worried about them. In French: Centre de Prévention du Suicide, 0800 32 123.",
        "source_url": "https://www.zelfmoord1813.be",
    }),
    ("BE", "primary", "Centre de Prévention du Suicide", {
        "phone": "0800 32 123", "hours": "24/7", "languages": "French", "priority": 20,
        "description": "Free and anonymous, for people thinking about suicide and those "
        "worried about them.",
        "source_url": "https://www.preventionsuicide.be",
    }),
    ("BE", "primary", "Tele-Onthaal", {
        "phone": "106", "hours": "24/7", "languages": "Dutch", "priority": 30,
        "description": "Anonymous listening for anyone who needs to talk.",
        "source_url": "https://www.tele-onthaal.be",
    }),
    ("BE", "text_chat", "Zelfmoordlijn 1813", {
        "chat_url": "https://www.zelfmoord1813.be", "languages": "Dutch",
        "description": "Chat anonymously with a trained volunteer.",
        "source_url": "https://www.zelfmoord1813.be",
    }),
    ("SE", "primary", "Mind Självmordslinjen", {
        "phone": "90101", "hours": "24/7", "languages": "Swedish",
        "description": "For people thinking about suicide, by phone or chat.",
        "source_url": "https://mind.se",
    }),
    ("FI", "primary", "MIELI Kriisipuhelin", {
        "phone": "09 2525 0111", "hours": "24/7", "languages": "Finnish",
        "description": "The national crisis line of MIELI Mental Health Finland.",
        "source_url": "https://mieli.fi",
    }),
    ("NO", "primary", "Mental Helse Hjelpetelefonen", {
        "phone": "116 123", "hours": "24/7", "languages": "Norwegian",
        "description": "Free and anonymous, for anyone who needs someone to talk to.",
        "source_url": "https://mentalhelse.no",
    }),
    ("NO", "primary", "Kirkens SOS", {
        "phone": "22 40 00 40", "hours": "24/7", "languages": "Norwegian", "priority": 20,
        "description": "Crisis support by phone, day and night.",
        "source_url": "https://www.kirkens-sos.no",
    }),
    ("DK", "primary", "Livslinien", {
        "phone": "70 201 201", "languages": "Danish",
        "description": "Anonymous counselling for people thinking about suicide and the "
        "people close to them.",
        "source_url": "https://www.livslinien.dk",
    }),
    ("PL", "primary", "Centrum Wsparcia", {
        "phone": "800 70 2222", "hours": "24/7", "languages": "Polish",
        "description": "Free support for adults in mental health crisis.",
        "source_url": "https://centrumwsparcia.pl",
    }),
    ("JP", "primary", "Inochi no Denwa", {
        "phone": "0570-783-556", "languages": "Japanese",
        "description": "The national suicide prevention line. Calls cost the normal rate; "
        "the free line 0120-783-556 is open at set times.",
        "source_url": "https://www.inochinodenwa.org",
    }),
    ("JP", "primary", "TELL Lifeline", {
        "phone": "03-5774-0992", "languages": "English", "priority": 20,
        "description": "Free, anonymous support in English for people in Japan.",
        "source_url": "https://telljp.com",
    }),
    ("KR", "primary", "Suicide prevention line 109", {
        "phone": "109", "hours": "24/7", "languages": "Korean",
        "description": "The national suicide prevention line.",
        "source_url": "https://www.mohw.go.kr",
    }),
    ("ZA", "primary", "SADAG Suicide Crisis Helpline", {
        "phone": "0800 567 567", "hours": "24/7", "languages": "English",
        "description": "Free crisis support from the South African Depression and "
        "Anxiety Group.",
        "source_url": "https://www.sadag.org",
    }),
    ("SG", "primary", "Samaritans of Singapore (SOS)", {
        "phone": "1767", "hours": "24/7", "languages": "English",
        "description": "Confidential support for people in crisis or thinking about "
        "suicide.",
        "source_url": "https://www.sos.org.sg",
    }),
    ("AR", "primary", "Centro de Asistencia al Suicida", {
        "phone": "(011) 5275-1135", "languages": "Spanish",
        "description": "Listening and support for people thinking about suicide. Free on "
        "135 from Buenos Aires and Greater Buenos Aires.",
        "source_url": "https://www.asistenciaalsuicida.org.ar",
    }),
    ("CL", "primary", "Línea *4141, No estás solo", {
        "phone": "*4141", "hours": "24/7", "languages": "Spanish",
        "description": "Free suicide prevention line of the Ministry of Health, "
        "from mobile phones.",
        "source_url": "https://www.minsal.cl",
    }),
    ("HK", "primary", "The Samaritans Hong Kong", {
        "phone": "2896 0000", "hours": "24/7", "languages": "Cantonese, English and more",
        "description": "Multilingual emotional support. In Cantonese, Samaritan "
        "Befrienders Hong Kong: 2389 2222.",
        "source_url": "https://samaritans.org.hk",
    }),
    ("HK", "primary", "Samaritan Befrienders Hong Kong", {
        "phone": "2389 2222", "hours": "24/7", "languages": "Cantonese", "priority": 20,
        "description": "Emotional support and suicide prevention.",
        "source_url": "https://sbhk.org.hk",
    }),
    ("IL", "primary", "ERAN", {
        "phone": "1201", "hours": "24/7", "languages": "Hebrew, Arabic, English and more",
        "description": "Emotional first aid by phone or online.",
        "source_url": "https://www.eran.org.il",
    }),
    ("GR", "primary", "Klimaka suicide prevention line", {
        "phone": "1018", "hours": "24/7", "languages": "Greek",
        "description": "For people thinking about suicide and the people around them.",
        "source_url": "https://www.klimaka.org.gr",
    }),
    ("IS", "primary", "Hjálparsími Rauða krossins", {
        "phone": "1717", "hours": "24/7", "languages": "Icelandic, English",
        "description": "The Icelandic Red Cross helpline, free and confidential.",
        "source_url": "https://www.raudikrossinn.is",
    }),
    ("UA", "primary", "Lifeline Ukraine", {
        "phone": "7333", "hours": "24/7", "languages": "Ukrainian",
        "description": "The national suicide prevention and mental health line.",
        "source_url": "https://lifelineukraine.com",
    }),
    ("TW", "primary", "1925 Mental Health Support Line", {
        "phone": "1925", "hours": "24/7", "languages": "Mandarin",
        "description": "Free support line of the Ministry of Health and Welfare.",
        "source_url": "https://www.mohw.gov.tw",
    }),
    ("TH", "primary", "Department of Mental Health hotline", {
        "phone": "1323", "hours": "24/7", "languages": "Thai",
        "description": "Free mental health counselling by phone.",
        "source_url": "https://www.dmh.go.th",
    }),
    ("PH", "primary", "NCMH Crisis Hotline", {
        "phone": "1553", "hours": "24/7", "languages": "Filipino, English",
        "description": "National Center for Mental Health. 1553 is free from landlines; "
        "from a mobile call 0917 899 8727.",
        "source_url": "https://ncmh.gov.ph",
    }),
    ("MY", "primary", "Befrienders Kuala Lumpur", {
        "phone": "03-7627 2929", "hours": "24/7", "languages": "English, Malay and more",
        "description": "Emotional support for anyone in distress or thinking about suicide.",
        "source_url": "https://www.befrienders.org.my",
    }),
    ("UY", "primary", "Línea Vida", {
        "phone": "0800 0767", "hours": "24/7", "languages": "Spanish",
        "description": "Free suicide prevention line; *0767 from mobile phones.",
        "source_url": "https://www.gub.uy",
    }),
    ("PE", "primary", "Línea 113, salud mental", {
        "phone": "113", "hours": "24/7", "languages": "Spanish",
        "description": "Ministry of Health line: choose option 5 for mental health.",
        "source_url": "https://www.gob.pe/minsa",
    }),
    ("RS", "primary", "Centar Srce", {
        "phone": "0800 300 303", "languages": "Serbian",
        "description": "Free, confidential emotional support and suicide prevention.",
        "source_url": "https://centarsrce.org",
    }),
    ("LB", "primary", "Embrace Lifeline", {
        "phone": "1564", "languages": "Arabic, English",
        "description": "The national emotional support and suicide prevention line.",
        "source_url": "https://embracelebanon.org",
    }),
]


def _seeded_lines():
    return importlib.import_module("mindwell.safety.migrations.0003_seed_crisis_lines").LINES


def forwards(apps, schema_editor):
    CrisisLine = apps.get_model("safety", "CrisisLine")
    for country, kind, service_name, fields in _seeded_lines():
        contact = {k: fields.get(k, "") for k in ("phone", "text_number", "chat_url")}
        rows = CrisisLine.objects.filter(
            country=country, kind=kind, service_name=service_name, **contact
        )
        rows.filter(last_verified__lt=VERIFIED).update(last_verified=VERIFIED)
        source = SOURCES.get((country, kind, service_name), "")
        if source:
            rows.filter(source_url="").update(source_url=source)
    CrisisLine.objects.filter(
        country="DE", kind="emergency", service_name=EMERGENCY, description=OLD_DE_EMERGENCY
    ).update(description=NEW_DE_EMERGENCY)
    for country, kind, service_name, fields in NEW_LINES:
        CrisisLine.objects.get_or_create(
            country=country,
            kind=kind,
            service_name=service_name,
            defaults={"last_verified": VERIFIED, **fields},
        )


def backwards(apps, schema_editor):
    CrisisLine = apps.get_model("safety", "CrisisLine")
    for country, kind, service_name, fields in NEW_LINES:
        CrisisLine.objects.filter(
            country=country, kind=kind, service_name=service_name, source_url=fields["source_url"]
        ).delete()
    CrisisLine.objects.filter(
        country="DE", kind="emergency", service_name=EMERGENCY, description=NEW_DE_EMERGENCY
    ).update(description=OLD_DE_EMERGENCY)


class Migration(migrations.Migration):

    dependencies = [
        ("safety", "0004_crisisline_source_url"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
