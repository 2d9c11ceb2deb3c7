from mindwell.qa.tests.factories import answer, ask
from mindwell.safety.reader import save_preferences


def test_a_content_warning_collapses_the_post_behind_its_label(
    client_for, asker, stranger, category
):
    response = client_for(asker).post(
        "/ask/",
        {
            "title": "How do I cope with urges at night?",
            "category": category.pk,
            "body": "Some nights are hard and the urges come back.",
            "content_warning": "self_harm",
        },
    )
    assert response.status_code == 302
    from mindwell.qa.models import Question

    q = Question.objects.get()
    page = client_for(stranger).get(q.get_absolute_url()).content.decode()
    assert '<details class="content-warning">' in page
    assert "Content warning: Self-harm" in page


def test_muted_topics_and_words_collapse_posts_for_that_member(
    client_for, asker, stranger, category
):
    q = ask(asker, category=category, body="Missing my grandmother every day since the funeral.")
    answer(q, asker, body="Anniversaries are the hardest part for me.")
    save_preferences(user=stranger, country="", muted_words="funeral", muted_topics=["grief"])
    page = client_for(stranger).get(q.get_absolute_url()).content.decode()
    assert "This post contains a word you muted" in page
    assert page.count('<details class="content-warning">') == 1
    other = client_for(None).get(q.get_absolute_url()).content.decode()
    assert '<details class="content-warning">' not in other


def test_a_word_muted_after_reading_collapses_the_post_on_the_next_visit(
    client_for, asker, stranger, category
):
    """The member's mutes are kept in the cache; saving or clearing them is seen at once."""
    q = ask(asker, category=category, body="Missing my grandmother every day since the funeral.")
    reader = client_for(stranger)
    assert "a word you muted" not in reader.get(q.get_absolute_url()).content.decode()
    save_preferences(user=stranger, country="", muted_words="funeral", muted_topics=[])
    assert (
        "This post contains a word you muted" in reader.get(q.get_absolute_url()).content.decode()
    )
    save_preferences(user=stranger, country="", muted_words="", muted_topics=[])
    assert "a word you muted" not in reader.get(q.get_absolute_url()).content.decode()


def test_moderators_can_add_or_change_a_content_warning(client_for, asker, moderator, category):
    q = ask(asker, category=category)
    client_for(moderator).post(
        f"/moderation/posts/question/{q.pk}/", {"action": "content_warning", "topic": "abuse"}
    )
    q.refresh_from_db()
    assert q.content_warning == "abuse"


def test_reading_settings_page_saves_country_and_mutes(client_for, stranger):
    client = client_for(stranger)
    response = client.post(
        "/account/reading/",
        {"country": "gb", "muted_words": "exam\n", "muted_topics": ["grief", "abuse"]},
    )
    assert response.status_code == 302
    prefs = stranger.reader_preference
    assert (prefs.country, prefs.muted_word_list(), prefs.muted_topics) == (
        "GB",
        ["exam"],
        ["grief", "abuse"],
    )
    assert client.post("/account/reading/", {"country": "Great"}).status_code == 400


def test_the_author_adds_a_content_warning_when_editing(client_for, asker, category):
    q = ask(asker, category=category)
    client_for(asker).post(
        f"/questions/{q.pk}/edit/",
        {
            "title": q.title,
            "body": q.body,
            "category": category.pk,
            "tags": "sleep",
            "content_warning": "grief",
        },
    )
    q.refresh_from_db()
    assert q.content_warning == "grief"
