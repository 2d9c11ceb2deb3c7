"""Claiming the posts one wrote as a visitor: by a verified email equal to the post's
notification email, one post at a time, never automatic; the post stays anonymous unless
the member chooses otherwise, and nobody learns whether an address has posts."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from mindwell.core.errors import NotFound
from mindwell.notifications.models import Follow
from mindwell.posting import claims
from mindwell.qa.models import Answer, Comment, Question
from mindwell.qa.tests.factories import UserFactory, answer, ask, comment

EMAIL = "river.visitor@example.org"


def _member(username, email=EMAIL, *, verified=True):
    user = UserFactory(username=username, email=email)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


@pytest.fixture
def visitor_posts(asker, category):
    """What a visitor wrote with EMAIL before signing up, and a post by someone else."""
    q = ask(None, category=category, title="Is it normal to feel numb after a breakup?",
            anon_name="Riverside", notify_email=EMAIL)  # fmt: skip
    theirs = ask(asker, category=category, title="How do I ask my friend for support?")
    a = answer(theirs, None, body="Telling them plainly what you need works best.",
               notify_email="River.Visitor@Example.org")  # fmt: skip
    c = comment(theirs, None, body="This helped me, thank you.", notify_email=EMAIL)
    other = answer(theirs, None, body="Someone else's visitor answer here.",
                   notify_email="someone.else@example.org")  # fmt: skip
    return {"question": q, "answer": a, "comment": c, "other": other}


def test_the_list_shows_posts_with_a_verified_email_only(visitor_posts):
    member = _member("river")
    found = claims.claimable_posts(member=member)
    assert [q.pk for q in found.questions] == [visitor_posts["question"].pk]
    assert [a.pk for a in found.answers] == [visitor_posts["answer"].pk]  # case ignored
    assert [c.pk for c in found.comments] == [visitor_posts["comment"].pk]
    assert claims.claimable_posts(member=_member("unverified", "x@example.org")).empty
    assert claims.claimable_posts(member=UserFactory()).empty


def test_an_unverified_email_cannot_claim(visitor_posts):
    member = _member("river", verified=False)
    assert claims.claimable_posts(member=member).empty
    with pytest.raises(NotFound):
        claims.claim_post(member=member, kind="question", post_id=visitor_posts["question"].pk)
    assert Question.objects.get(pk=visitor_posts["question"].pk).author_id is None


def test_another_member_cannot_claim(visitor_posts):
    _member("river")
    other = _member("other", "someone.else@example.org")
    with pytest.raises(NotFound):
        claims.claim_post(member=other, kind="question", post_id=visitor_posts["question"].pk)
    assert Question.objects.get(pk=visitor_posts["question"].pk).author_id is None


def test_a_claimed_post_stays_anonymous_by_default(visitor_posts, client):
    member = _member("river")
    q = visitor_posts["question"]
    claimed = claims.claim_post(member=member, kind="question", post_id=q.pk)
    q.refresh_from_db()
    assert q.author_id == member.pk and q.is_anonymous and q.author_name == "Riverside"
    assert q.notify_email == ""  # notifications now reach the inbox
    assert Follow.objects.filter(user=member, question=q).exists()
    assert claimed.pk == q.pk
    page = client.get(q.get_absolute_url()).content.decode()
    assert "Riverside" in page and "river" not in page.replace("Riverside", "")
    profile = client.get(f"/users/{member.username}/").content.decode()
    assert "numb after a breakup" not in profile
    # It is no longer claimable, by anyone.
    with pytest.raises(NotFound):
        claims.claim_post(member=member, kind="question", post_id=q.pk)


def test_a_member_may_choose_to_show_their_name(visitor_posts, client):
    member = _member("river")
    a = visitor_posts["answer"]
    claims.claim_post(member=member, kind="answer", post_id=a.pk, show_name=True)
    a.refresh_from_db()
    assert not a.is_anonymous and a.author_id == member.pk
    assert f'href="/users/{member.username}/"' in client.get(a.page_url).content.decode()


def test_nothing_is_claimed_without_asking(visitor_posts):
    _member("river")
    assert Question.objects.get(pk=visitor_posts["question"].pk).author_id is None
    assert Answer.objects.get(pk=visitor_posts["answer"].pk).author_id is None
    assert Comment.objects.get(pk=visitor_posts["comment"].pk).author_id is None


# Pages ---------------------------------------------------------------------------


def test_the_page_lists_claimable_posts_and_claims_one(visitor_posts, client_for,
                                                      django_assert_max_num_queries):  # fmt: skip
    member = _member("river")
    client = client_for(member)
    with django_assert_max_num_queries(12):
        page = client.get("/account/claim-posts/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Is it normal to feel numb after a breakup?" in html
    assert "Someone else's visitor answer" not in html
    assert EMAIL not in html.lower()
    c = visitor_posts["comment"]
    response = client.post(f"/account/claim-posts/comment/{c.pk}/")
    assert response.status_code == 302
    assert Comment.objects.get(pk=c.pk).author_id == member.pk
    after = client.get("/account/claim-posts/").content.decode()
    assert "It still shows as anonymous" in after and f"claim-comment-{c.pk}" not in after


def test_the_page_says_nothing_about_other_addresses(visitor_posts, client_for):
    html = (
        client_for(_member("nobody", "nobody@example.org"))
        .get("/account/claim-posts/")
        .content.decode()
    )
    assert "There is nothing to claim." in html


@pytest.mark.parametrize(
    "path",
    ["/account/claim-posts/vote/1/", "/account/claim-posts/question/999999/"],
)
def test_bad_claims_are_404(visitor_posts, client_for, path):
    assert client_for(_member("river")).post(path).status_code == 404


def test_someone_elses_post_is_404_like_a_missing_one(visitor_posts, client_for):
    _member("river")
    client = client_for(_member("other", "someone.else@example.org"))
    q = visitor_posts["question"]
    response = client.post(f"/account/claim-posts/question/{q.pk}/")
    missing = client.post("/account/claim-posts/question/999999/")
    assert response.status_code == missing.status_code == 404
    assert Question.objects.get(pk=q.pk).author_id is None


def test_claiming_needs_login_and_csrf(visitor_posts):
    q = visitor_posts["question"]
    visitor = Client()
    assert "/accounts/login/" in visitor.post(f"/account/claim-posts/question/{q.pk}/")["Location"]
    assert "/accounts/login/" in visitor.get("/account/claim-posts/")["Location"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(_member("river"))
    assert strict.post(f"/account/claim-posts/question/{q.pk}/").status_code == 403
    assert Question.objects.get(pk=q.pk).author_id is None
    assert strict.get(f"/account/claim-posts/question/{q.pk}/").status_code == 405
