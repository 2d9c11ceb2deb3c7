"""Members' pictures: an uploaded photo made safe, or generated initials on a colour.

An upload is decoded by Pillow only after its byte size, its format and its pixel count
(read from the header, before decoding) are checked; it is turned upright from its EXIF
orientation, cropped to a square, and drawn afresh at each of settings.AVATAR_SIZES from
its pixels alone, so no metadata (EXIF, GPS, ICC, comments) and no bytes appended to the
file survive. The sizes are saved through Django's default storage (local files, or an
S3-compatible store) under one random name per upload.

Without an upload a member shows their initials on a colour derived from their id, an SVG
drawn here and cached (by the browser for a year: its URL changes with the initials). An
anonymous post always shows the neutral picture, which says nothing about its author.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.templatetags.static import static
from PIL import Image, ImageOps, UnidentifiedImageError

from mindwell.core.reversing import reverse_fast

FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
CONTENT_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
EXTENSION = "webp"
STORED_NAME = re.compile(r"^avatars/[A-Za-z0-9_-]{16,40}$")
FILE_NAME = re.compile(r"^[A-Za-z0-9_-]{16,40}-(\d{2,4})\.webp$")
# Dark enough for white initials (contrast 4.5:1 or better), told apart at a glance.
PALETTE = (
    "#1f5f7a",
    "#5b3f8c",
    "#2d6a4f",
    "#8f2d4a",
    "#7a4a12",
    "#2f4f9a",
    "#0b6661",
    "#6b3f6b",
    "#4a5a1c",
    "#9a3412",
    "#3f51b5",
    "#5d4037",
)
NEUTRAL = "img/avatar-anonymous.svg"


class AvatarRejected(Exception):
    """The upload cannot be used; the message says why in the member's words."""


@dataclass(frozen=True)
class Picture:
    """What an <img> needs: the URL at the shown size and one for twice its density."""

    src: str
    src_2x: str
    generated: bool


def size_label(size: int) -> str:
    """5242880 → "5 MB", 262144 → "256 KB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.3g} MB"


def process_upload(data: Any) -> dict[int, bytes]:
    """The WebP bytes of each of settings.AVATAR_SIZES, drawn from the uploaded file.

    `data` is a file object (an UploadedFile). Raises AvatarRejected with a message for
    the member when it is too big, not a picture Pillow reads as JPEG, PNG, GIF or WebP,
    too many pixels, or damaged."""
    max_bytes = settings.AVATAR_MAX_BYTES
    size = getattr(data, "size", None)
    if size is not None and size > max_bytes:
        raise AvatarRejected(
            f"This file is {size_label(size)}; a picture can be at most {size_label(max_bytes)}."
        )
    data.seek(0)
    raw = data.read(max_bytes + 1)
    if len(raw) > max_bytes:
        limit = size_label(max_bytes)
        raise AvatarRejected(f"This file is too big; a picture can be at most {limit}.")
    if not raw:
        raise AvatarRejected("This file is empty. Choose a JPEG, PNG, GIF or WebP picture.")
    too_large = (
        "This picture has too many pixels to process ({}); please upload one under "
        f"{settings.AVATAR_MAX_PIXELS // 1_000_000} megapixels (a photo from a phone is fine)."
    )
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check warns above MAX_IMAGE_PIXELS: treat it as a refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(raw), formats=FORMATS)
            width, height = opened.size
            if width < 1 or height < 1:
                raise AvatarRejected("This picture has no pixels.")
            if width * height > settings.AVATAR_MAX_PIXELS:
                raise AvatarRejected(too_large.format(f"{width} × {height}"))
            opened.seek(0)  # the first frame of an animation
            opened.load()
            upright = ImageOps.exif_transpose(opened) or opened
            alpha = upright.mode in {"RGBA", "LA", "PA"} or "transparency" in upright.info
            mode = "RGBA" if alpha else "RGB"
            image = upright.convert(mode)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AvatarRejected(too_large.format("far too many")) from None
    except UnidentifiedImageError:
        raise AvatarRejected(
            "This file is not a picture that can be used. Choose a JPEG, PNG, GIF or WebP image."
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise AvatarRejected(
            "This picture is damaged or incomplete. Please try another file."
        ) from None
    side = min(image.size)
    square = ImageOps.fit(image, (side, side), method=Image.Resampling.LANCZOS)
    result: dict[int, bytes] = {}
    for target in settings.AVATAR_SIZES:
        resized = square.resize((target, target), Image.Resampling.LANCZOS)
        # A new image from the pixels alone: nothing of the original file's info travels.
        clean = Image.frombytes(mode, resized.size, resized.tobytes())
        out = io.BytesIO()
        clean.save(out, format="WEBP", quality=85, method=4)
        result[target] = out.getvalue()
    return result


def new_stored_name() -> str:
    return f"avatars/{secrets.token_urlsafe(18)}"


def file_name(stored: str, size: int) -> str:
    return f"{stored}-{size}.{EXTENSION}"


def save_files(stored: str, sizes: dict[int, bytes]) -> None:
    for size, content in sizes.items():
        saved = default_storage.save(file_name(stored, size), ContentFile(content))
        if saved != file_name(stored, size):  # never happens with random names; be sure
            default_storage.delete(saved)
            raise AvatarRejected("The picture could not be stored. Please try again.")


def delete_files(stored: str) -> None:
    """Remove every size of a stored picture (missing files are fine)."""
    if not STORED_NAME.match(stored):
        return
    for size in settings.AVATAR_SIZES:
        default_storage.delete(file_name(stored, size))


def _stored_size(shown: int) -> int:
    sizes = sorted(settings.AVATAR_SIZES)
    return next((size for size in sizes if size >= shown), sizes[-1])


def initials(name: str) -> str:
    """One or two letters (or digits) from a name: "Ana Silva" → "AS", "kit" → "K"."""
    words = [w for w in (re.sub(r"[^\w]", "", word) for word in name.split()) if w]
    words = [w.replace("_", "") for w in words]
    words = [w for w in words if w]
    if not words:
        return ""
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()[:2]


def colour_index(user_id: int) -> int:
    """A colour for a member, stable and spread out (neighbouring ids differ)."""
    digest = hashlib.blake2b(str(user_id).encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") % len(PALETTE)


@lru_cache(maxsize=2048)
def initials_svg(colour: int, letters: str) -> str:
    """The generated picture: `letters` in white on the palette's `colour` (no scripts,
    no external references; the text is escaped)."""
    fill = PALETTE[colour]
    size = 14 if len(letters) > 1 else 17
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40" '
        'role="img">'
        f'<rect width="40" height="40" rx="6" fill="{fill}"/>'
        '<text x="20" y="20" dy="0.35em" text-anchor="middle" fill="#ffffff" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="{size}" '
        f'font-weight="600">{escape(letters)}</text></svg>'
    )


def valid_initials(letters: str) -> bool:
    short = 0 < len(letters) <= 2
    return short and all(c.isalnum() for c in letters) and letters == letters.upper()


def picture(user: Any, shown: int) -> Picture:
    """The picture of a member (None: the neutral one) at `shown` CSS pixels. No query:
    everything comes from the user row already loaded with the post."""
    if user is None:
        url = static(NEUTRAL)
        return Picture(url, url, generated=True)
    if user.avatar:
        return Picture(
            default_storage.url(file_name(user.avatar, _stored_size(shown))),
            default_storage.url(file_name(user.avatar, _stored_size(shown * 2))),
            generated=False,
        )
    letters = initials(user.public_name) or initials(user.username)
    if not letters:
        url = static(NEUTRAL)
        return Picture(url, url, generated=True)
    url = reverse_fast("accounts:generated_avatar", colour=colour_index(user.pk), letters=letters)
    return Picture(url, url, generated=True)
