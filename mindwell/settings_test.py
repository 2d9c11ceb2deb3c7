"""Test settings: the real settings with a fast hasher and plain static files."""

from mindwell.settings import *  # noqa: F403
from mindwell.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ACCOUNT_RATE_LIMITS = False

# A file (not :memory:) so concurrency tests see real locking between connections;
# one per process, so parallel test runs never share it.
import atexit  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from mindwell.settings import DATABASES  # noqa: E402

if "sqlite" in DATABASES["default"]["ENGINE"]:
    _test_database = os.path.join(tempfile.gettempdir(), f"mindwell-test-{os.getpid()}.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": _test_database}
    # The writers' lock file beside it (mindwell.core.sqlite) goes with it.
    atexit.register(lambda: Path(f"{_test_database}.writers").unlink(missing_ok=True))

# Uploaded pictures go to a folder of this test process, never into var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix=f"mindwell-media-{os.getpid()}-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, True)
