"""Crisis screening in every served language: packs by detected language, the learned model
beside the rules, and the live posting path routing non-English posts like English ones."""

import io
import json

import pytest
from django.core.management import call_command

from mindwell.moderation.models import ReviewItem
from mindwell.notifications.models import Notification
from mindwell.qa.models import Question
from mindwell.qa.tests.factories import UserFactory, ask
from mindwell.safety import duty
from mindwell.safety.models import RiskRecord
from mindwell.safety.screening import Tier, detector, language, model, normalise

# Written for these tests (not taken from the corpus): one post each that says the writer has
# decided, has the means and has chosen when; and one everyday post in the same language.
URGENT = {
    "es": "Ya tengo las pastillas guardadas en el cajón. Esta noche, cuando todos duerman, "
    "me las tomo todas. Ya no quiero seguir aquí.",
    "fr": "J'ai gardé toutes mes boîtes de somnifères et ce soir je vais tout prendre. "
    "J'ai déjà écrit une lettre pour ma sœur.",
    "de": "Ich habe die Tabletten schon gesammelt. Heute Nacht nehme ich alle, "
    "den Abschiedsbrief habe ich schon geschrieben.",
    "pt": "Já separei os remédios todos. Hoje à noite vou tomar tudo de uma vez, "
    "já escrevi uma carta de despedida pra minha mãe.",
    "it": "Ho messo da parte tutte le pastiglie. Stanotte le prendo tutte insieme, "
    "ho già scritto una lettera di addio ai miei.",
    "en": "I've saved up all my pills. Tonight when everyone is asleep I'm taking every one "
    "of them, the goodbye letters are written.",
}
CALM = {
    "es": "¿Cómo le digo a mi pareja que necesito más tiempo para mí sin que se ofenda? "
    "Llevamos tres años juntos y nos queremos mucho.",
    "fr": "Comment dire à mon copain que j'ai besoin de plus de temps pour moi sans le "
    "vexer ? On est ensemble depuis trois ans et tout va bien.",
    "de": "Wie sage ich meinem Freund, dass ich mehr Zeit für mich brauche, ohne dass er "
    "beleidigt ist? Wir sind seit drei Jahren zusammen und eigentlich glücklich.",
    "pt": "Como falo pro meu namorado que preciso de mais tempo pra mim sem ele ficar "
    "chateado? A gente está junto há três anos e está tudo bem.",
    "it": "Come dico al mio ragazzo che ho bisogno di più tempo per me senza che se la "
    "prenda? Stiamo insieme da tre anni e va tutto bene.",
    "en": "How do I tell my boyfriend I need more time to myself without hurting him? "
    "We've been together three years and we're happy.",
}


@pytest.mark.parametrize("lang", sorted(URGENT))
def test_a_crisis_post_in_any_served_language_is_urgent_without_a_hint(lang):
    result = detector.screen(URGENT[lang])
    assert result.tier == Tier.URGENT, result
    assert lang in result.languages


@pytest.mark.parametrize("lang", sorted(CALM))
def test_an_everyday_post_in_any_served_language_is_left_alone(lang):
    assert detector.screen(CALM[lang]).tier < Tier.REVIEW


def test_the_detected_language_and_english_read_a_post():
    assert language.packs_for(CALM["de"]) == ("en", "de")
    assert language.packs_for(CALM["en"]) == ("en",)


def test_a_short_or_unsure_text_is_read_with_every_pack():
    assert language.packs_for("ok :(") == language.SERVED
    assert language.packs_for("") == language.SERVED


def test_a_hint_adds_a_pack_and_never_removes_one():
    assert language.packs_for(CALM["de"], "it") == ("en", "de", "it")
    assert language.packs_for(CALM["de"], "en") == ("en", "de")
    assert language.packs_for(CALM["de"], "xx-unknown") == ("en", "de")


def test_leetspeak_with_bang_and_bar_inside_words_is_read():
    assert normalise("k!ll mys3lf") == "kill myself"
    assert normalise("su|c|de") == "suicide"
    assert normalise("Wow! That is great!") == "wow! that is great!"


def test_the_model_is_built_and_explains_its_score():
    loaded = model.load()
    assert loaded is not None, "run make model"
    result = detector.screen(URGENT["it"])
    assert result.score is not None and result.score >= loaded.flag_threshold
    assert "model score" in result.explain()
    calm = detector.screen(CALM["it"])
    assert calm.score is not None and calm.score < result.score


def test_screen_text_flags_every_language_without_a_hint():
    out = io.StringIO()
    lines = "\n".join(json.dumps({"id": k, "text": v}) for k, v in URGENT.items())
    call_command("screen_text", stdin=io.StringIO(lines), stdout=out)
    results = {r["id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert {k: r["tier"] for k, r in results.items()} == dict.fromkeys(URGENT, "urgent")
    assert all(r["score"] is not None for r in results.values())


@pytest.mark.parametrize("lang", ["es", "fr", "de", "pt", "it"])
def test_the_live_site_routes_a_non_english_crisis_post_like_an_english_one(
    lang, client_for, category, moderator
):
    duty.set_on_duty(moderator=moderator, on_duty=True)
    client = client_for(UserFactory(username=f"poster_{lang}"))
    form = {
        "title": URGENT[lang].split(".")[0][:120],
        "body": URGENT[lang],
        "category": category.pk,
    }
    page = client.post("/ask/", form)
    assert page.status_code == 200 and "Before you post" in page.content.decode()
    assert not Question.objects.exists()
    assert client.post("/ask/", form | {"crisis_seen": "1"}).status_code == 302
    question = Question.objects.get()
    record = RiskRecord.objects.get(question=question)
    assert record.tier == "urgent"
    item = ReviewItem.objects.get(question=question, queue="crisis")
    assert item.priority == 100 and "model score" in item.reason
    assert Notification.objects.filter(recipient=moderator, kind="crisis_alert").exists()


@pytest.mark.parametrize("lang", ["es", "fr", "de", "pt", "it"])
def test_answers_and_drafts_use_the_same_screen(lang, client, category):
    q = ask(UserFactory(), category=category, body=CALM[lang])
    assert not RiskRecord.objects.filter(question=q).exists()
    html = client.post("/safety/check/", {"body": URGENT[lang]}).content.decode()
    assert "support-card" in html
    calm = client.post("/safety/check/", {"body": CALM[lang]}).content.decode()
    assert "support-card" not in calm


@pytest.mark.parametrize(
    "query", ["suicidio", "Selbstverletzung hilfe", "envie de mourir", "voglio morire", "self harm"]
)
def test_a_crisis_search_in_any_language_shows_the_resources_card(query, client, db):
    html = client.get("/search/", {"q": query}).content.decode()
    assert "Talk to someone now" in html


@pytest.mark.parametrize("query", ["panic attack", "pizza", "ataque de pánico", "Trennung"])
def test_an_ordinary_search_shows_no_card(query, client, db):
    html = client.get("/search/", {"q": query}).content.decode()
    assert "Talk to someone now" not in html
