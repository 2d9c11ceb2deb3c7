"""Where pictures are kept: local files by default; any S3-compatible store through
django-storages when MEDIA_S3_BUCKET is set (checked in a fresh process with those
variables: the storage chosen, the URLs pages link to, and the CSP's img-src)."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
from mindwell.accounts import avatars
class Member:
    pk, avatar, public_name, username = 7, "avatars/" + "k" * 24, "Ana", "ana"
picture = avatars.picture(Member(), 32)
print(json.dumps({
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "src": picture.src, "src_2x": picture.src_2x,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "bucket": getattr(default_storage, "bucket_name", None),
    "endpoint": getattr(default_storage, "endpoint_url", None),
}))
"""


def probe(**variables):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIA_S3_")}
    env.update(variables, DJANGO_SETTINGS_MODULE="mindwell.settings")
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True,
        cwd=settings.BASE_DIR, timeout=120,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_pictures_are_local_files_served_by_the_site_by_default():
    found = probe()
    assert found["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["src"] == f"/media/avatars/{'k' * 24}-64.webp"
    assert found["src_2x"] == f"/media/avatars/{'k' * 24}-64.webp"
    assert found["img_src"] == ["'self'", "data:"]


def test_an_s3_compatible_store_is_used_when_a_bucket_is_set():
    found = probe(
        MEDIA_S3_BUCKET="community-media",
        MEDIA_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        MEDIA_S3_ACCESS_KEY_ID="local",
        MEDIA_S3_SECRET_ACCESS_KEY="local-secret",
        MEDIA_S3_CUSTOM_DOMAIN="media.example.org",
    )
    assert found["storage"] == "storages.backends.s3.S3Storage"
    assert found["bucket"] == "community-media"
    assert found["endpoint"] == "http://127.0.0.1:9000"
    assert found["src"] == f"https://media.example.org/avatars/{'k' * 24}-64.webp"
    assert "https://media.example.org" in found["img_src"]


def test_without_a_custom_domain_the_endpoint_is_allowed_for_images():
    found = probe(MEDIA_S3_BUCKET="b", MEDIA_S3_ENDPOINT_URL="https://s3.store.example")
    assert "https://s3.store.example" in found["img_src"]
