from mindwell.qa.tests.factories import answer, ask


def test_pages_render(client_for, asker, stranger, category):
    q = ask(asker, category=category)
    a = answer(q, stranger)
    client = client_for(stranger)
    for url in [
        "/",
        "/questions/",
        "/unanswered/",
        "/tags/",
        "/categories/",
        "/users/",
        "/ask/",
        q.get_absolute_url(),
        f"/users/{asker.username}/",
        category.get_absolute_url(),
        "/tags/sleep/",
        f"/questions/{q.pk}/history/",
        f"/answers/{a.pk}/edit/",
    ]:
        response = client.get(url)
        assert response.status_code in (200, 403), (url, response.status_code)
