"""What holds a verified professional's post for review, and what never should."""

import pytest

from mindwell.professionals.boundaries import boundary_findings, contact_warning
from mindwell.professionals.services import boundary_reasons, contact_details
from mindwell.professionals.tests.factories import ProfessionalProfileFactory, verified

SOLICITING = [
    "email me to book a session",
    "DM me",
    "DM me if you want to talk more.",
    "call me at (555) 123-4567",
    "my practice offers a sliding scale",
    "You can reach me at jane.doe@example.com",
    "Feel free to message me privately and we can talk.",
    "Please reach out to me directly if you'd like support.",
    "I offer sessions online for couples in Colorado.",
    "The first session is free for Mindwell members.",
    "I'm currently accepting new clients.",
    "Here's my calendly: https://calendly.com/jane-doe/intro",
    "My profile: https://www.psychologytoday.com/us/therapists/jane-doe-denver-co/123456",
    "Find me on Instagram @jane.therapy",
    "Sessions at my office are $120.",
    "We offer a free 15-minute consultation.",
    "Book a session with me here.",
    "Call +44 20 7946 0958 to set up an appointment.",
    "Text me on 07700 900123",
    "Our practice is at 123 Main Street, Springfield.",
    "I'd be happy to work with you privately.",
    "Link in bio for my booking page.",
    "I have openings on Tuesday evenings.",
    "My DMs are open.",
    "I take most insurance plans.",
    "My office is downtown, near the station.",
    "write to jane at gmail dot com",
    "Give me a call at 555.123.4567",
    "Send me a DM and we can set something up.",
    "I could see you in person in Austin.",
    "Happy to chat privately about this.",
    "Don't hesitate to email me.",
    "Schedule a free consultation on my website.",
]

GENERAL = [
    "Book recommendations: Attached by Levine and Heller, and Hold Me Tight.",
    "In 2014 the ACA revised its code of ethics.",
    "after 3 sessions I felt better, and that is common.",
    "my therapist's office felt intimidating at first.",
    "A therapist's office can feel intimidating.",
    "Many community clinics offer a sliding scale, so ask about fees.",
    "Many therapists offer a free 15-minute consultation call; use it to see if they fit.",
    "Call me old-fashioned, but I think sleep comes first.",
    "My partner used to text me constantly when I was out.",
    "He'd call and message me all night until I blocked him.",
    "I can see you are hurting, and that makes sense.",
    "Schedule an appointment with your doctor to rule out thyroid issues.",
    "I can't be your therapist here, but a local counselor can help.",
    "I'm not accepting new clients, and I can't offer sessions here.",
    "In the US you can call or text 988, or call 1-800-273-8255.",
    "UK readers can call Childline on 0800 1111.",
    "Most people need 12-16 sessions of CBT for panic.",
    "The study ran from 2010-2014 with 1,200 couples.",
    "In my practice, I've seen many couples recover from an affair.",
    "Talk directly to your partner about what you need.",
    "Mention @mona if you want a moderator to look.",
    "Reading psychologytoday.com/us/blog/attachment helped me understand attachment.",
    "Don't hesitate to ask your therapist about a sliding scale.",
    "It took me 10 years to leave, and I was 34 by then.",
    "On 12.05.2020 I started therapy.",
    "Set up a session with a licensed therapist in your area.",
    "Book a session with a therapist who specializes in trauma.",
    "A good practice is to journal before bed; my meditation practice helps me too.",
    "I deleted Instagram and feel better.",
    "The DSM-5 lists 9 criteria; you need 5 of them for 2 weeks.",
    "Sessions at the community clinic often cost less.",
]


@pytest.mark.parametrize("text", SOLICITING)
def test_boundary_reasons_hold_a_professional_who_solicits(pro, text):
    reasons = boundary_reasons(author=pro, text=text)
    assert reasons, text
    assert all("ACA 2014" in r and "A moderator will review this post." in r for r in reasons)


@pytest.mark.parametrize("text", GENERAL)
def test_boundary_reasons_let_general_information_through(pro, text):
    assert boundary_reasons(author=pro, text=text) == [], boundary_findings(text)


def test_enough_examples_on_both_sides():
    assert len(SOLICITING) >= 15
    assert len(GENERAL) >= 15


def test_boundary_reasons_explain_why_once_with_an_example_of_each_kind(pro):
    text = "DM me, or email jane@example.com. I offer sessions: https://calendly.com/jane"
    assert boundary_reasons(author=pro, text=text) == [
        "Your post shares contact details (“jane@example.com”), invites members to contact "
        "you privately (“DM me”), offers your services (“I offer sessions”) and points to a "
        "way to book you (“https://calendly.com/jane”). Professionals can't share contact "
        "details or offer sessions here (ACA 2014, NBCC and APA codes: no soliciting "
        "clients, no dual relationships). A moderator will review this post."
    ]


def test_boundary_reasons_for_one_kind_fit_a_review_items_reason(pro):
    (reason,) = boundary_reasons(author=pro, text="Email me to book a session.")
    assert reason.startswith("Your post invites members to contact you privately (“Email me”).")
    assert len(reason) <= 300


def test_anyone_who_offers_sessions_or_contact_details_is_held_like_a_professional(
    db, asker, stranger
):
    """The check does not depend on the account behind the post: a member, a pending
    applicant and a visitor offering paid sessions with a phone number are all held."""
    ProfessionalProfileFactory(member=stranger)  # pending, not verified
    text = "DM me or call me at (555) 123-4567, first session free"
    for author in (asker, stranger, None):
        (reason,) = boundary_reasons(author=author, text=text)
        assert "(555) 123-4567" in reason and "first session free" in reason
        assert "To keep members safe" in reason


def test_peers_are_not_held_for_what_only_binds_professionals(db, asker):
    """ "DM me" or an offer of coffee between peers is left to flags and moderators; the
    same words from a verified professional are held (a dual relationship)."""
    assert boundary_reasons(author=asker, text="Happy to meet for coffee, DM me") == []


def test_boundary_reasons_ignore_a_revoked_professional(counselor):
    verified(counselor, status="revoked")
    assert boundary_reasons(author=counselor, text="DM me") == []


def test_boundary_reasons_cost_no_query_when_nothing_matches(pro, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert boundary_reasons(author=pro, text="Sleep matters a lot.") == []


def test_contact_details_finds_a_non_professionals_contact_details(db, asker):
    text = (
        "Message me at alex@example.org or call 555-123-4567. My snap is @alex_22, "
        "or come by 42 Elm Road."
    )
    assert contact_details(text) == [
        "alex@example.org",
        "555-123-4567",
        "snap is @alex_22",
        "42 Elm Road",
    ]
    (reason,) = boundary_reasons(author=asker, text=text)  # held for anyone
    assert "alex@example.org" in reason


@pytest.mark.parametrize(
    "text",
    [
        "+1 (555) 010-9999",
        "(555) 123-4567",
        "+44 20 7946 0958",
        "020 7946 0958",
        "06 12 34 56 78",
        "+33 6 12 34 56 78",
        "5551234567",
        "555.123.4567",
        "write to jane [at] example [dot] com",
        "instagram.com/alex.draws",
        "@alex_22 on tiktok",
        "discord: alex#1234",
        "PO Box 1234",
    ],
)
def test_contact_details_finds_phone_numbers_and_handles(text):
    assert contact_details(text), text


@pytest.mark.parametrize(
    "text",
    [
        "In 2014 the ACA revised its code.",
        "after 3 sessions I felt better",
        "We moved in 2019 and again in 2021.",
        "From 1990-1995 I was married.",
        "My blood pressure was 120/80.",
        "Call 911 or 988 if you are in danger.",
        "Call the old lifeline on 1-800-273-8255.",
        "Pages 123-145 of the workbook.",
        "My kids are 12 14 and 16.",
        "ages 12 14 16 18",
        "He earns 15.000.000 a year.",
        "Version 1.2.3.4 of the app.",
        "ISBN 9780307461728",
        "He texted me 40 times between 10.30 and 11.45.",
        "Ask @mona, she is a moderator.",
        "The 12 Step Way is a book.",
    ],
)
def test_contact_details_ignores_years_counts_and_helplines(text):
    assert contact_details(text) == []


def test_contact_warning_is_kind_and_quotes_what_it_found():
    warning = contact_warning("Text me on 07700 900123")
    assert "“07700 900123”" in warning
    assert "public" in warning
    assert contact_warning("No details here.") == ""


def test_disguised_letters_still_match(pro):
    assert boundary_reasons(author=pro, text="Ｄ\u200bＭ me")
