"""Feeds keep the privacy policy: no anonymous or noindex questions, no bodies behind a
content warning, nothing waiting in the crisis queue; and a constant number of queries."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mindwell.moderation.models import ReviewItem
from mindwell.qa.models import Question
from mindwell.qa.tests.factories import answer, ask

BODY = "I would like some tips for a calmer bedtime routine with my partner, please."


def _screened(post):
    """The post as a moderator left it after crisis screening's review (if the learned
    model sent it to the crisis queue): these tests place crisis items themselves."""
    ReviewItem.objects.filter(
        queue=ReviewItem.Queue.CRISIS, state=ReviewItem.State.OPEN, **{post.post_kind: post}
    ).update(state=ReviewItem.State.RESOLVED, resolved_at=timezone.now())
    return post


@pytest.fixture
def feed_urls(category):
    def urls(question=None):
        found = [
            "/feeds/questions/",
            "/feeds/questions/atom/",
            f"/feeds/categories/{category.slug}/",
            "/feeds/tags/sleep/",
        ]
        if question is not None:
            found.append(f"/feeds/questions/{question.pk}/answers/")
        return found

    return urls


def _titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    root = ET.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    return [item.findtext("title") for item in root.iter("item")] + [
        entry.findtext(f"{atom}title") for entry in root.iter(f"{atom}entry")
    ]


def _public(asker, category, title="A public question about sleeping badly"):
    return _screened(ask(asker, category=category, title=title, body=BODY, tags=["sleep"]))


def test_anonymous_questions_are_in_no_feed(client, asker, category, feed_urls):
    public = _public(asker, category)
    secret = ask(
        asker,
        category=category,
        title="An anonymous question nobody should syndicate",
        body=BODY,
        tags=["sleep"],
        anonymous=True,
        anon_name="Quiet reader",
    )
    # Even when the site lets anonymous questions be indexed, feeds leave them out.
    Question.objects.filter(pk=secret.pk).update(noindex=False)
    for url in feed_urls(public):
        body = client.get(url).content.decode()
        assert secret.title not in body, url
        assert "Quiet reader" not in body, url
    assert public.title in _titles(client, "/feeds/questions/")
    assert client.get(f"/feeds/questions/{secret.pk}/answers/").status_code == 404


def test_noindex_questions_are_in_no_feed(client, asker, category, feed_urls):
    public = _public(asker, category)
    hidden = _public(asker, category, title="A question its asker asked not to be indexed")
    Question.objects.filter(pk=hidden.pk).update(noindex=True)
    for url in feed_urls(public):
        assert hidden.title not in client.get(url).content.decode(), url
    assert public.title in _titles(client, "/feeds/questions/")
    assert client.get(f"/feeds/questions/{hidden.pk}/answers/").status_code == 404


def test_content_warned_posts_show_title_and_warning_only(
    client, asker, stranger, category, feed_urls
):
    warned = _screened(
        ask(
            asker,
            category=category,
            title="A question behind a content warning",
            body="The private details of my grief that a feed reader must not show.",
            tags=["sleep"],
            content_warning="grief",
        )
    )
    _screened(answer(warned, stranger, body="An answer that talks about the loss in detail."))
    plain = _public(asker, category)
    _screened(answer(plain, stranger, body="An answer that is fine to show in full in a feed."))
    _screened(
        answer(
            plain,
            stranger,
            body="An answer with its own warning and details to keep out.",
            content_warning="abuse",
        )
    )
    for url in feed_urls(warned):
        body = client.get(url).content.decode()
        assert "private details of my grief" not in body, url
        assert "talks about the loss in detail" not in body, url
    for url in feed_urls()[:4]:
        body = client.get(url).content.decode()
        assert warned.title in body, url
        assert "Content warning: Grief" in body, url
        assert "calmer bedtime routine" in body, url  # unwarned bodies stay
    answers = client.get(f"/feeds/questions/{warned.pk}/answers/").content.decode()
    assert "Content warning: Grief" in answers
    answers = client.get(f"/feeds/questions/{plain.pk}/answers/").content.decode()
    assert "fine to show in full" in answers
    assert "details to keep out" not in answers
    assert "Content warning: Abuse" in answers


def test_questions_in_crisis_review_wait_for_a_moderator(
    client, asker, stranger, moderator, category, feed_urls
):
    public = _public(asker, category)
    crisis = _public(asker, category, title="A question a member flagged as someone at risk")
    item = ReviewItem.objects.create(question=crisis, queue=ReviewItem.Queue.CRISIS)
    # Other queues do not keep a question out; resolved crisis items do not either.
    ReviewItem.objects.create(question=public, queue=ReviewItem.Queue.FLAGGED)
    ReviewItem.objects.create(
        question=public,
        queue=ReviewItem.Queue.CRISIS,
        state=ReviewItem.State.RESOLVED,
        resolved_at=timezone.now(),
    )
    at_risk = _screened(
        answer(public, stranger, body="An answer that is waiting in the crisis queue.")
    )
    ReviewItem.objects.create(answer=at_risk, queue=ReviewItem.Queue.CRISIS)
    for url in feed_urls(public):
        assert crisis.title not in client.get(url).content.decode(), url
        assert public.title in client.get(url).content.decode() or "answers" in url, url
    assert (
        "waiting in the crisis queue"
        not in client.get(f"/feeds/questions/{public.pk}/answers/").content.decode()
    )
    assert client.get(f"/feeds/questions/{crisis.pk}/answers/").status_code == 404

    item.state = ReviewItem.State.RESOLVED
    item.resolved_at = timezone.now()
    item.resolved_by = moderator
    item.resolution = "reached_out"
    item.save()
    ReviewItem.objects.filter(answer=at_risk).update(state=ReviewItem.State.RESOLVED)
    for url in feed_urls()[:4]:
        assert crisis.title in client.get(url).content.decode(), url
    assert (
        "waiting in the crisis queue"
        in client.get(f"/feeds/questions/{public.pk}/answers/").content.decode()
    )


def _fill(asker, stranger, category, n):
    for i in range(n):
        q = ask(
            asker if i % 2 else stranger,
            category=category,
            title=f"Question number {i} about sleeping and worry",
            body=BODY,
            tags=["sleep"],
            anonymous=i % 3 == 0,
            content_warning="grief" if i % 4 == 0 else "",
        )
        _screened(q)
        answer(q, stranger if i % 2 else asker, body=f"Answer number {i} with some advice.")
        if i % 5 == 0:
            ReviewItem.objects.create(question=q, queue=ReviewItem.Queue.CRISIS)
    return q


def test_feed_query_count_does_not_grow_with_items(client, asker, stranger, category, feed_urls):
    def counts(question):
        found = {}
        for url in feed_urls(question):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            found[url.replace(f"/{question.pk}/", "/N/")] = len(queries)
        return found

    small = _public(asker, category)
    _screened(answer(small, stranger, body="A single answer for the small feed."))
    few = counts(small)
    _fill(asker, stranger, category, 12)
    big = _public(asker, category, title="The question with many answers to count")
    for i in range(8):
        _screened(answer(big, stranger if i % 2 else asker, body=f"One of many answers, {i}."))
    many = counts(big)
    assert many == few
    assert max(many.values()) <= 6
