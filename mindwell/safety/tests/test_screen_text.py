import io
import json

from django.core.management import call_command


def run(stdin: str, **options) -> list[dict]:
    out = io.StringIO()
    call_command("screen_text", stdin=io.StringIO(stdin), stdout=out, **options)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_screen_text_reads_plain_lines():
    results = run("I'm going to end it tonight.\nMy partner and I keep arguing about money.\n")
    assert results[0]["tier"] == "urgent"
    assert "en.intent.end_it" in results[0]["rules"]
    assert (results[1]["tier"], results[1]["rules"]) == ("none", [])
    assert results[1]["languages"] == ["en"] and results[1]["score"] < 0.5


def test_screen_text_reads_json_lines_and_echoes_ids():
    lines = [
        json.dumps({"id": 7, "text": "I've been cutting again."}),
        json.dumps({"id": "b", "text": "Quiero morirme.", "language": "es"}),
        json.dumps({"text": "I feel so hopeless lately."}),
    ]
    results = run("\n".join(lines))
    assert results[0]["id"] == 7 and results[0]["tier"] in ("review", "urgent")
    assert results[0]["rules"][0] == "en.self_harm.current"
    assert results[1]["id"] == "b"
    assert results[1]["tier"] == "review"
    assert results[1]["rules"][0].startswith("es.")
    assert "en.distress.hopeless" in results[2]["rules"]


def test_screen_text_skips_blank_lines():
    results = run("\n   \nI wish I could disappear forever.\n\n")
    assert len(results) == 1
    assert results[0]["tier"] == "review"


def test_screen_text_language_option_sets_the_default():
    results = run(
        "Me voy a suicidar esta noche.\n"
        + json.dumps({"text": "I want to die tonight", "language": "en"}),
        language="es",
    )
    assert [r["tier"] for r in results] == ["urgent", "urgent"]
    assert results[0]["rules"][0].startswith("es.")
    assert results[1]["rules"][0].startswith("en.")


def test_screen_text_reports_objects_without_text():
    results = run(json.dumps({"id": 3, "body": "no text field"}) + "\n42\n")
    assert results[0] == {
        "id": 3,
        "error": "Each JSON object needs a string 'text' (and 'language', if any).",
    }
    assert (results[1]["tier"], results[1]["rules"]) == ("none", [])
    assert results[1]["languages"] == ["en", "es", "fr", "de", "pt", "it"]  # too short to tell


def test_screen_text_keeps_unicode_readable():
    out = io.StringIO()
    call_command(
        "screen_text",
        stdin=io.StringIO('{"id": "ñ", "text": "No puedo más"}\n'),
        stdout=out,
        language="es",
    )
    assert '"id": "ñ"' in out.getvalue()
    assert json.loads(out.getvalue())["tier"] in ("support", "review")
