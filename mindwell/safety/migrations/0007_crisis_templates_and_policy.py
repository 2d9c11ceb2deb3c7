"""Seed the warm outreach templates and the escalation policy page (admins edit both)."""

from django.db import migrations

TEMPLATES = [
    (
        "Checking in after your post",
        "Hi,\n\nI'm one of the moderators here, and I read your post. I wanted to write to you "
        "personally, because what you described sounds really heavy, and you deserve support "
        "with it.\n\n[Say, in your own words, what you noticed in their post.]\n\nIf you are "
        "thinking about ending your life or hurting yourself, please reach out to someone who "
        "can talk right now:\n{crisis_lines}\n\nYou can also reply here. I'm glad you posted, "
        "and I hope you'll stay.",
    ),
    (
        "When someone else was worried",
        "Hi,\n\nSomeone in the community was worried about you after reading your post, and "
        "asked us to check in. I'm a moderator, and I'm writing just to you.\n\n[Say what "
        "you noticed, gently.]\n\nIf things feel too much right now, these are available any "
        "time:\n{crisis_lines}\n\nIf you'd like to, reply here and tell me how you are doing.",
    ),
    (
        "After a hard night",
        "Hi,\n\nI read what you wrote, and I'm sorry it has been this hard. [Name something "
        "specific from their post.]\n\nYou don't have to get through tonight alone. If you "
        "feel unsafe, please contact:\n{crisis_lines}\n\nIf it helps, reply here. We're "
        "reading.",
    ),
]

POLICY = """## What moderators do when someone may be at risk

This page says what happens when a post suggests that someone may be in danger: found by
our screening, or reported by a member or a visitor.

**In the first minutes.** The post goes to the top of the crisis queue and the moderators
on duty are alerted at once. If nobody is on duty, every moderator and admin is alerted.
The post is never hidden or blocked because of screening: being heard matters.

**Reaching out.** A moderator writes privately to the person who posted, in their own
words, with the crisis lines for the person's country. Members read the message in their
inbox; anonymous members too, without anyone learning who they are; a visitor who left an
email address gets it by email. The person can reply; only they and the moderators see
the conversation.

**If nobody acts in time.** Urgent posts escalate to every moderator and admin after 30
minutes; posts that need a look escalate after two hours.

**Method details.** A moderator may take details about means, doses or places out of a
post, leaving a note, without hiding the rest.

**Emergency services.** Moderators are volunteers and peers, not an emergency service.
Staff contact emergency services only when a post describes an immediate danger to life
and the person can be located from what they have chosen to share with us (for example, a
member who told us their address). We do not trace anonymous posters, and we do not hand
over addresses of visitors: for anonymous posts, our reach is the private message and the
crisis lines.

**When moderators are present.** Moderators keep on-duty shifts; the times depend on who
volunteers. Outside those hours, alerts go to every moderator and admin, but a reply may
take longer. If you are in danger now, please call your local emergency number or a crisis
line from the Get help now page: they answer at any hour.

**What we keep.** A short record of the alert and the moderator's notes, deleted
automatically after 30 days, and the private messages, which are part of your data
download and are deleted with your account.
"""


def seed(apps, schema_editor):
    CrisisTemplate = apps.get_model("safety", "CrisisTemplate")
    for position, (title, body) in enumerate(TEMPLATES):
        CrisisTemplate.objects.get_or_create(
            title=title, defaults={"body": body, "position": position * 10}
        )
    SitePage = apps.get_model("core", "SitePage")
    SitePage.objects.get_or_create(
        slug="crisis-policy",
        defaults={
            "title": "When someone may be at risk: our escalation policy",
            "body": POLICY,
            "show_in_footer": False,
        },
    )
    guidelines = SitePage.objects.filter(slug="guidelines").first()
    if guidelines is not None and "/pages/crisis-policy/" not in guidelines.body:
        guidelines.body += (
            "\n\nWhen a post suggests someone may be at risk, moderators follow "
            "[our escalation policy](/pages/crisis-policy/)."
        )
        guidelines.save(update_fields=["body"])


def unseed(apps, schema_editor):
    apps.get_model("safety", "CrisisTemplate").objects.filter(
        title__in=[t for t, _ in TEMPLATES]
    ).delete()
    apps.get_model("core", "SitePage").objects.filter(slug="crisis-policy").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("safety", "0006_crisis_response"),
        ("core", "0005_default_site_pages"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
