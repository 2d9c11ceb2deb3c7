"""In a real browser: a member uploads a picture on their profile settings page and sees
it, loaded, on their profile and beside their name on their question; their anonymous
question shows the neutral picture; removing it brings back their initials."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from PIL import Image
from playwright.sync_api import Locator, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from mindwell.accounts.models import User
from mindwell.posting import services
from mindwell.taxonomy.models import Category

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

SCREENSHOT = "/tmp/e2e-avatar.png"  # noqa: S108 - a fixed, well-known place to look at
MEMBER = {"username": "willow", "email": "willow@example.org", "password": "Soft-meadow-52"}


def loaded(image: Locator) -> bool:
    """The browser fetched and decoded the picture (a broken image has no natural width),
    waiting for it up to 10 s: on a busy machine a new picture may still be on its way."""
    try:
        image.page.wait_for_function(
            "i => i.complete && i.naturalWidth > 0", arg=image.element_handle(), timeout=10_000
        )
    except PlaywrightTimeout:
        return False
    return True


def test_a_member_uploads_a_picture_and_sees_it_on_the_profile_and_a_post(
    transactional_db, new_context, browser_log, tmp_path
):
    category = Category.objects.create(name="Family", slug="family")
    member = User.objects.create_user(
        username=MEMBER["username"], email=MEMBER["email"], password=MEMBER["password"],
        display_name="Willow Park",
    )  # fmt: skip
    EmailAddress.objects.create(user=member, email=MEMBER["email"], verified=True, primary=True)
    question = services.ask_question(
        author=member, title="How do I set limits with my parents kindly?",
        body="They visit every weekend unannounced and I want to talk about it.",
        category=category, tags=["family"],
    )  # fmt: skip
    secret = services.ask_question(
        author=member, title="Something I only ask without my name",
        body="This one is private enough that I post it anonymously today.",
        category=category, tags=["family"], anonymous=True,
    )  # fmt: skip
    photo = tmp_path / "holiday.jpg"
    image = Image.new("RGB", (640, 480), (40, 120, 200))
    image.paste((250, 200, 40), (200, 120, 440, 360))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    image.save(photo, format="JPEG", exif=exif.tobytes())

    page = new_context(viewport={"width": 1200, "height": 900}).new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(MEMBER["username"])
    page.get_by_label(re.compile(r"^Password:?$")).fill(MEMBER["password"])
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.goto("/account/profile/")
    initials = page.locator(".avatar-current img.avatar")
    expect(initials).to_have_attribute("src", re.compile(r"/avatars/\d+/WP\.svg$"))
    assert loaded(initials)
    page.get_by_label(re.compile(r"^Picture:?$")).set_input_files(str(photo))
    page.get_by_role("button", name="Upload picture").click()
    expect(page.locator("ul.messages")).to_contain_text("Your new picture is saved.")
    uploaded = page.locator(".avatar-current img.avatar")
    expect(uploaded).to_have_attribute("src", re.compile(r"/media/avatars/.+-128\.webp$"))
    assert loaded(uploaded)

    page.goto(member.get_absolute_url())
    on_profile = page.locator(".profile-head img.avatar")
    expect(on_profile).to_have_attribute("src", re.compile(r"-128\.webp$"))
    assert loaded(on_profile)

    page.goto(question.get_absolute_url())
    on_post = page.locator(".question .author-card img.avatar, article .author-card img.avatar")
    expect(on_post.first).to_have_attribute("src", re.compile(r"/media/avatars/.+\.webp$"))
    assert loaded(on_post.first)
    page.screenshot(path=SCREENSHOT, full_page=False)

    page.goto(secret.get_absolute_url())
    neutral = page.locator(".author-card img.avatar").first
    expect(neutral).to_have_attribute("src", re.compile(r"avatar-anonymous.*\.svg$"))
    assert loaded(neutral)

    page.goto("/account/profile/")
    page.get_by_role("button", name="Remove picture (show my initials)").click()
    expect(page.locator("ul.messages")).to_contain_text("Your picture is removed")
    expect(page.locator(".avatar-current img.avatar")).to_have_attribute(
        "src", re.compile(r"/WP\.svg$")
    )
    assert not browser_log.csp_violations()
    assert not browser_log.page_errors
