"""Avatars as members see them: uploading on the profile settings page, clear refusals,
removing, CSRF, nobody changes another member's picture, pictures beside names on posts,
lists and profiles, and the neutral picture on every anonymous post."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from mindwell.accounts import avatars
from mindwell.accounts.models import User
from mindwell.qa.tests.factories import UserFactory, answer, ask, comment

NEUTRAL = "img/avatar-anonymous.svg"


def picture(size=(300, 200), fmt="PNG", colour=(30, 140, 90)):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return SimpleUploadedFile(f"me.{fmt.lower()}", out.getvalue(), content_type="image/png")


@pytest.fixture
def member(category):
    user = UserFactory(username="ana", display_name="Ana Silva")
    ask(user, category=category, title="How do I talk to my sister again?")
    return user


def upload(client, file):
    return client.post("/account/avatar/", {"avatar": file})


def test_the_settings_page_offers_an_upload_and_shows_the_initials(client_for, member):
    page = client_for(member).get("/account/profile/").content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'accept="image/jpeg,image/png,image/gif,image/webp"' in page
    assert "your initials are shown" in page
    assert "/AS.svg" in page
    assert "Remove picture" not in page


def test_uploading_a_picture_shows_it_on_the_profile_and_the_member_list(
    client_for, client, member, django_capture_on_commit_callbacks
):
    owner = client_for(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(owner, picture())
    assert response.status_code == 302
    assert response["Location"] == "/account/profile/"
    member.refresh_from_db()
    settings_page = owner.get("/account/profile/").content.decode()
    assert "Your new picture is saved." in settings_page
    assert "Remove picture" in settings_page
    profile = client.get(member.get_absolute_url()).content.decode()
    assert f"/media/{member.avatar}-128.webp" in profile
    assert f"/media/{member.avatar}-256.webp 2x" in profile
    assert f"/media/{member.avatar}-64.webp" in client.get("/users/").content.decode()
    served = client.get(f"/media/{member.avatar}-128.webp")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/webp"
    assert "immutable" in served["Cache-Control"]
    image = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert image.size == (128, 128)


def test_a_refused_file_says_why_and_keeps_the_old_picture(client_for, member):
    owner = client_for(member)
    upload(owner, picture())
    member.refresh_from_db()
    before = member.avatar
    response = upload(owner, SimpleUploadedFile("notes.txt", b"just some text", "text/plain"))
    assert response.status_code == 400
    assert "not a picture that can be used" in response.content.decode()
    member.refresh_from_db()
    assert member.avatar == before


def test_a_too_big_file_is_refused_with_the_limit(client_for, member, settings):
    settings.AVATAR_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.png", picture().read() + b"\0" * 1024 * 1024)
    response = upload(client_for(member), big)
    assert response.status_code == 400
    assert "at most 1 MB" in response.content.decode()
    assert User.objects.get(pk=member.pk).avatar == ""


def test_posting_without_a_file_asks_for_one(client_for, member):
    response = client_for(member).post("/account/avatar/", {})
    assert response.status_code == 400
    assert "Choose a picture to upload." in response.content.decode()


def test_removing_the_picture_brings_back_the_initials(
    client_for, client, member, django_capture_on_commit_callbacks
):
    owner = client_for(member)
    upload(owner, picture())
    member.refresh_from_db()
    served = f"/media/{member.avatar}-64.webp"
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post("/account/avatar/remove/")
    assert response.status_code == 302
    assert "your initials are shown" in owner.get("/account/profile/").content.decode()
    assert client.get(served).status_code == 404
    assert "/AS.svg" in client.get(member.get_absolute_url()).content.decode()


def test_upload_and_remove_need_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert upload(client, picture()).status_code == 403
    assert client.post("/account/avatar/remove/").status_code == 403
    assert User.objects.get(pk=member.pk).avatar == ""


def test_a_visitor_is_sent_to_log_in_and_nobody_changes_another_members_picture(
    client, client_for, member, stranger
):
    response = upload(client, picture())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    upload(client_for(member), picture())
    member.refresh_from_db()
    kept = member.avatar
    # The stranger's upload and removal change only the stranger's own picture.
    upload(client_for(stranger), picture(colour=(200, 0, 0)))
    client_for(stranger).post("/account/avatar/remove/")
    assert User.objects.get(pk=member.pk).avatar == kept
    assert client_for(member).get("/account/avatar/").status_code == 405


def test_posts_show_the_authors_picture_and_anonymous_posts_the_neutral_one(
    client_for, client, member, stranger, category
):
    upload(client_for(member), picture())
    member.refresh_from_db()
    question = ask(member, category=category, title="Is it fine to set boundaries at work?")
    reply = answer(question, member, anonymous=True, body="Saying no kindly is a skill.")
    comment(question, member, body="Thank you, this helped a lot to read.")
    upload(client_for(stranger), picture(colour=(0, 0, 200)))
    stranger.refresh_from_db()
    ask(stranger, category=category, title="I posted this one anonymously", anonymous=True)
    page = client.get(question.get_absolute_url()).content.decode()
    assert page.count(f"/media/{member.avatar}-") >= 2  # the question and the comment
    assert NEUTRAL in page  # the anonymous answer
    answer_html = page[page.index(f'id="a{reply.pk}"') :]
    answer_html = answer_html[: answer_html.index("</article>")]
    assert NEUTRAL in answer_html
    assert member.avatar not in answer_html and "/AS.svg" not in answer_html
    listing = client.get("/questions/").content.decode()
    assert f"/media/{member.avatar}-" in listing
    assert stranger.avatar not in listing  # only on the anonymous question: neutral there
    assert NEUTRAL in listing


def test_the_generated_picture_is_an_svg_cached_for_a_year(client, member):
    url = avatars.picture(member, 32).src
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "immutable" in response["Cache-Control"]
    assert ">AS</text>" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/avatars/0/abc.svg",
        "/avatars/0/ab.svg",
        "/avatars/99/AB.svg",
        "/avatars/0/%3Cs.svg",
        "/media/avatars/..%2Fsecret_key",
        "/media/avatars/short-64.webp",
        "/media/avatars/aaaaaaaaaaaaaaaaaaaaaaaa-64.png",
        "/media/avatars/aaaaaaaaaaaaaaaaaaaaaaaa-64.webp",
    ],
)
def test_only_real_pictures_are_served(client, db, path):
    assert client.get(path).status_code == 404


def test_a_changed_picture_refreshes_visitors_cached_pages(client_for, client, member):
    url = member.get_absolute_url()
    assert "/AS.svg" in client.get(url).content.decode()
    assert "/AS.svg" in client.get(url).content.decode()  # from the shared page cache
    upload(client_for(member), picture())
    member.refresh_from_db()
    assert f"/media/{member.avatar}-128.webp" in client.get(url).content.decode()


def test_pictures_on_a_big_question_page_cost_no_query(
    client_for, asker, category, django_assert_max_num_queries
):
    from mindwell.qa.tests.test_queries import _big_question

    question, members = _big_question(asker, category, 30)
    for n, person in enumerate(members):
        User.objects.filter(pk=person.pk).update(avatar=f"avatars/{'p' * 20}{n}")
    client = client_for(members[0])
    client.get("/")
    # As pinned for the page without pictures (17, qa's test_queries: the first view draws
    # the page members share).
    with django_assert_max_num_queries(17):
        html = client.get(question.get_absolute_url()).content.decode()
    for n in range(5):
        assert f"/media/avatars/{'p' * 20}{n}-64.webp" in html
    assert NEUTRAL in html  # every seventh answer is anonymous


def test_an_admin_can_remove_an_unsuitable_picture_and_it_is_audited(client_for, member):
    from mindwell.audit.models import AuditEntry

    upload(client_for(member), picture())
    admin_user = UserFactory(username="boss", is_staff=True, is_superuser=True, level="superadmin")
    response = client_for(admin_user).post(
        "/admin/accounts/user/",
        {"action": "remove_pictures", "_selected_action": [member.pk]},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=member.pk).avatar == ""
    entry = AuditEntry.objects.get(action="admin_remove_avatar")
    assert entry.target_id == member.pk and entry.actor_name == "boss"


def test_a_huge_upload_is_dropped_while_it_arrives_and_the_limit_is_named(
    client_for, member, settings
):
    settings.FILE_UPLOAD_MAX_BYTES = 256 * 1024
    huge = SimpleUploadedFile("huge.png", picture().read() + b"\0" * (3 * 1024 * 1024))
    response = upload(client_for(member), huge)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This file is too big; a picture can be at most 256 KB." in html
    assert User.objects.get(pk=member.pk).avatar == ""
