"""A post's byline: the author's picture and name linked to their profile, or, for an
anonymous post, the name it was posted under beside the neutral picture and no link."""

from django.template import Context, Template

from mindwell.qa.tests.factories import UserFactory, answer, ask

BYLINE = Template("{% load avatars %}{% byline post %}|{% byline post 32 %}")


def test_a_named_post_links_to_its_author(category):
    author = UserFactory(username="mira", display_name="Mira <Q>")
    question = ask(author, category=category, title="How do I rest when my mind races?")
    small, large = BYLINE.render(Context({"post": question})).split("|")
    assert small.startswith(f'<a class="author" href="{author.get_absolute_url()}">')
    assert "Mira &lt;Q&gt;</a>" in small  # escaped
    assert 'width="20"' in small and 'width="32"' in large


def test_an_anonymous_post_names_no_account(category):
    author = UserFactory(username="mira", display_name="Mira")
    question = ask(author, category=category, title="How do I rest when my mind races?")
    reply = answer(question, author, anonymous=True, anon_name="Night owl")
    html = BYLINE.render(Context({"post": reply}))
    assert html.startswith('<span class="author anonymous">')
    assert "Night owl</span>" in html
    assert author.get_absolute_url() not in html and "Mira" not in html
    assert "avatar-anonymous.svg" in html


def test_search_results_carry_the_byline(client, category):
    author = UserFactory(username="mira", display_name="Mira")
    ask(author, category=category, title="How do I rest when my mind races at night?")
    page = client.get("/search/", {"q": "races"}).content.decode()
    assert f'<a class="author" href="{author.get_absolute_url()}">' in page
