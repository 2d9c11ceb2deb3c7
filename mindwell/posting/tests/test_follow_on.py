""" "Ask a related question" from an answer: the new question and the answer link to each
other; a stale or unpublished answer id is ignored."""

from mindwell.qa.models import Question, Status
from mindwell.qa.tests.factories import UserFactory, answer, ask


def test_a_question_asked_from_an_answer_links_both_ways(client_for, asker, category):
    q = ask(asker, category=category, title="How do I say no to my boss?")
    a = answer(q, UserFactory(), body="Offer what you can do instead of a flat no.")
    client = client_for(UserFactory())
    page = client.get(q.get_absolute_url()).content.decode()
    assert f'href="/ask/?follow_on={a.pk}"' in page
    form = client.get(f"/ask/?follow_on={a.pk}").content.decode()
    assert "How do I say no to my boss?" in form and f'value="{a.pk}"' in form
    response = client.post(
        "/ask/",
        {
            "title": "How do I offer an alternative without sounding defensive?",
            "body": "I tried offering another date but it came out as an excuse every time.",
            "category": category.pk,
            "tags": "work",
            "follow_on": a.pk,
        },
    )
    new = Question.objects.get(title__startswith="How do I offer")
    assert response.status_code == 302 and new.follow_on == a
    assert (
        "an answer to “How do I say no to my boss?”"
        in client.get(new.get_absolute_url()).content.decode()
    )
    assert "How do I offer an alternative" in client.get(q.get_absolute_url()).content.decode()


def test_an_unpublished_answer_is_not_followed_on(client_for, asker, category):
    q = ask(asker, category=category)
    a = answer(q, UserFactory(), body="An answer that a moderator will hide later.")
    type(a).objects.filter(pk=a.pk).update(status=Status.HIDDEN)
    client_for(UserFactory()).post(
        "/ask/",
        {
            "title": "A question from a hidden answer",
            "body": "This should not link to an answer nobody can see any more.",
            "category": category.pk,
            "follow_on": a.pk,
        },
    )
    assert Question.objects.get(title="A question from a hidden answer").follow_on is None


def test_an_answer_lists_its_published_follow_ons_oldest_first(client, asker, category):
    q = ask(asker, category=category, title="How do I stop replaying arguments at night?")
    a = answer(q, UserFactory(), body="Write the argument down once, then close the notebook.")
    first = ask(UserFactory(), category=category, title="Does journalling before bed help sleep?")
    second = ask(UserFactory(), category=category, title="What if the notebook makes it worse?")
    hidden = ask(UserFactory(), category=category, title="A follow-on a moderator hid later")
    Question.objects.filter(pk__in=[first.pk, second.pk, hidden.pk]).update(follow_on=a)
    Question.objects.filter(pk=hidden.pk).update(status=Status.HIDDEN)
    page = client.get(q.get_absolute_url()).content.decode()
    assert page.index("Does journalling before bed") < page.index("What if the notebook")
    assert "A follow-on a moderator hid later" not in page
