"""Avatar pictures: real images made by Pillow go in; what comes out is square, resized,
re-encoded WebP without metadata or appended bytes; unusable files get a clear reason and
change nothing; the generated default is initials on a colour from the member's id."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mindwell.accounts import avatars, services
from mindwell.accounts.models import User
from mindwell.accounts.tests.factories import UserFactory
from mindwell.core.cache import get_version

SECRET_GPS = "51.5007 N, 0.1246 W"


def photo(size=(600, 400), *, fmt="JPEG", colour=(200, 40, 40), exif=True, orientation=1):
    """A real photo with EXIF (camera, GPS-like text, orientation) as a phone would send."""
    image = Image.new("RGB", size, colour)
    # A different colour in the right half, to see the crop keeps the middle.
    image.paste((20, 20, 220), (size[0] // 2, 0, size[0], size[1]))
    out = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "PhoneMaker"  # Make
        data[0x0110] = "Model X"  # Model
        data[0x010E] = SECRET_GPS  # ImageDescription
        data[0x0112] = orientation  # Orientation
        kwargs["exif"] = data.tobytes()
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def upload(content, name="me.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(user):
    return [avatars.file_name(user.avatar, size) for size in (64, 128, 256)]


def test_a_photo_becomes_square_webp_at_each_size_without_its_exif(db):
    sizes = avatars.process_upload(upload(photo()))
    assert sorted(sizes) == [64, 128, 256]
    for size, content in sizes.items():
        image = Image.open(io.BytesIO(content))
        assert image.format == "WEBP"
        assert image.size == (size, size)
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info
        assert b"PhoneMaker" not in content and SECRET_GPS.encode() not in content
        # The middle of a 600×400 picture: the left (red) and right (blue) halves both show.
        left, right = (
            image.convert("RGB").getpixel((2, size // 2)),
            image.convert("RGB").getpixel((size - 3, size // 2)),
        )
        assert left[0] > 150 and right[2] > 150


def test_the_exif_orientation_is_applied_before_it_is_removed(db):
    # Orientation 6: the camera was turned; a 600×400 file is a 400×600 picture upright.
    sizes = avatars.process_upload(upload(photo(orientation=6)))
    image = Image.open(io.BytesIO(sizes[256])).convert("RGB")
    # Upright, the blue half of the file is the bottom half of the picture.
    assert image.getpixel((128, 250))[2] > 150
    assert image.getpixel((128, 5))[0] > 150


def test_bytes_hidden_after_the_picture_do_not_survive(db):
    payload = b"<script>alert('hi')</script>" + b"PK\x03\x04 a zip file here"
    sizes = avatars.process_upload(upload(photo(exif=False) + payload))
    for content in sizes.values():
        assert b"<script>" not in content and b"PK\x03\x04" not in content


def test_a_png_with_transparency_keeps_it(db):
    image = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    image.paste((10, 120, 60, 255), (100, 100, 200, 200))
    out = io.BytesIO()
    image.save(out, format="PNG")
    sizes = avatars.process_upload(upload(out.getvalue(), "me.png", "image/png"))
    small = Image.open(io.BytesIO(sizes[64]))
    assert small.mode == "RGBA"
    assert small.getpixel((1, 1))[3] == 0
    assert small.getpixel((32, 32))[3] == 255


def test_an_animated_gif_keeps_its_first_frame_only(db):
    frames = [Image.new("RGB", (80, 80), colour) for colour in ((250, 0, 0), (0, 250, 0))]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=100)
    sizes = avatars.process_upload(upload(out.getvalue(), "me.gif", "image/gif"))
    image = Image.open(io.BytesIO(sizes[64]))
    assert getattr(image, "n_frames", 1) == 1
    assert image.convert("RGB").getpixel((32, 32))[0] > 200


def test_a_file_over_the_size_limit_is_refused_with_the_limit(db, settings):
    settings.AVATAR_MAX_BYTES = 1024 * 1024
    big = photo(exif=False) + b"\0" * (1024 * 1024)
    with pytest.raises(avatars.AvatarRejected, match="at most 1 MB"):
        avatars.process_upload(upload(big))


def test_a_file_that_is_not_a_picture_is_refused(db):
    with pytest.raises(avatars.AvatarRejected, match="not a picture"):
        avatars.process_upload(upload(b"%PDF-1.7 not an image at all", "cv.pdf", "image/jpeg"))


def test_an_svg_is_not_accepted_as_a_picture(db):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(avatars.AvatarRejected, match="JPEG, PNG, GIF or WebP"):
        avatars.process_upload(upload(svg, "me.svg", "image/svg+xml"))


def test_a_truncated_picture_is_refused_as_damaged(db):
    content = photo(size=(800, 800), exif=False)
    with pytest.raises(avatars.AvatarRejected, match="damaged or incomplete"):
        avatars.process_upload(upload(content[: len(content) // 3]))


def _png_header_only(width, height):
    """A tiny PNG that claims huge dimensions (a decompression bomb's first step)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height"), [(10_000, 10_000), (60_000, 60_000)], ids=["over-limit", "bomb"]
)
def test_a_png_claiming_huge_dimensions_is_refused_before_decoding(db, width, height):
    content = _png_header_only(width, height)
    assert len(content) < 200
    with pytest.raises(avatars.AvatarRejected, match="too many pixels"):
        avatars.process_upload(upload(content, "bomb.png", "image/png"))


def test_set_avatar_stores_every_size_and_replacing_it_deletes_the_old_files(
    db,
    django_capture_on_commit_callbacks,
):
    member = UserFactory()
    before = get_version("people")
    with django_capture_on_commit_callbacks(execute=True):
        services.set_avatar(user=member, upload=upload(photo()))
    first = stored_files(member)
    assert all(default_storage.exists(name) for name in first)
    assert User.objects.get(pk=member.pk).avatar == member.avatar
    assert get_version("people") != before  # visitors' cached pages show the new picture
    with django_capture_on_commit_callbacks(execute=True):
        services.set_avatar(user=member, upload=upload(photo(colour=(0, 200, 0))))
    assert not any(default_storage.exists(name) for name in first)
    assert all(default_storage.exists(name) for name in stored_files(member))


def test_a_refused_upload_keeps_the_current_picture(db, django_capture_on_commit_callbacks):
    member = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_avatar(user=member, upload=upload(photo()))
    current = member.avatar
    with pytest.raises(ValidationError) as error:
        services.set_avatar(user=member, upload=upload(b"not an image"))
    assert "not a picture" in error.value.message_dict["avatar"][0]
    member.refresh_from_db()
    assert member.avatar == current
    assert all(default_storage.exists(name) for name in stored_files(member))


def test_remove_avatar_goes_back_to_initials_and_deletes_the_files(
    db,
    django_capture_on_commit_callbacks,
):
    member = UserFactory(display_name="Ana Silva")
    with django_capture_on_commit_callbacks(execute=True):
        services.set_avatar(user=member, upload=upload(photo()))
    files = stored_files(member)
    before = get_version("people")
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_avatar(user=member)
    assert not any(default_storage.exists(name) for name in files)
    member.refresh_from_db()
    assert member.avatar == ""
    assert get_version("people") != before
    assert avatars.picture(member, 32).src.endswith("/AS.svg")


@pytest.mark.parametrize(
    ("name", "letters"),
    [("Ana Silva", "AS"), ("kit", "K"), ("Jean-Luc de la Mer", "JM"), ("  ", ""), ("ögla", "Ö")],
)
def test_initials(name, letters):
    assert avatars.initials(name) == letters


def test_the_generated_picture_is_escaped_svg_in_a_colour_from_the_id(db):
    one, two = UserFactory(display_name="Ana Silva"), UserFactory(display_name="Ana Silva")
    url_one = avatars.picture(one, 32).src
    assert url_one == avatars.picture(User.objects.get(pk=one.pk), 20).src  # stable
    colours = {avatars.colour_index(pk) for pk in range(1, 40)}
    assert len(colours) > 6  # spread over the palette
    svg = avatars.initials_svg(0, "<&")
    assert "<&" not in svg and "&lt;&amp;" in svg
    assert "script" not in svg and "href" not in svg
    assert url_one.startswith("/avatars/") and two.pk != one.pk


def test_no_member_means_the_neutral_picture(db):
    assert avatars.picture(None, 32).src.endswith("img/avatar-anonymous.svg")
