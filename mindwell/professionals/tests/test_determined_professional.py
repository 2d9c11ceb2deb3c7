"""Professional boundaries that hold against a determined professional (issue 13): each
route is held or refused, and ordinary help, referrals and crisis lines pass."""

import pytest

from mindwell.core.errors import NotAllowed
from mindwell.moderation.models import ReviewItem
from mindwell.posting import services
from mindwell.professionals import services as professionals
from mindwell.professionals.boundaries import boundary_reasons, boundary_rule_ids
from mindwell.qa.models import Status
from mindwell.qa.tests.factories import UserFactory, answer, ask

ANSWER = "Grief comes in waves; a routine and one trusted person to talk to can help a lot."


@pytest.fixture
def thread(category):
    return ask(UserFactory(username="asker1"), category=category)


def test_an_edit_that_adds_an_offer_takes_the_answer_down_until_a_moderator_approves(
    pro, thread, client_for
):
    a = answer(thread, pro, body=ANSWER)
    assert a.status == Status.PUBLISHED
    response = client_for(pro).post(
        f"/answers/{a.pk}/edit/",
        {"body": ANSWER + " I'm taking new clients, call me on 614 555 0187.", "summary": ""},
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == Status.HIDDEN
    item = ReviewItem.objects.get(answer=a, queue="held", state="open")
    assert item.reason.startswith("Edited:") and "614 555 0187" in item.reason
    page = client_for(UserFactory()).get(thread.get_absolute_url()).content.decode()
    assert "614 555 0187" not in page


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("There are resources on my site, janedoecounseling.com", "pointer"),
        ("Text me: six one four, five five five, zero one eight seven", "soft"),
        ("You can reach me at jane at gmail dot com", "contact"),
        ("Just look me up, my details are on my profile", "pointer"),
        ("I do a free 15-minute consult for new people", "offer"),
        ("If I helped, please leave me a review on Google", "testimonial"),
        ("Jane Doe Counseling in Columbus sees couples like you", "soft"),
        ("I live near you, happy to meet for coffee", "meet"),
        ("Ofrezco sesiones online, escríbeme por privado", "soft"),
        ("Ich habe noch freie Therapieplätze, schreiben Sie mir", "soft"),
    ],
)
def test_soft_solicitation_and_offers_to_meet_hold_a_professional(pro, text, kind):
    assert kind in boundary_rule_ids(text)
    (reason,) = boundary_reasons(author=pro, text=text)
    assert "A moderator will review this post" in reason


def test_an_offer_to_meet_quotes_the_dual_relationship_rule(pro):
    (reason,) = boundary_reasons(author=pro, text="I live near you, happy to meet for coffee")
    assert "dual relationship" in reason and "ACA 2014 A.6" in reason


@pytest.mark.parametrize(
    "text",
    [
        ANSWER,
        "A local therapist who specialises in trauma could help; ask your doctor for names.",
        "Please bring this to your own therapist at your next session.",
        "If you are in danger, call 988 or text HOME to 741741, any time.",
        "In the UK, Samaritans answer on 116 123, day and night.",
        "SOS Amitié est joignable au 09 72 39 40 50.",
        "Many therapists offer a free 15-minute consultation call; use it to see if they fit.",
        "Meeting your friend for coffee and saying how you felt sounds like a good idea.",
        "As a therapist, I often see couples argue about money more than anything.",
    ],
)
def test_ordinary_help_referrals_and_crisis_lines_pass(pro, text):
    assert boundary_reasons(author=pro, text=text) == []


def test_a_visitor_offering_paid_sessions_is_held(thread, category):
    held = services.ask_question(
        author=None,
        title="Therapy sessions available this week",
        body="I offer therapy sessions for $60, call 614-555-0187 to book.",
        category=category,
        tags=[],
    )
    assert held.status == Status.QUEUED
    assert "To keep members safe" in ReviewItem.objects.get(question=held).reason


def test_a_professional_who_is_a_moderator_is_checked_like_any_professional(pro, thread):
    pro.level = "moderator"
    pro.save()
    a = services.post_answer(
        author=pro, question=thread, body=ANSWER + " DM me to book a session with me."
    )
    assert a.status == Status.QUEUED


def test_mentioning_a_member_outside_the_thread_is_held_as_first_contact(pro, thread):
    UserFactory(username="quietreader")
    a = services.post_answer(
        author=pro, question=thread, body=ANSWER + " @quietreader you might find this useful."
    )
    assert a.status == Status.QUEUED
    assert "has not written in this thread" in ReviewItem.objects.get(answer=a).reason
    ok = services.post_answer(author=pro, question=thread, body=ANSWER + " @asker1 take care.")
    assert ok.status == Status.PUBLISHED


def test_after_recusing_a_professional_cannot_answer_or_comment(pro, thread, client_for):
    professionals.recuse(professional=pro, question=thread)
    with pytest.raises(NotAllowed, match="recused"):
        services.post_answer(author=pro, question=thread, body=ANSWER)
    with pytest.raises(NotAllowed, match="recused"):
        services.post_comment(author=pro, question=thread, body="A short kind comment.")
    page = client_for(UserFactory()).get(thread.get_absolute_url()).content.decode()
    assert "recus" not in page.lower()


def test_a_credential_in_an_unverified_members_name_is_refused(db, client_for):
    member = UserFactory()
    response = client_for(member).post(
        "/account/profile/", {"display_name": "Dr. Kai T., Licensed Psychologist", "about": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "/professionals/apply/" in html
    member.refresh_from_db()
    assert member.display_name == ""


def test_a_professionals_profile_follows_the_post_rules(pro, client_for):
    client = client_for(pro)
    bad = client.post(
        "/account/profile/",
        {"display_name": "Jane Doe LPC - DM me for sessions", "about": "First session free!"},
    )
    assert bad.status_code == 400
    good = client.post(
        "/account/profile/", {"display_name": "Jane Doe, LPC", "about": "Counselor in Denver."}
    )
    assert good.status_code == 302
    pro.refresh_from_db()
    assert pro.display_name == "Jane Doe, LPC"


@pytest.mark.parametrize(
    "body",
    [
        "My therapist says I should set limits, but I feel guilty every time I do it.",
        "Voy a terapia desde hace un año pero sigo sin poder poner límites a mi madre.",
        "Mon psy me dit de poser des limites, mais je culpabilise à chaque fois.",
        "Meine Therapeutin sagt, ich soll Grenzen setzen, aber ich fühle mich schuldig.",
        "Faço terapia há um ano mas ainda não consigo dizer não à minha mãe.",
        "La mia psicologa dice di mettere dei limiti, ma mi sento in colpa ogni volta.",
    ],
)
def test_professionals_are_reminded_to_refer_when_the_asker_has_a_therapist(
    pro, category, client_for, body
):
    q = ask(UserFactory(), category=category, title="Setting limits without guilt", body=body)
    page = client_for(pro).get(q.get_absolute_url()).content.decode()
    assert "already sees a therapist" in page
    prefilled = client_for(pro).get(q.get_absolute_url() + "?referral=1").content.decode()
    answer_box = prefilled.split('id="id_body"')[1].split("</textarea>")[0]
    assert "bring this to your next session" in answer_box
    member_page = client_for(UserFactory()).get(q.get_absolute_url()).content.decode()
    assert "already sees a therapist" not in member_page


def test_no_referral_prompt_when_the_asker_has_no_therapist(pro, thread, client_for):
    page = client_for(pro).get(thread.get_absolute_url()).content.decode()
    assert "already sees a therapist" not in page


def test_outside_their_chosen_categories_a_professional_answers_as_a_peer(pro, client_for):
    from mindwell.taxonomy.tests.factories import CategoryFactory

    grief = CategoryFactory(name="Grief and loss", slug="grief")
    money = CategoryFactory(name="Money worries", slug="money")
    response = client_for(pro).post("/professionals/competence/", {"category": [grief.pk]})
    assert response.status_code == 302
    in_field = ask(UserFactory(), category=grief, title="Missing my dad this winter")
    outside = ask(UserFactory(), category=money, title="How do I start a budget at last")
    answer(in_field, pro, body=ANSWER)
    answer(outside, pro, body=ANSWER)
    reader = client_for(UserFactory())
    assert "professional-badge" in reader.get(in_field.get_absolute_url()).content.decode()
    assert "professional-badge" not in reader.get(outside.get_absolute_url()).content.decode()
