from django.db import migrations

PAGES = [
    ("guidelines", "Community guidelines", 1, """
Mindwell is a place to ask for and offer support with relationships and mental health.
People here are often going through something hard. These guidelines keep it safe.

## Be kind first

- Answer the person, not just the question. Assume good faith.
- Disagree with ideas, never with people's worth. No insults, mockery or pile-ons.
- Don't diagnose other members. Share what helped *you*, and say when something is
  your own experience.

## Keep each other safe

- If someone may be at risk, use **Flag → Someone may be at risk**. Moderators see
  those reports first. If there is immediate danger, contact local emergency services.
- Don't describe methods of self-harm or suicide in detail, and don't share weights,
  calorie counts or "tips" that could harm people with eating disorders.
- Use a content warning when your post touches self-harm, suicide, abuse, eating
  disorders or grief.

## Privacy

- Don't post anyone's name, photo, address, workplace or contact details, including
  your own. Posting anonymously is always fine.
- Never try to find out who wrote an anonymous post.

## No selling

- No advertising, links to paid services or requests for private contact.
  Professionals follow the [professional code of conduct](/pages/professional-code/).

Moderators may edit, hide or remove posts that break these guidelines and will tell
you why. Repeated or serious breaches can lead to a suspension.
"""),
    ("professional-code", "Professional code of conduct", 2, """
Verified professionals (counselors, therapists, social workers, psychologists and
psychiatrists) are welcome to answer here, **in public and as general information**.
The codes of ethics that govern your work still apply: the NBCC Code of Ethics, the
ACA Code of Ethics (2014), the APA Ethical Principles and your licensing board's rules.

## On Mindwell you agree to

1. **No soliciting.** Don't offer sessions, share contact details, booking links or
   practice names, or invite members to contact you privately. Posts that do are held
   for review.
2. **No dual relationships.** Don't answer someone you know you treat, and don't start
   a professional relationship with a member through the site. If a thread involves
   someone you know, use **Recuse myself** on that thread.
3. **General information, not treatment.** Don't diagnose or advise on medication for
   a specific member. Every professional answer carries a footer saying so.
4. **Confidentiality.** Never describe clients, even disguised.
5. **Scope.** Answer within your training and jurisdiction; say when something needs
   an in-person assessment.
6. **Risk.** If a post suggests someone may be at risk, flag it with **Someone may be at
   risk** and answer with care and crisis resources.

Your badge shows your profession, jurisdiction and verification date. It lapses when
your licence expires; moderators may revoke it for breaches of this code.
"""),
    ("about", "What Mindwell is (and is not)", 3, """
Mindwell is a **peer community**: people share experiences and support, and verified
professionals offer general information.

- **Mindwell is not a crisis service.** Nobody watches posts in real time. If you are
  in danger or thinking about ending your life, contact a crisis line or your local
  emergency number now: see [Get help now](/help/).
- **Mindwell is not a substitute for therapy** or for medical advice from someone who
  knows your situation. Answers here, including those from professionals, are general
  information.
- You can post anonymously. Moderators keep the space safe and follow the
  [community guidelines](/pages/guidelines/).
"""),
    ("privacy", "Privacy policy", 4, """
We collect as little as we can and never sell or share it.

## What we store

- **Your account:** username, optional display name and "about" text, email address
  (never shown to anyone), password hash, points and level.
- **What you post:** questions, answers, comments and their edit history; votes,
  follows, flags and notification settings.
- **Anonymous posts:** if you post anonymously, no page shows who wrote it. Staff can
  look it up only with a recorded reason. If you leave an email address on an
  anonymous post, it is used only for notifications about that post, and every email
  has a link that removes it.
- **Network data:** we never store IP addresses, only a keyed digest used to stop abuse,
  deleted after a retention period (30 days by default).
- **Safety screening:** posts are checked for signs of crisis so that moderators can
  offer support. We keep only the result (a tier and rule names) on the post's
  moderation record, and it expires. There is no risk profile of any person.

We use no third-party trackers, advertising, analytics or web fonts.

## Your choices

From your profile you can **download all your data** as a JSON file and **delete your
account**, choosing to anonymise or delete your posts. Deleting removes your email
addresses, notification addresses, network digests and sessions.
"""),
    ("terms", "Terms of use", 5, """
By using Mindwell you agree to these terms.

1. **Age.** You must be at least 16 (or the age an administrator sets) to create an
   account. People under 13 cannot join.
2. **Your content.** You keep ownership of what you post and allow Mindwell to display
   it on the site, in feeds and through the API. Anonymous posts stay anonymous.
3. **Behaviour.** Follow the [community guidelines](/pages/guidelines/); professionals
   also follow the [professional code of conduct](/pages/professional-code/).
4. **No emergency service.** Mindwell is not a crisis service and not a substitute for
   professional care. In an emergency, contact local emergency services.
5. **Moderation.** Moderators may edit, hide, close or remove content and suspend
   accounts that break these terms; actions are logged.
6. **No warranty.** The site is provided as is. Advice from other members is their own.
"""),
]


def add(apps, schema_editor):
    SitePage = apps.get_model("core", "SitePage")
    for slug, title, position, body in PAGES:
        SitePage.objects.get_or_create(
            slug=slug, defaults={"title": title, "position": position, "body": body.strip()}
        )


def remove(apps, schema_editor):
    apps.get_model("core", "SitePage").objects.filter(slug__in=[p[0] for p in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0004_site_pages")]
    operations = [migrations.RunPython(add, remove)]
