"""Tag suggestions on the ask, edit and retag forms: tags in use as they are typed, popular
tags of the chosen category, and the tag limit shown; drawn with the page without
JavaScript, refreshed by htmx."""

import pytest

from mindwell.accounts.models import User
from mindwell.qa.models import Status
from mindwell.qa.tests.factories import CategoryFactory, UserFactory, ask
from mindwell.taxonomy import selectors
from mindwell.taxonomy.services import max_tags

URL = "/tag-suggestions/"


@pytest.fixture
def tagged(db):
    """Two categories: anxiety is popular in 'Worry', grief in 'Loss'."""
    worry = CategoryFactory(name="Worry", slug="worry")
    loss = CategoryFactory(name="Loss", slug="loss")
    author = UserFactory()
    for title in ("Racing thoughts at night again", "Worry about the exam next week"):
        ask(author, title=title, category=worry, tags=["anxiety", "sleep"])
    ask(author, title="Anxious before every meeting", category=worry, tags=["anxious-feelings"])
    ask(author, title="Missing my grandmother so much", category=loss, tags=["grief"])
    return worry, loss


def test_split_tag_text_tells_finished_tags_from_the_word_being_typed():
    assert selectors.split_tag_text("Anxiety, sle") == (["anxiety"], "sle")
    assert selectors.split_tag_text("anxiety sleep ") == (["anxiety", "sleep"], "")
    assert selectors.split_tag_text("") == ([], "")


def test_matching_tags_start_with_the_word_and_skip_chosen_ones(tagged):
    found = selectors.tag_suggestions(text="anx", category=None, limit=max_tags())
    assert [t.name for t in found.matching] == ["anxiety", "anxious-feelings"]
    found = selectors.tag_suggestions(text="anxiety anx", category=None, limit=max_tags())
    assert [t.name for t in found.matching] == ["anxious-feelings"]


def test_popular_tags_are_those_of_the_chosen_category(tagged):
    worry, loss = tagged
    popular = selectors.tag_suggestions(text="", category=worry, limit=max_tags()).popular
    assert [t.name for t in popular] == ["anxiety", "sleep", "anxious-feelings"]
    assert popular[0].uses == 2
    popular = selectors.tag_suggestions(text="", category=loss, limit=max_tags()).popular
    assert [t.name for t in popular] == ["grief"]


def test_tags_of_unpublished_questions_are_not_suggested_in_a_category(tagged):
    _worry, loss = tagged
    q = ask(UserFactory(), title="A question a moderator hid later", category=loss, tags=["x"])
    type(q).objects.filter(pk=q.pk).update(status=Status.HIDDEN)
    popular = selectors.tag_suggestions(text="", category=loss, limit=max_tags()).popular
    assert [t.name for t in popular] == ["grief"]


def test_a_full_field_suggests_nothing_more(tagged):
    found = selectors.tag_suggestions(text="a b c d e ", category=None, limit=max_tags())
    assert found.remaining == 0 and found.matching == [] and found.popular == []


def test_the_fragment_shows_matching_tags_and_the_count(client, tagged):
    worry, _ = tagged
    response = client.get(URL, {"field": "id_tags", "tags": "sleep anx", "category": worry.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_tags-suggestions"' in html
    assert "2 of 5 tags used." in html
    assert "Tags in use starting with “anx”" in html and ">anxiety</button>" in html
    assert "Popular in Worry" in html


def test_the_fragment_says_a_new_tag_will_be_made(client, tagged):
    html = client.get(URL, {"field": "id_tags", "tags": "zebra"}).content.decode()
    assert "No tag in use starts with “zebra”: it will be a new tag." in html


def test_the_fragment_says_when_there_are_too_many_tags(client, tagged):
    html = client.get(URL, {"field": "id_tags", "tags": "a b c d e f "}).content.decode()
    assert "6 tags: use at most 5." in html


def test_adding_a_suggestion_replaces_the_word_being_typed(client, tagged):
    response = client.get(URL, {"field": "retag-tags", "tags": "sleep anx", "add": "anxiety"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="retag-tags-field"' in html and 'value="sleep anxiety "' in html


def test_adding_a_suggestion_after_a_different_word_keeps_that_word(client, tagged):
    html = client.get(URL, {"field": "id_tags", "tags": "work", "add": "grief"}).content.decode()
    assert 'value="work grief "' in html


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"field": "id_title", "tags": "x"},
        {"field": "<script>", "tags": "x"},
    ],
)
def test_an_unknown_field_is_a_400(client, db, params):
    assert client.get(URL, params).status_code == 400


def test_odd_input_is_ignored_not_a_500(client, tagged):
    response = client.get(
        URL, {"field": "id_tags", "tags": "x" * 5000, "category": "nine", "add": "<b>"}
    )
    assert response.status_code == 200
    assert "<b>" not in response.content.decode()


def test_the_ask_page_shows_popular_tags_without_javascript(client_for, tagged):
    worry, _ = tagged
    client = client_for(UserFactory())
    html = client.get("/ask/").content.decode()
    assert "Up to 5 tags" in html and "0 of 5 tags used." in html
    assert "Popular tags:" in html and ">anxiety</button>" in html
    # A form sent back with errors shows the chosen category's popular tags.
    response = client.post("/ask/", {"title": "", "category": worry.pk, "tags": "sleep "})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Popular in Worry" in html and "1 of 5 tags used." in html


def test_too_many_tags_on_the_ask_form_is_refused_with_the_limit(client_for, category):
    response = client_for(UserFactory()).post(
        "/ask/",
        {
            "title": "What helps with a racing mind?",
            "body": "My thoughts race every evening and I would like some ideas.",
            "category": category.pk,
            "tags": "a b c d e f",
        },
    )
    assert response.status_code == 400
    assert "Use at most 5 tags." in response.content.decode()


def test_the_retag_form_offers_suggestions_from_the_questions_category(client_for, tagged):
    worry, _ = tagged
    question = ask(UserFactory(), title="Can worry be useful at all?", category=worry, tags=[])
    retagger = UserFactory(points=400)  # may retag (300), not yet edit others
    html = client_for(retagger).get(question.get_absolute_url()).content.decode()
    assert 'id="retag-tags"' in html and "Popular in Worry" in html


def test_the_suggestions_cost_few_queries(client, tagged, django_assert_max_num_queries):
    worry, _ = tagged
    with django_assert_max_num_queries(4):
        client.get(URL, {"field": "id_tags", "tags": "anx", "category": worry.pk})


def test_moderators_edit_page_shows_the_tag_field(client_for, tagged):
    worry, _ = tagged
    question = ask(UserFactory(), title="A question to be edited", category=worry, tags=["sleep"])
    moderator = UserFactory(level=User.Level.MODERATOR)
    html = client_for(moderator).get(f"/questions/{question.pk}/edit/").content.decode()
    assert 'value="sleep"' in html and "1 of 5 tags used." in html
