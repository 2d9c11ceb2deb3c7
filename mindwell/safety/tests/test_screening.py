import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mindwell.safety.screening import ENGINE_ERROR, Screening, Tier, normalise, screen_rules
from mindwell.safety.screening import engine as screening
from mindwell.safety.screening.phrasebook import (
    LexiconError,
    _compile_lexicon,
    available_languages,
    fold_pattern,
    load_lexicon,
    resolve_language,
)

HERE = Path(__file__).resolve().parent


def tier_of(text: str, language: str = "en") -> str:
    return screen_rules(text, language=language).tier.label


# --- the interface --------------------------------------------------------------------------------


def test_tiers_are_ordered_and_labelled():
    assert Tier.NONE < Tier.SUPPORT < Tier.REVIEW < Tier.URGENT
    assert [t.label for t in Tier] == ["none", "support", "review", "urgent"]


def test_screen_returns_the_rules_that_matched():
    result = screen_rules("I can't do this anymore, I've written goodbye letters.")
    assert isinstance(result, Screening)
    assert result.tier == Tier.URGENT
    assert "en.farewell.goodbye_letters" in result.rules
    assert all(rule.startswith("en.") for rule in result.rules)


def test_screen_reports_no_rules_for_ordinary_text():
    assert screen_rules("How do I set boundaries with my mother-in-law?") == Screening(
        Tier.NONE, ()
    )


# --- tiers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I can't do this anymore, I've written goodbye letters",
        "I'm going to end it tonight",
        "I have the pills ready",
        "I'm planning to kill myself on Friday.",
        "I just swallowed all my sleeping pills.",
        "I bought a rope today. I don't think I'll be here next week.",
        "I tried to kill myself last night and I'm going to try again.",
    ],
)
def test_current_intent_plans_means_and_goodbyes_are_urgent(text):
    assert tier_of(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "I wish I could disappear forever",
        "I've been cutting again",
        "I don't see any reason to live anymore.",
        "I'm trying not to hurt myself tonight.",
        "Part of me wants to die.",
    ],
)
def test_passive_ideation_and_current_self_harm_are_review(text):
    assert tier_of(text) == "review"


@pytest.mark.parametrize(
    "text",
    [
        "My friend said goodbye to everyone and gave away her things",
        "My friend told me he's going to kill himself this weekend.",
        "My sister says she doesn't want to live anymore.",
    ],
)
def test_someone_else_at_risk_is_review(text):
    assert tier_of(text) == "review"


@pytest.mark.parametrize(
    "text",
    [
        "Five years ago I attempted suicide; today I'm doing well",
        "When I was 16 I tried to kill myself. I'm grateful I'm still here.",
        "I used to self-harm as a teenager, but I've been clean for three years now.",
        "I feel so hopeless lately.",
        "My grandfather passed away yesterday.",
    ],
)
def test_recovery_stories_distress_and_grief_are_support(text):
    assert tier_of(text) == "support"


def test_a_recent_attempt_is_urgent_not_a_recovery_story():
    assert tier_of("I attempted suicide yesterday and I still want to die.") == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "this homework is killing me",
        "I'm dying to see that movie",
        "my feet are killing me",
        "I could kill for a coffee",
        "that joke killed me",
        "I'm dead tired",
        "I nearly died laughing",
        "kill the lights",
        "I'm killing it at work",
        "I'd kill myself laughing if I saw that.",
        "I want to die my hair purple.",
        "I'm so hungry I could die.",
    ],
)
def test_idioms_are_not_risk(text):
    assert tier_of(text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "We decided to end things last night after five years.",
        "I'm going to end it with my boyfriend tonight.",
        "I said goodbye to everyone at my going-away party today.",
        "Bought a new rope for climbing, any tips?",
        "I gave away all my old clothes to charity.",
        "Tonight is the night I finally tell him how I feel!",
    ],
)
def test_everyday_relationship_posts_are_not_risk(text):
    assert tier_of(text) == "none"


def test_two_rules_on_the_same_words_count_as_one_signal():
    assert tier_of("I won't be around much longer.") == "review"


def test_cues_alone_are_not_risk_but_raise_risk_beside_them():
    assert tier_of("I've made up my mind.") == "none"
    assert tier_of("I want to die. I've made up my mind.") == "urgent"
    assert tier_of("I hope I don't wake up tomorrow.") == "review"  # "tomorrow" is the idiom


# --- negation and reported speech -----------------------------------------------------------------


def test_negation_cancels_risk_in_its_own_clause():
    assert tier_of("I would never kill myself") == "none"
    assert tier_of("I'm not going to kill myself, I just need to vent.") == "none"
    assert tier_of("I haven't self-harmed in two years.") == "none"


def test_negation_does_not_cross_but():
    assert tier_of("I'm not suicidal, but I've written goodbye letters.") == "urgent"
    assert tier_of("I would never kill myself, but I feel so numb.") == "support"


def test_negation_does_not_cross_a_comma_or_and():
    assert tier_of("I'm not okay, I want to die.") == "review"
    assert tier_of("I don't have anyone and I want to die.") == "review"


def test_phrases_that_only_look_negative_do_not_negate():
    assert tier_of("I can't stop thinking about killing myself.") == "review"
    assert tier_of("I don't know why I want to die.") == "review"
    assert tier_of("I'm trying not to kill myself.") == "review"


def test_negated_risk_phrases_still_count_when_the_negation_is_the_phrase():
    assert tier_of("I don't want to be alive anymore.") == "review"
    assert tier_of("I can't go on like this.") == "review"


def test_reported_speech_and_fiction_are_not_urgent():
    assert tier_of("The character in the book said she wanted to die.") == "none"
    assert tier_of('My favourite song has the line "I want to die in your arms".') == "none"
    assert tier_of("In the movie the villain threatens to kill himself.") == "none"
    quoted = "She texted me \"I'm going to end it tonight\" and now she isn't answering."
    assert tier_of(quoted) == "review"


def test_advice_to_someone_else_is_at_most_support():
    assert tier_of("If you're feeling suicidal, please reach out to a crisis line.") == "support"


# --- normalisation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I Want To DIE", "i want to die"),
        ("Mañana, qué pena", "manana, que pena"),
        ("k i l l  m y s e l f", "kill myself"),
        ("k.i.l.l myself", "kill myself"),
        ("s-u-i-c-i-d-e", "suicide"),
        ("i want to d1e", "i want to die"),
        ("su1c1de", "suicide"),
        ("I f33l so h0peless", "i feel so hopeless"),
        ("h@te my$elf", "hate myself"),
        ("diiiie", "die"),
        ("I waaaant to diiiie", "i want to die"),
        ("kill goodbye feel", "kill goodbye feel"),
        ("at 4am with 20mg", "at 4am with 20mg"),
        ("I\u2019m  done\t now", "i'm done now"),
        ("zero\u200bwidth", "zerowidth"),
        ("\x00\x07bell", "bell"),
    ],
)
def test_normalise_undoes_tricks(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "K I L L  M Y S E L F tonight",
        "k.i.l.l m.y.s.e.l.f tonight",
        "i w4nt t0 k1ll mys3lf",
        "I want to kill my$elf",
        "I WANT TO KILL MYSELF",
        "I w\u0101nt to k\u00efll my\u0161elf",
        "i'm gonna kms tmrw",
    ],
)
def test_disguised_intent_is_still_urgent(text):
    assert tier_of(text) == "urgent"


def test_elongated_words_match_with_doubles_squeezed():
    assert tier_of("I want to diee") == "review"
    assert tier_of("i feel soo alone") == "support"
    assert tier_of("I feel sooo alone") == "support"


def test_a_leet_one_reads_as_l_where_that_makes_a_word():
    assert tier_of("I hate mys31f") == "support"
    assert tier_of("I've been se1f-harming again") == "review"


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("By the time anyone reads this I'll be gone.", "urgent"),
        ("Tonight I'm going to drive my car off the road.", "urgent"),
        ("Letters are written, pets are rehomed, I'm at peace with my decision.", "urgent"),
        ("I keep googling painless ways to die.", "review"),
        ("I'd be better off dead.", "review"),
        ("My girlfriend keeps saying she wishes she were dead.", "review"),
        ("Three years clean from self harm today!", "support"),
        ("My grandpa's old dog finally died peacefully at 16.", "support"),
        ("I'm reading a memoir about a woman who survived a suicide attempt.", "none"),
    ],
)
def test_paraphrases_beyond_the_evaluation_set(text, tier):
    assert tier_of(text) == tier


@pytest.mark.parametrize(
    "text",
    [
        "I've decided tonight is the night, I've put everything in order.",
        "The pills are on my desk and I'm going to take them all after everyone is asleep.",
        "I'm writing this because I won't be here tomorrow. Thank you all for trying.",
        "Said my goodbyes today. I just wanted someone to know.",
        "I bought a rope yesterday and I know where I'll go.",
        "I have a plan and I'm going to do it this weekend.",
        "I'm going to kill myself when my shift ends.",
        "im gonna end my life tonite, sorry",
    ],
)
def test_plans_means_and_goodbyes_written_after_the_rules_are_urgent(text):
    assert tier_of(text) == "urgent"


def test_a_negator_inside_another_phrase_does_not_negate_what_follows():
    # "not" belongs to "will not be here": "tomorrow" still times it.
    assert tier_of("I won't be here tomorrow.") == "urgent"
    assert tier_of("I won't be here tomorrow because I'm visiting my parents.") == "none"
    assert tier_of("I'm not going to do anything tonight.") == "none"


def test_exceptions_after_a_phrase_are_whole_words():
    # "(?! to)" must not reject "tonight", nor "(?! a)" reject "anymore".
    assert tier_of("I can't go on anymore.") == "review"
    assert tier_of("I'm going to end it forever.") == "urgent"
    assert tier_of("I can't go on the trip.") == "none"


def test_them_as_an_object_is_not_someone_else_speaking():
    assert tier_of("I'm going to take them all tonight, the pills are right here.") == "urgent"
    assert tier_of("My kids have exams, I'm going to take them all to school tomorrow.") == "none"


def test_an_object_of_a_preposition_is_not_the_subject():
    text = "Wrote letters to my kids and scheduled the emails to send tomorrow morning."
    assert tier_of(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "I have everything ready for tomorrow's presentation.",
        "I've got the medication for tomorrow's procedure.",
        "On my way to the bridge club tonight, wish me luck!",
        "I bought new blades for my razor this weekend.",
        "Said my goodbyes to my grandma at the hospice today.",
        "I've said my goodbyes to the team, new job starts Monday.",
        "By the time you read this I'll be married!",
        "My pills are ready at the chemist, picking them up after work.",
        "Leaving tonight for good, moving in with my sister in Ohio.",
        "I won't be posting again until my exams are over.",
        "I've been having suicidal thoughts every night this week.",
    ],
)
def test_everyday_times_and_goodbyes_do_not_make_a_post_urgent(text):
    assert tier_of(text) != "urgent"


def test_patterns_keep_the_case_of_regex_escapes():
    assert fold_pattern(r"Ñandú \S+ \W") == r"nandu \S+ \W"


# --- languages ------------------------------------------------------------------------------------


def test_spanish_phrases():
    assert tier_of("Me voy a suicidar esta noche.", "es") == "urgent"
    assert tier_of("He escrito cartas de despedida.", "es") == "urgent"
    assert tier_of("Quiero morirme.", "es") == "review"
    assert tier_of("No puedo más.", "es") == "support"
    assert tier_of("Nunca me suicidaría, amo a mis hijos.", "es") == "none"
    assert tier_of("No soy suicida, pero ya escribí cartas de despedida.", "es") == "urgent"
    assert tier_of("Me muero de ganas de verte.", "es") == "none"


def test_unknown_languages_fall_back_to_english():
    assert resolve_language("xx") == "en"
    assert resolve_language("../../etc/passwd") == "en"
    assert resolve_language("es-MX") == "es"
    assert resolve_language("ES_es") == "es"
    assert tier_of("I want to kill myself", "klingon") == "urgent"
    assert tier_of("Quiero morirme.", "es-MX") == "review"


def test_every_phrase_file_loads_with_well_formed_rule_ids():
    assert {"en", "es"} <= available_languages()
    for language in available_languages():
        lexicon = load_lexicon(language)
        for rule in lexicon.rules + lexicon.cues:
            prefix, group, name = rule.id.split(".")
            assert prefix == language and group and name


@pytest.mark.parametrize(
    "data",
    [
        {"rules": {"g": {"n": {"tier": "severe", "patterns": ["x"]}}}},
        {"rules": {"g": {"n": {"tier": "review", "patterns": []}}}},
        {"rules": {"g": {"n": {"tier": "review", "patterns": ["(unclosed"]}}}},
        {"rules": {"g": {"n": {"tier": "review", "patterns": ["{nomacro}"]}}}},
        {"rules": {"g": {"n": {"tier": "review", "patterns": ["x"], "colour": "red"}}}},
        {"rules": {"g": {"n": {"tier": "none", "patterns": ["x"]}}}},
        {"context": {"negatives": ["not"]}},
    ],
)
def test_malformed_phrase_files_are_rejected_when_loaded(data):
    with pytest.raises(LexiconError):
        _compile_lexicon("xx", data)


# --- robustness and speed -------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_screen_never_raises(text):
    result = screen_rules(text)
    assert isinstance(result, Screening)
    assert ENGINE_ERROR not in result.rules


@settings(max_examples=100, deadline=None)
@given(st.text(), st.text(max_size=12))
def test_screen_never_raises_whatever_the_language(text, language):
    assert ENGINE_ERROR not in screen_rules(text, language=language).rules


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        "\x00" * 1000,
        "\ud800 lone surrogate",
        "🙂" * 5000,
        "I want to die. " * 7000,
        "a" * 100_000,
        "k i l l " * 12_000,
        "1@$" * 30_000,
        '"' * 5000,
        "not " * 20_000 + "kill myself",
    ],
)
def test_screen_survives_odd_and_huge_input(text):
    result = screen_rules(text)
    assert ENGINE_ERROR not in result.rules


def test_a_failing_engine_sends_the_post_for_review(monkeypatch):
    def broken(text, language):
        raise RuntimeError("bug")

    monkeypatch.setattr(screening, "_screen", broken)
    assert screen_rules("anything") == Screening(Tier.REVIEW, (ENGINE_ERROR,))


def test_word_checks_never_hide_a_match():
    """The prefilter skips only regexes that cannot match: compare with running them all."""
    texts = [
        json.loads(line)["text"]
        for name in ("evaluation_en.jsonl", "evaluation_es.jsonl")
        for line in (HERE / name).read_text(encoding="utf-8").splitlines()
    ]
    for language in ("en", "es"):
        lexicon = load_lexicon(language)
        matchers = [rule.matchers for rule in lexicon.rules + lexicon.cues]
        matchers += [pair for pair in lexicon.context.values() if pair is not None]
        for text in texts:
            for form in screening._forms(text, lexicon):
                for pair in matchers:
                    matcher = pair[form.variant]
                    expected = [m.span() for m in matcher.regex.finditer(form.text)]
                    assert [m.span() for m in form.find(matcher)] == expected, (text, matcher)
