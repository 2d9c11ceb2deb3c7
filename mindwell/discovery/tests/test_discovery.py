import json
import re
import xml.etree.ElementTree as ET

from mindwell.core.models import SiteConfiguration
from mindwell.qa.models import Question
from mindwell.qa.tests.factories import CategoryFactory, UserFactory, answer, ask


def _setup(asker, stranger, category):
    public = ask(
        asker,
        category=category,
        tags=["grief"],
        title="How do I get through the holidays?",
        body="The first holidays without my mother are coming </script> soon.",
    )
    anonymous = ask(
        asker,
        category=category,
        tags=["grief"],
        anonymous=True,
        anon_name="Quiet reader",
        title="Secretly struggling since the funeral",
        body="Nobody at work knows and I am barely holding on.",
    )
    answer(public, stranger, body="Plan one small ritual that honours her.")
    answer(public, None, anon_name="Someone who has been there", body="Be gentle with yourself.")
    return public, anonymous


def test_feeds_are_valid_xml_and_never_name_anonymous_authors(client, asker, stranger, category):
    public, _anonymous = _setup(asker, stranger, category)
    for url in (
        "/feeds/questions/",
        "/feeds/questions/atom/",
        f"/feeds/categories/{category.slug}/",
        "/feeds/tags/grief/",
        f"/feeds/questions/{public.pk}/answers/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        ET.fromstring(response.content)  # raises if not well-formed
    rss = ET.fromstring(client.get("/feeds/questions/").content)
    items = {i.findtext("title"): ET.tostring(i, encoding="unicode") for i in rss.iter("item")}
    # Anonymous questions are in no public feed (test_feed_privacy.py checks every feed).
    assert "Secretly struggling since the funeral" not in items
    assert "Alice" in items["How do I get through the holidays?"]
    answers = client.get(f"/feeds/questions/{public.pk}/answers/").content.decode()
    assert "Someone who has been there" in answers
    assert client.get("/feeds/tags/no-such-tag/").status_code == 404


def test_sitemap_is_split_valid_and_leaves_out_noindex_questions(client, asker, stranger, category):
    public, anonymous = _setup(asker, stranger, category)
    assert anonymous.noindex  # anonymous questions are noindex by default
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [el.text for el in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any("sitemap-questions.xml" in loc for loc in locations)
    body = client.get("/sitemap-questions.xml").content
    ET.fromstring(body)
    assert public.get_absolute_url().encode() in body
    assert anonymous.get_absolute_url().encode() not in body


def test_robots_txt_points_to_the_sitemap(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /search/" in text


def test_question_page_has_canonical_open_graph_and_qapage_data(client, asker, stranger, category):
    public, _ = _setup(asker, stranger, category)
    html = client.get(public.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{public.get_absolute_url()}">' in html
    assert '<meta property="og:title" content="How do I get through the holidays?">' in html
    assert 'name="robots"' not in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "</script" not in block
    data = json.loads(block)
    assert data["@type"] == "QAPage"
    assert data["mainEntity"]["answerCount"] == 2
    names = [a["author"]["name"] for a in data["mainEntity"]["suggestedAnswer"]]
    assert "Someone who has been there" in names
    anon = [a for a in data["mainEntity"]["suggestedAnswer"] if a["author"]["name"] != "Charlie"]
    assert "url" not in anon[0]["author"]


def test_noindex_is_sent_and_only_the_asker_or_a_moderator_may_change_it(
    client_for, asker, stranger, moderator, category
):
    _, anonymous = _setup(asker, stranger, category)
    html = client_for(None).get(anonymous.get_absolute_url()).content.decode()
    assert '<meta name="robots" content="noindex">' in html
    url = f"/questions/{anonymous.pk}/noindex/"
    assert client_for(stranger).post(url, {"noindex": "off"}).status_code == 403
    assert client_for(asker).post(url, {"noindex": "off"}).status_code == 302
    anonymous.refresh_from_db()
    assert anonymous.noindex is False
    client_for(moderator).post(url, {"noindex": "on"})
    anonymous.refresh_from_db()
    assert anonymous.noindex is True


def test_anonymous_noindex_default_is_a_site_setting(asker, category):
    config = SiteConfiguration.load()
    config.noindex_anonymous_questions = False
    config.save()
    q = ask(None, category=category, title="An anonymous question, indexable")
    assert Question.objects.get(pk=q.pk).noindex is False
    assert ask(UserFactory(), category=CategoryFactory()).noindex is False
