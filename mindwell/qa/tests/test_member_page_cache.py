"""A member's page of a thread they took no part in is drawn once and shared: each member
still sees their own header and gets a working CSRF token, and whoever asked, answered,
commented, voted, follows, edits or moderates sees their own controls."""

import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string as shell_render_to_string
from django.test import Client

from mindwell.accounts.models import User
from mindwell.core.conditional import CSRF_PLACEHOLDER
from mindwell.moderation import services as moderation
from mindwell.notifications.follows import follow, is_following
from mindwell.notifications.models import Notification
from mindwell.posting import lifecycle, services
from mindwell.qa.models import Status, Vote
from mindwell.qa.tests.factories import UserFactory, answer, ask, comment

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def thread(asker, category):
    q = ask(asker, category=category, title="How do we split chores without fighting?")
    a = answer(q, UserFactory(), body="A shared list on the fridge ended our arguments.")
    return q, a


def member(name: str, **fields) -> tuple[User, Client]:
    user = UserFactory(display_name=name, **fields)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return user, client


def test_a_second_member_gets_the_drawn_page_with_their_own_header_and_token(thread):
    q, a = thread
    _, first = member("Robin First")
    first_page = first.get(q.get_absolute_url()).content.decode()
    _, second = member("Sasha Second")
    with mock.patch("mindwell.qa.views.question_context") as drawn_again:
        page = second.get(q.get_absolute_url()).content.decode()
    drawn_again.assert_not_called()
    assert "A shared list on the fridge" in page
    assert "Sasha Second" in page and "Robin First" not in page
    assert CSRF_PLACEHOLDER not in page and CSRF_PLACEHOLDER not in first_page
    token = TOKEN.findall(page)[0]
    voted = second.post(f"/vote/answer/{a.pk}/", {"value": "up", "csrfmiddlewaretoken": token})
    assert voted.status_code in (200, 302)
    assert Vote.objects.filter(answer=a, value=1).count() == 1


def test_members_who_took_part_or_follow_see_their_own_state(thread):
    q, a = thread
    _, plain = member("Plain Reader")
    plain.get(q.get_absolute_url())  # the shared drawing
    voter, voter_client = member("Vera Voter")
    services.cast_vote(voter=voter, post=a, value=1)
    page = voter_client.get(q.get_absolute_url()).content.decode()
    assert 'aria-label="Withdraw your up vote"' in page
    follower, follower_client = member("Fay Follower")
    follow(user=follower, target=q)
    assert "Following ✓" in follower_client.get(q.get_absolute_url()).content.decode()
    assert "Following ✓" not in plain.get(q.get_absolute_url()).content.decode()


def test_a_new_answer_shows_at_once_on_the_drawn_page(thread):
    q, _ = thread
    _, reader = member("Reader")
    reader.get(q.get_absolute_url())
    answer(q, UserFactory(), body="Rotating the worst chore weekly felt fair to us.")
    assert "Rotating the worst chore" in reader.get(q.get_absolute_url()).content.decode()


HX_TOKEN = re.compile(r'"X-CSRFToken": "[^"]+"')
VOTE_FORMS = re.compile(r'<form class="vote".*?</form>', re.S)


def vote_forms(page: str) -> list[str]:
    return [TOKEN.sub("", form) for form in VOTE_FORMS.findall(page)]


def test_a_member_who_only_voted_gets_the_drawing_with_their_votes_marked(thread):
    q, a = thread
    voter, voter_client = member("Vera Voter", points=500)
    services.cast_vote(voter=voter, post=a, value=1)
    services.cast_vote(voter=voter, post=q, value=-1)
    # The voter draws the page first: what others are served must not carry their votes.
    page = voter_client.get(q.get_absolute_url()).content.decode()
    assert 'aria-label="Withdraw your up vote"' in page
    assert 'aria-label="Withdraw your down vote"' in page
    _, plain = member("Plain Reader", points=500)
    plain_page = plain.get(q.get_absolute_url()).content.decode()
    assert "Withdraw your" not in plain_page and 'aria-pressed="true"' not in plain_page
    with mock.patch("mindwell.qa.views.question_context") as drawn_again:
        again = voter_client.get(q.get_absolute_url()).content.decode()
    drawn_again.assert_not_called()
    # Exactly what the page drawn for the voter alone shows.
    with mock.patch("mindwell.qa.views._shared_page", return_value=None):
        alone = voter_client.get(q.get_absolute_url()).content.decode()
    assert vote_forms(again) == vote_forms(alone) == vote_forms(page)
    assert len(vote_forms(again)) == 2


def test_a_withdrawn_vote_is_no_longer_marked(thread):
    q, a = thread
    voter, voter_client = member("Vera Voter")
    services.cast_vote(voter=voter, post=a, value=1)
    assert "Withdraw your up vote" in voter_client.get(q.get_absolute_url()).content.decode()
    services.cast_vote(voter=voter, post=a, value=0)
    assert "Withdraw your up vote" not in voter_client.get(q.get_absolute_url()).content.decode()


def main_part(page: str) -> str:
    """The question and its answers, with their controls (not the header or the forms'
    tokens, which are each member's own, nor the view count, which the drawing rounds, nor
    "3 seconds ago", which a second later reads "4 seconds ago")."""
    start, end = page.index('<article class="question"'), page.index('<section class="your-answer"')
    return VIEWED.sub("", TOKEN.sub("", page[start:end]))


VIEWED = re.compile(r"viewed \d+ times?|<time [^>]*>[^<]*</time>")


# Points for each step of the small community's privilege table (reputation.models):
# none of the controls, then down votes and flags, retag but not edit, edit, close votes.
POINTS = (0, 120, 300, 500, 750)


@pytest.mark.parametrize("state", ["open", "closed", "locked"])
def test_members_with_other_privileges_share_one_drawing_with_their_own_controls(
    thread, moderator, state
):
    """The shared page is drawn once whatever the members' privileges; each sees exactly
    the controls of the page drawn for them alone (edit, retag, flag, close, vote down)."""
    q, a = thread
    comment(q, UserFactory(), answer=a, body="The fridge list worked for us too.")
    if state == "closed":
        moderation.close_question(moderator=moderator, question=q, reason="off_topic")
    if state == "locked":
        moderation.set_locked(moderator=moderator, question=q, locked=True)
    members = [member(f"Member {points}", points=points) for points in POINTS]
    members[-1][1].get(q.get_absolute_url())  # the most privileged draws it first
    pages = {}
    for points, (_, client) in zip(POINTS, members, strict=True):
        with mock.patch("mindwell.qa.views.question_context") as drawn_again:
            shared = client.get(q.get_absolute_url()).content.decode()
        drawn_again.assert_not_called()
        with mock.patch("mindwell.qa.views._shared_page", return_value=None):
            alone = client.get(q.get_absolute_url()).content.decode()
        assert main_part(shared) == main_part(alone), points
        pages[points] = main_part(shared)
    # The controls differ as the privileges do (so the comparison above compared them).
    if state == "locked":
        assert "Edit</a>" not in pages[750] and "This thread is locked." in pages[750]
    else:
        assert "Edit</a>" not in pages[300] and "Edit</a>" in pages[500]
        assert "You need 120 points" in pages[0] and "You need 120 points" not in pages[120]
    assert 'class="retag"' in pages[300] and 'class="retag"' not in pages[0]
    assert "Vote to close" not in pages[500]
    assert ("Vote to close" in pages[750]) is (state != "closed")
    assert 'title="You need 100 points to flag posts.' in pages[0]


def test_the_page_around_the_content_is_reused_and_is_what_the_template_draws(thread):
    q, _ = thread
    _, client = member("Reader")
    client.get(q.get_absolute_url())  # draws the content and the member's shell
    with mock.patch("mindwell.core.shell.render_to_string") as shell_drawn:
        page = client.get(q.get_absolute_url()).content.decode()
    shell_drawn.assert_not_called()
    with mock.patch("mindwell.qa.views.in_member_shell", return_value=None):
        rendered = client.get(q.get_absolute_url()).content.decode()
    assert HX_TOKEN.findall(page) and HX_TOKEN.findall(rendered)
    assert HX_TOKEN.sub("", TOKEN.sub("", page)) == HX_TOKEN.sub("", TOKEN.sub("", rendered))
    assert 'class="me">Reader <span class="points">' in page
    assert CSRF_PLACEHOLDER not in page and TOKEN.findall(page)


def test_the_header_follows_the_members_points_inbox_and_messages(thread):
    q, a = thread
    reader, client = member("Reader", points=7)
    follow(user=reader, target=q)
    client.get(q.get_absolute_url())
    User.objects.filter(pk=reader.pk).update(points=42)
    assert '<span class="points">42</span>' in client.get(q.get_absolute_url()).content.decode()
    Notification.objects.create(recipient=reader, kind="answer", question=q, answer=a, text="New")
    cache.delete(f"unread:{reader.pk}")
    assert 'aria-label="1 unread"' in client.get(q.get_absolute_url()).content.decode()
    page = client.get(q.get_absolute_url()).content.decode()
    client.post("/notifications/read-all/", {"csrfmiddlewaretoken": TOKEN.findall(page)[0]})
    page = client.get(q.get_absolute_url()).content.decode()
    assert "1 unread" not in page
    # A message waiting after an action is shown on the next page.
    token = TOKEN.findall(page)[0]
    client.post(f"/follow/question/{q.pk}/", {"csrfmiddlewaretoken": token})
    assert "No longer following." in client.get(q.get_absolute_url()).content.decode()


def poster_in(q, a, took_part: str) -> tuple[User, Client, str]:
    """A member who asked, answered or commented in the thread (and voted, for
    "answered+voted"), with the link to edit their post."""
    if took_part == "asked":
        client = Client(enforce_csrf_checks=True)
        client.force_login(q.author)
        return q.author, client, f"/questions/{q.pk}/edit/"
    poster, client = member("Poster", points=150)
    if took_part == "commented":
        mine = comment(q, poster, answer=a, body="We tried this and it helped a lot.")
        return poster, client, f"/comments/{mine.pk}/edit/"
    mine = answer(q, poster, body="Taking turns choosing the chores helped our house.")
    if took_part == "answered+voted":
        services.cast_vote(voter=poster, post=a, value=1)
    return poster, client, f"/answers/{mine.pk}/edit/"


@pytest.mark.parametrize("took_part", ["asked", "answered", "answered+voted", "commented"])
def test_members_who_posted_in_the_thread_share_the_drawing_with_their_own_controls(
    thread, took_part
):
    """Whoever asked, answered or commented gets the shared drawing with the controls of
    their own posts in it: exactly what the page drawn for them alone shows."""
    q, a = thread
    comment(q, UserFactory(), body="Do you both work the same hours?")
    poster, client, own_link = poster_in(q, a, took_part)
    reader, plain = member("Plain Reader", points=poster.points)  # the same privileges
    if is_following(poster, q):  # the same follow button (posting in a thread may follow it)
        follow(user=reader, target=q)
    plain.get(q.get_absolute_url())  # the shared drawing, drawn for someone else
    with mock.patch("mindwell.qa.views.question_context") as drawn_again:
        page = client.get(q.get_absolute_url()).content.decode()
    drawn_again.assert_not_called()
    with mock.patch("mindwell.qa.views._shared_page", return_value=None):
        alone = client.get(q.get_absolute_url()).content.decode()
    assert main_part(page) == main_part(alone)
    assert own_link in page and own_link not in plain.get(q.get_absolute_url()).content.decode()
    assert ("Select as best" in page) is (took_part == "asked")
    assert ("Ask search engines not to index" in page) is (took_part == "asked")
    assert ('aria-label="Withdraw your up vote"' in page) is (took_part == "answered+voted")
    if took_part == "asked":  # the asker's forms work with the token they were served
        token = TOKEN.findall(page)[0]
        form = {"answer": a.pk, "csrfmiddlewaretoken": token}
        picked = client.post(f"/questions/{q.pk}/best/", form)
        assert picked.status_code in (200, 302)
        q.refresh_from_db()
        assert q.accepted_answer_id == a.pk
        page = client.get(q.get_absolute_url()).content.decode()
        assert "Unselect" in page and "✔ Best answer" in page


def test_a_member_sees_their_held_post_and_others_never_do(thread):
    q, _ = thread
    poster, client = member("Poster")
    client.get(q.get_absolute_url())  # their filling of the shared drawing, before posting
    mine = answer(q, poster, body="Taking turns choosing the chores helped our house.")
    lifecycle.set_status(mine, Status.QUEUED)
    page = client.get(q.get_absolute_url()).content.decode()
    assert "Taking turns choosing" in page and "Waiting for a moderator's approval" in page
    _, plain = member("Plain Reader")
    assert "Taking turns choosing" not in plain.get(q.get_absolute_url()).content.decode()
    lifecycle.set_status(mine, Status.DELETED)
    page = client.get(q.get_absolute_url()).content.decode()
    assert "Taking turns choosing" not in page and "A shared list on the fridge" in page


@pytest.mark.parametrize("path", ["/", "/questions/?sort=hot", "/tags/sleep/", "category"])
def test_member_list_pages_in_their_shell_are_what_the_templates_draw(thread, path):
    q, _ = thread
    if path == "category":
        path = q.category.get_absolute_url()
    _, client = member("Reader")
    client.get(path)  # the member's shell drawn
    with mock.patch("mindwell.core.shell.render") as rendered_in_full:
        page = client.get(path).content.decode()
    rendered_in_full.assert_not_called()
    with mock.patch("mindwell.core.shell._pieces", return_value=None):
        full = client.get(path).content.decode()
    assert HX_TOKEN.sub("", TOKEN.sub("", page)) == HX_TOKEN.sub("", TOKEN.sub("", full))
    assert "How do we split chores" in page


FORMS = re.compile(
    r'<form method="post" action="/questions/\d+/(?:answers|comments)/".*?</form>', re.S
)


def test_the_empty_forms_drawn_once_are_what_each_page_would_draw(thread, category):
    """The answer and comment forms' fields are drawn once for every question page while
    empty: the same fields, each page's own action, and a member can post through them."""
    q, _ = thread
    other = ask(UserFactory(), category=category, title="Is it normal to miss an old friend?")
    _, client = member("Reader")
    pages = [client.get(x.get_absolute_url()).content.decode() for x in (q, other)]
    with (
        mock.patch("mindwell.posting.forms.AuthorFieldsForm.drawing_key", ""),
        mock.patch("mindwell.qa.views._shared_page", return_value=None),
    ):
        alone = [client.get(x.get_absolute_url()).content.decode() for x in (q, other)]
    for page, own in zip(pages, alone, strict=True):
        forms = [TOKEN.sub("", form) for form in FORMS.findall(page)]
        assert forms == [TOKEN.sub("", form) for form in FORMS.findall(own)]
        assert len(forms) == 2 and 'name="anonymous"' in forms[1]
    assert f'action="/questions/{other.pk}/answers/"' in pages[1]
    token = TOKEN.findall(pages[1])[0]
    posted = client.post(
        f"/questions/{other.pk}/answers/",
        {
            "body": "Missing a friend is normal; reaching out once can help.",
            "csrfmiddlewaretoken": token,
        },
    )
    assert posted.status_code == 302
    assert "reaching out once can help" in client.get(other.get_absolute_url()).content.decode()


def test_the_shared_drawing_never_holds_the_drawers_held_post_or_votes(thread, rf):
    """Whoever's request draws the page members share (a post of theirs held between
    reading how they took part and drawing), it shows only published posts and no votes."""
    from mindwell.qa import views

    q, a = thread
    poster, _ = member("Poster")
    mine = answer(q, poster, body="Taking turns choosing the chores helped our house.")
    lifecycle.set_status(mine, Status.QUEUED)
    services.cast_vote(voter=poster, post=a, value=1)
    request = rf.get(q.get_absolute_url())
    request.user = poster
    shared = views._draw_shared(request, q.pk)
    assert "A shared list on the fridge" in shared["content"]
    assert "Taking turns choosing" not in shared["content"]
    assert "Withdraw your" not in shared["content"]
    assert [fields["id"] for fields in shared["answers"]] == [a.pk]


@pytest.mark.parametrize("path", ["/", "/questions/?sort=hot", "/tags/sleep/", "category"])
def test_member_list_pages_are_drawn_once_for_every_member(thread, category, path):
    """A list page's blocks are drawn for the first member and reused for the next (each in
    their own header); a new question is on the next member's page at once."""
    q, _ = thread
    if path == "category":
        path = q.category.get_absolute_url()
    _, first = member("Fern First")
    first.get(path)
    _, second = member("Sol Second")
    with mock.patch("mindwell.core.shell.render_to_string", wraps=shell_render_to_string) as drawn:
        page = second.get(path).content.decode()
    assert [call.args[0] for call in drawn.call_args_list] == ["core/member_shell.html"]
    assert "How do we split chores" in page
    assert "Sol Second" in page and "Fern First" not in page
    ask(UserFactory(), category=category, title="How do I sleep after a late shift?")
    _, third = member("Tam Third")
    assert "How do I sleep after a late shift?" in third.get(path).content.decode()


def test_a_tag_page_shows_each_member_whether_they_follow_it(thread):
    from mindwell.taxonomy.models import Tag

    following, follower = member("Fay Follower")
    follow(user=following, target=Tag.objects.get(name="sleep"))
    assert "Following ✓" in follower.get("/tags/sleep/").content.decode()
    _, first_reader = member("Ada Reader")
    first_reader.get("/tags/sleep/")  # the blocks of those who do not follow it, drawn
    _, reader = member("Rey Reader")
    page = reader.get("/tags/sleep/").content.decode()
    assert "Following ✓" not in page and 'aria-pressed="false">Follow<' in page
    assert CSRF_PLACEHOLDER not in page
    form = re.search(r'<form[^>]*class="follow-form".*?</form>', page, re.S)
    token = TOKEN.findall(form.group(0))[0]  # the follow form's own, drawn for many
    followed = reader.post("/follow/tag/sleep/", {"follow": "on", "csrfmiddlewaretoken": token})
    assert followed.status_code in (200, 302)
    assert "Following ✓" in reader.get("/tags/sleep/").content.decode()
    assert "Following ✓" in follower.get("/tags/sleep/").content.decode()


def test_what_page_parts_add_is_shared_only_when_it_is_plain():
    from mindwell.core.page_parts import added_signature

    assert added_signature({"following": True}) != added_signature({"following": False})
    assert added_signature({}) == ""
    assert added_signature({"badges": object()}) is None
