"""Crawl every page a visitor and a member can reach: no page, feed, search result,
API response or attribute connects an anonymous post to the person who wrote it."""

import re
from collections import deque

import pytest

from mindwell.posting import services
from mindwell.qa.tests.factories import CategoryFactory, UserFactory

SECRET_USER = {
    "username": "secretive",
    "display_name": "Sam Secretwriter",
    "email": "sam.secret@example.org",
}
VISITOR_EMAIL = "visitor.notify@example.org"
HREF = re.compile(r'(?:href|hx-get|action)="(/[^"#?]*)(?:\?[^"#]*)?(?:#[^"]*)?"')
SKIP = (
    "/admin/",
    "/static/",
    "/accounts/logout",
    "/accounts/password",
    "/accounts/email",
    "/unsubscribe/",
    "/vote/",
    "/preview/",
    "/notifications/read-all/",
    "/follow/",
)


@pytest.fixture
def community(db):
    category = CategoryFactory(name="Grief", slug="grief")
    secret = UserFactory(**SECRET_USER)
    helper = UserFactory(username="helper", display_name="Helpful Helen")
    public = services.ask_question(
        author=helper,
        title="Public question about grief and holidays",
        body="The first holidays after a loss are hard; what helps?",
        category=category,
        tags=["grief"],
    )
    anon_q = services.ask_question(
        author=secret,
        title="Zebraword anonymous question about my marriage",
        body="Zebraword body: I have not told anyone about this.",
        category=category,
        tags=["grief", "marriage"],
        anonymous=True,
        anon_name="Quiet Lantern",
    )
    services.post_answer(
        author=secret,
        question=public,
        anonymous=True,
        body="Giraffeword answer written anonymously by a member.",
    )
    services.post_comment(
        author=secret,
        question=public,
        anonymous=True,
        body="Okapiword comment written anonymously.",
    )
    services.post_answer(
        author=None,
        question=anon_q,
        notify_email=VISITOR_EMAIL,
        body="A visitor answer with a notification address.",
    )
    services.edit_question(
        editor=secret,
        question=anon_q,
        title=anon_q.title,
        body=anon_q.body + " Edited.",
        category=category,
        tags=["grief", "marriage"],
    )
    services.cast_vote(voter=helper, post=anon_q, value=1)
    return {"anon_question": anon_q, "public": public, "secret": secret}


def crawl(client, seeds, limit=400):
    seen, queue, pages = set(), deque(seeds), {}
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen or path.startswith(SKIP):
            continue
        seen.add(path)
        response = client.get(path, follow=False)
        if response.status_code in (301, 302):
            location = response["Location"]
            if location.startswith("/"):
                queue.append(location.split("#")[0])
            continue
        if response.status_code != 200:
            continue
        text = response.content.decode("utf-8", "replace")
        pages[path] = text
        for link in HREF.findall(text):
            if link not in seen:
                queue.append(link)
    return pages


@pytest.mark.parametrize("viewer", ["visitor", "member"])
def test_no_page_links_an_anonymous_post_to_its_author(client_for, community, viewer):
    client = client_for(None if viewer == "visitor" else UserFactory(username="reader"))
    q = community["anon_question"]
    seeds = [
        "/",
        "/questions/",
        "/tags/",
        "/categories/",
        "/users/",
        "/sitemap.xml",
        "/feeds/questions/",
        "/feeds/questions/atom/",
        "/feeds/tags/grief/",
        f"/feeds/questions/{q.pk}/answers/",
        "/api/v1/questions",
        f"/api/v1/questions/{q.pk}",
        f"/api/v1/questions/{community['public'].pk}",
        "/search/?q=zebraword",
        "/search/?q=giraffeword",
        "/search/?q=okapiword",
        "/search/similar/?title=zebraword",
        "/sitemap-questions.xml",
    ]
    pages = crawl(client, seeds)
    assert len(pages) > 25
    markers = ("Zebraword", "Giraffeword", "Okapiword", "zebraword", "giraffeword", "okapiword")
    secrets = (SECRET_USER["username"], SECRET_USER["display_name"], SECRET_USER["email"])
    carrying = {p: t for p, t in pages.items() if any(m in t for m in markers)}
    assert len(carrying) >= 6, sorted(carrying)
    for path, text in carrying.items():
        for secret in secrets:
            assert secret not in text, f"{path} shows {secret!r} next to an anonymous post"
    for path, text in pages.items():
        assert VISITOR_EMAIL not in text, path
        assert SECRET_USER["email"] not in text, path
    # A member who only ever posts anonymously has no public profile at all.
    assert not any(m in pages.get("/users/secretive/", "") for m in markers)
    assert client.get("/users/secretive/").status_code == 404
