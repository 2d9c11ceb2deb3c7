def test_policy_pages_exist_with_our_default_texts_and_are_in_the_footer(client, db):
    home = client.get("/").content.decode()
    for slug, phrase in [
        ("guidelines", "Be kind first"),
        ("professional-code", "No soliciting"),
        ("about", "not a crisis service"),
        ("privacy", "never store IP"),
        ("terms", "at least 16"),
    ]:
        page = client.get(f"/pages/{slug}/")
        assert page.status_code == 200
        assert phrase in page.content.decode()
        assert f'href="/pages/{slug}/"' in home
    assert client.get("/pages/nope/").status_code == 404


def test_admins_edit_a_page_and_the_change_shows(client, db):
    from mindwell.core.models import SitePage

    page = SitePage.objects.get(slug="terms")
    page.body = "New **terms** text."
    page.save()
    assert "<strong>terms</strong>" in client.get("/pages/terms/").content.decode()
