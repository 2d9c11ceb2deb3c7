"""What is NOT an offer (issue 13): the same idea held when the writer offers it and passing
when it is refused, said of someone else, someone else's contact or a meeting with people from
one's own life, in at least two languages each. Rules only (the learned model is left out)."""

import pytest

from mindwell.professionals import boundaries


def rule_kinds(text: str) -> set[str]:
    return {f.kind for f in boundaries.boundary_findings(text)} - {boundaries.LEARNED}


# (held: the writer's own offer, passes: the same idea that is not one)
NEGATION = [
    ("Friend me on my personal Instagram, I'd like that.",
     "I don't accept friend requests on my personal Instagram, from anyone."),
    ("Je suis ravie de vous accompagner en séance.",
     "Je ne peux pas vous accompagner en séance, parlez-en à votre médecin."),
    ("Freundschaftsanfragen von Patienten? Gern, schick mir 'ne PN.",
     "Freundschaftsanfragen auf privaten Profilen nehme ich grundsätzlich nicht an."),
    ("Ti aspetto nel mio studio per una consulenza gratuita.",
     "Non faccio consulenze gratuite nel mio studio: chiedi al tuo medico di base."),
]  # fmt: skip
THIRD_PARTY = [
    ("Send me a friend request on Facebook and we'll keep talking.",
     "Your therapist sending you a friend request on Facebook is a boundary problem."),
    ("Ofrezco una primera sesión gratuita.",
     "Muchos terapeutas ofrecen una primera sesión gratuita; pregúntale al tuyo."),
    ("Nos meus atendimentos, a sessão sai R$ 180 e tenho valor social.",
     "A terapia de casal sai R$ 200 a sessão, por isso vamos de 15 em 15 dias."),
    ("Ho ancora qualche posto: 70€ a seduta nel mio studio.",
     "La mia psicoterapeuta costa 70€ a seduta, faccio fatica ma non mollo."),
]  # fmt: skip
OTHERS_CONTACT = [
    ("You can email me at jo.smith.counselling@example.org any time.",
     "Samaritans answer round the clock; if talking is too much, email jo@samaritans.org instead."),
    ("Mi número privado es 600 360 7777, llámame cuando quieras.",
     "Si estás en Chile también está el servicio Salud Responde, 600 360 7777."),
    ("Meine Praxis erreichen Sie unter 01 406 95 95.",
     "In Wien erreichen Sie das Kriseninterventionszentrum unter 01 406 95 95."),
]  # fmt: skip
OWN_LIFE = [
    ("Dovremmo vederci, ci vediamo domenica per un caffè?",
     "Con due amiche ci vediamo ogni domenica per camminare sul lungomare."),
    ("Vens à la maison dimanche, on se voit et on parle.",
     "Avec deux copines, on se voit tous les dimanches pour marcher le long du canal."),
    ("We could meet for coffee when I'm in Portland next month, if you like.",
     "My sister and I meet for coffee every Sunday; it keeps me going."),
]  # fmt: skip
EXPERIENCE = [
    ("In meiner Praxis sind gerade wieder Termine frei.",
     "In meiner Praxis erlebe ich oft, dass es selten um die Spülmaschine geht."),
    ("Nel mio studio si sono appena liberati due spazi il martedì.",
     "Nel mio studio vedo spesso coppie in crisi dopo il primo figlio."),
    ("Dans mon cabinet, les rendez-vous peuvent être pris en ligne.",
     "Dans mon cabinet, je vois souvent des couples épuisés par la charge mentale."),
]  # fmt: skip
PATTERN_FIXES = [
    ("Use code CALM20 for 20% off my course.",
     "The ACA Code prohibits romantic relationships with current clients."),
    ("I'm in Austin next month, would you like to meet?",
     "I'm a clinical psychologist and I want to gently push back on the idea that you're weak."),
    ("Faço um churrasco todo domingo, só gente boa. Aparece!",
     "O efeito no humor aparece geralmente entre quatro e seis semanas."),
    ("Viens dîner chez moi samedi, on parlera tranquillement.",
     "Ça coupe net la panique chez moi."),
]  # fmt: skip

PAIRS = [*NEGATION, *THIRD_PARTY, *OTHERS_CONTACT, *OWN_LIFE, *EXPERIENCE, *PATTERN_FIXES]


@pytest.mark.parametrize(("held", "passes"), PAIRS)
def test_the_writers_offer_is_held_and_the_same_idea_that_is_not_one_passes(held, passes):
    assert rule_kinds(held), held
    assert not rule_kinds(passes), (passes, rule_kinds(passes))


def test_a_refusal_is_not_an_offer_in_any_language():
    assert not rule_kinds("Je n'accepte aucune demande d'ami de clients sur mes comptes.")
    assert not rule_kinds("I don't give out my number; ask your GP for a referral.")
    # "Don't hesitate" is no refusal, in any language
    assert rule_kinds("Don't hesitate to DM me.")
    assert rule_kinds("N'hésitez pas, écrivez-moi en privé.")


def test_a_third_party_does_not_excuse_the_writers_own_offer():
    # the finding itself in the first person stays held, whoever is named before it
    assert rule_kinds("Many therapists are booked out, but my practice has openings.")
    assert rule_kinds("Los terapeutas suelen cobrar mucho; escríbeme por privado.")


def test_a_helpline_does_not_excuse_the_writers_own_number():
    assert rule_kinds("Lifeline is 13 11 14, and my mobile is 0412 345 678.")
    assert rule_kinds("Telefonseelsorge hilft, oder ruf mich an: 0176 33 88 02 91.")


def test_an_invitation_stays_an_invitation_with_family_in_it():
    assert rule_kinds("Vieni a trovarmi a casa domenica, mia moglie fa il ragù e parliamo.")
    assert rule_kinds("Come over on Sunday, my wife makes a great roast and we can talk.")
