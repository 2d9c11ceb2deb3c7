"""A member's "name to show" belongs to anonymous posting: it is labelled so, appears once
"Post anonymously" is ticked, and a name typed without ticking it is refused with a
message instead of being dropped in silence."""

from mindwell.qa.models import Question

QUESTION = {
    "title": "How do I tell my flatmate the noise is too much?",
    "body": "We share a wall and every night the music keeps me awake until two.",
    "tags": "boundaries",
}


def test_a_name_without_ticking_anonymous_is_refused_with_a_message(client_for, asker, category):
    client = client_for(asker)
    page = client.get("/ask/").content.decode()
    assert "Name to show instead of yours (optional)" in page
    assert '<div class="anon-name">' in page  # hidden by CSS until the box is ticked
    response = client.post("/ask/", {**QUESTION, "category": category.pk, "anon_name": "Owl"})
    assert response.status_code == 400
    assert "tick “Post anonymously”" in response.content.decode()
    assert not Question.objects.exists()


def test_a_name_with_anonymous_ticked_is_shown(client_for, asker, category):
    client = client_for(asker)
    data = {**QUESTION, "category": category.pk, "anon_name": "Night owl", "anonymous": "on"}
    assert client.post("/ask/", data).status_code == 302
    q = Question.objects.get()
    assert q.is_anonymous
    assert "Night owl" in client.get(q.get_absolute_url()).content.decode()
