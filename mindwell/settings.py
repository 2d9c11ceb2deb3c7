"""Mindwell settings, read from the environment (see README.md, "Configuration")."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    if not value.strip():
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


VAR_DIR = Path(os.environ.get("MINDWELL_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The SECRET_KEY from the environment, or one generated once and kept in var/."""
    if key := os.environ.get("SECRET_KEY", ""):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = os.environ.get("SITE_NAME", "Mindwell")

INSTALLED_APPS = [
    "django.forms",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "mindwell.core",
    "mindwell.accounts",
    "mindwell.audit",
    "mindwell.taxonomy",
    "mindwell.qa",
    "mindwell.reputation",
    "mindwell.search",
    "mindwell.safety",
    "mindwell.notifications",
    "mindwell.moderation",
    "mindwell.posting",
    "mindwell.discovery",
    "mindwell.professionals",
    "mindwell.demo",
    "mindwell.importers",
]

MIDDLEWARE = [
    "mindwell.core.middleware.RequestHygieneMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "mindwell.core.conditional.VisitorConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Old Question2Answer URLs (after an import): only on Mindwell's own 404s.
    "mindwell.importers.middleware.LegacyRedirectMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mindwell.moderation.middleware.SuspensionMiddleware",
    "mindwell.accounts.middleware.MaintenanceMiddleware",
    "mindwell.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "mindwell.urls"
WSGI_APPLICATION = "mindwell.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "mindwell" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # `{% url %}` without arguments reversed once per process (core/templatetags).
            "builtins": ["mindwell.core.templatetags.fast_url"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mindwell.core.context_processors.site",
                "mindwell.notifications.context_processors.inbox",
                "mindwell.core.conditional.csrf_placeholder",
            ],
        },
    },
]

# Database: SQLite in WAL mode by default, PostgreSQL (or anything else) by DATABASE_URL.
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", "") or VAR_DIR / "mindwell.sqlite3")
if database_url := os.environ.get("DATABASE_URL", ""):
    DATABASES = {
        "default": dj_database_url.parse(database_url, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "mindwell.core.sqlite",
            "NAME": str(SQLITE_PATH),
            # Keep each thread's connection between requests: opening one and running the
            # PRAGMAs below cost every request before (measured in `make bench`).
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                    # Deleted posts and accounts are overwritten on disk, not just unlinked
                    # (Debian's build does this by default; others may not).
                    "PRAGMA secure_delete=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES: dict[str, dict[str, Any]]
if redis_url := os.environ.get("REDIS_URL", ""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "mindwell",
        }
    }
elif "pytest" in sys.modules and not os.environ.get("MINDWELL_SHARED_CACHE_IN_TESTS"):
    # Tests run in parallel processes that clear the cache around each test: each keeps
    # its own (tests that need the shared cache start processes with the file cache).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "mindwell-tests",
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }
else:
    # Shared by every process of the machine (web workers and the background worker), so
    # a value one process changes (an unread count, a content version) is seen by all; a
    # per-process memory cache made them stale. Redis (REDIS_URL) is the scale path.
    CACHES = {
        "default": {
            "BACKEND": "mindwell.core.cache_backends.FileCache",
            "LOCATION": os.environ.get("CACHE_DIR", "") or str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    # Passwords imported from Question2Answer; rehashed with Argon2 on the first login.
    "mindwell.importers.hashers.Q2ABcryptPasswordHasher",
    "mindwell.importers.hashers.Q2ALegacySHA1PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: verified email, no account enumeration on sign-up, log-in or reset.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_VALIDATORS = "mindwell.accounts.validators.username_validators"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if envbool("HTTPS", False) else "http"
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = {"login_failed": "10/m/ip,5/5m/key"}


def _email_settings(url: str) -> dict[str, Any]:
    """EMAIL_* settings from EMAIL_URL: smtp://user:pass@host:587?starttls, smtps://…"""
    if not url:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(VAR_DIR / "mail"),
        }
    if url.startswith("console:"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": "starttls" in query or "tls" in query,
        "EMAIL_TIMEOUT": 20,
    }


_email = _email_settings(os.environ.get("EMAIL_URL", ""))
globals().update(_email)
# Every email goes through the durable outbox (mindwell/notifications/outbox.py): pages only
# store it; the worker delivers it with OUTBOX_EMAIL_BACKEND, outside any transaction.
OUTBOX_EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_BACKEND = "mindwell.notifications.outbox.OutboxBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Mindwell <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
# The site is written in English and ships no translations, so Django's translation machinery
# would only look each string up to give it back: "3 hours ago" took 80 µs with it and 15 µs
# without (the same text), and a search page shows twenty. Crisis resources are chosen by
# country and language elsewhere (safety.resources), not through Django's i18n.
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "mindwell" / "static"]
# Uploaded files (members' avatars): under the var directory by default, served by the site
# itself (accounts.views.media_file: whitenoise serves only static files). With
# MEDIA_S3_BUCKET set they go to any S3-compatible store through django-storages instead,
# and pages link to the store (or MEDIA_S3_CUSTOM_DOMAIN) directly.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", "") or VAR_DIR / "media")
MEDIA_URL = "/media/"
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")


def _media_storage() -> dict[str, Any]:
    if not MEDIA_S3_BUCKET:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options: dict[str, Any] = {
        "bucket_name": MEDIA_S3_BUCKET,
        "location": os.environ.get("MEDIA_S3_PREFIX", ""),
        # Avatars are public pictures: plain URLs, no signatures that expire in cached pages.
        "querystring_auth": envbool("MEDIA_S3_SIGNED_URLS", False),
        "default_acl": os.environ.get("MEDIA_S3_ACL", "") or None,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    for option, variable in (
        ("endpoint_url", "MEDIA_S3_ENDPOINT_URL"),
        ("region_name", "MEDIA_S3_REGION"),
        ("access_key", "MEDIA_S3_ACCESS_KEY_ID"),
        ("secret_key", "MEDIA_S3_SECRET_ACCESS_KEY"),
        ("custom_domain", "MEDIA_S3_CUSTOM_DOMAIN"),
    ):
        if value := os.environ.get(variable, ""):
            options[option] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def _media_origin() -> list[str]:
    """Where the pages' <img> tags may load uploaded pictures from (the CSP's img-src)."""
    if not MEDIA_S3_BUCKET:
        return []
    if domain := os.environ.get("MEDIA_S3_CUSTOM_DOMAIN", ""):
        return [f"https://{domain}"]
    if endpoint := os.environ.get("MEDIA_S3_ENDPOINT_URL", ""):
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://*.{parts.netloc}"]
    return ["https://*.amazonaws.com"]


STORAGES = {
    "default": _media_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Avatars: the largest upload accepted, in bytes and in pixels (width × height, checked
# before the picture is decoded), and the square sizes kept (in pixels, re-encoded as WebP).
AVATAR_MAX_BYTES = envint("AVATAR_MAX_BYTES", 5 * 1024 * 1024)
AVATAR_MAX_PIXELS = envint("AVATAR_MAX_PIXELS", 40_000_000)
AVATAR_SIZES = (64, 128, 256)
# No uploaded file is kept past this size (the rest of the request is read and dropped).
FILE_UPLOAD_MAX_BYTES = AVATAR_MAX_BYTES
FILE_UPLOAD_HANDLERS = [
    "mindwell.core.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Security. HTTPS=true turns on what a deployment behind TLS needs.
HTTPS = envbool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe /healthz over plain HTTP on the backend: never redirect it.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Sessions are read from the shared cache (one file or Redis read instead of a query on every
# member request) and kept in the database, where they outlive a cleared cache.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# Under HTTPS the cookies carry the __Host- prefix: browsers then accept them only when set by
# this host over HTTPS with Path=/ and no Domain, so no subdomain or plain-HTTP page can plant
# a session or CSRF cookie.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", False) else None
)
# Behind BEHIND_PROXY, the client's address is the one the outermost of PROXY_HOPS trusted
# proxies appended to X-Forwarded-For (counting from the right); anything to its left was
# written by the client and is never trusted (mindwell/core/privacy.py, and allauth's limits).
PROXY_HOPS = envint("PROXY_HOPS", 1) if envbool("BEHIND_PROXY", False) else 0
ALLAUTH_TRUSTED_PROXY_COUNT = PROXY_HOPS
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_media_origin()],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Points, as Question2Answer's defaults. The total is BASE + MULTIPLE * (sum of parts).
POINTS = {
    "BASE": 100,
    "MULTIPLE": 10,
    "QUESTION_POSTED": 2,
    "ANSWER_POSTED": 4,
    "BEST_ANSWER_SELECTED": 3,
    "ANSWER_SELECTED": 30,
    "PER_QUESTION_UPVOTE": 1,
    "PER_QUESTION_DOWNVOTE": 1,
    "QUESTION_VOTES_MAX_GAIN": 10,
    "QUESTION_VOTES_MAX_LOSS": 3,
    "PER_ANSWER_UPVOTE": 2,
    "PER_ANSWER_DOWNVOTE": 2,
    "ANSWER_VOTES_MAX_GAIN": 20,
    "ANSWER_VOTES_MAX_LOSS": 5,
    "VOTE_CAST": 1,
}

# How long one visitor's views of one question count once.
VIEW_COUNT_WINDOW_SECONDS = envint("VIEW_COUNT_WINDOW_SECONDS", 3600)
PAGE_SIZE = 20

FORM_RENDERER = "mindwell.core.forms.FormRenderer"

# PostgreSQL text-search configuration for the site's language (used by migration
# search 0002 and every query; changing it needs that migration re-run).
SEARCH_CONFIG = os.environ.get("SEARCH_CONFIG", "english")

# Absolute links in emails and feeds are built from this.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Failed emails are retried with backoff for this long, then marked failed in the admin.
EMAIL_RETRY_FOR_SECONDS = envint("EMAIL_RETRY_FOR_SECONDS", 2 * 24 * 3600)
EMAIL_RETRY_FIRST_DELAY_SECONDS = envint("EMAIL_RETRY_FIRST_DELAY_SECONDS", 30)
# A worker sending an email owns it this long (longer than the SMTP timeout); after that, or
# when a pending email's time passed this long ago, the outbox sweep queues it again.
EMAIL_LEASE_SECONDS = envint("EMAIL_LEASE_SECONDS", 120)
EMAIL_SWEEP_AFTER_SECONDS = envint("EMAIL_SWEEP_AFTER_SECONDS", 300)
# Background tasks still marked running this long after they started belong to a dead worker:
# the sweep runs them again (every task is safe to run twice).
TASK_STALE_AFTER_SECONDS = envint("TASK_STALE_AFTER_SECONDS", 900)
SWEEP_EVERY_SECONDS = envint("SWEEP_EVERY_SECONDS", 60)
# /healthz answers 503 when no worker has written a heartbeat (every 15 s) for this long.
WORKER_SILENT_AFTER_SECONDS = envint("WORKER_SILENT_AFTER_SECONDS", 120)
# Daily digests go out at this hour (UTC).
DIGEST_HOUR_UTC = envint("DIGEST_HOUR_UTC", 7)

# Hourly limits as Question2Answer's defaults: (per member, per IP address digest).
# None means no limit of that kind. See mindwell/core/ratelimit.py.
RATE_LIMITS: dict[str, tuple[int | None, int | None]] = {
    "question": (10, 20),
    "answer": (25, 50),
    "comment": (20, 40),
    "vote": (300, 600),
    "flag": (5, 10),
    "visitor_report": (None, 5),
    # Password reset emails, per address (its keyed digest) and per network; over the limit
    # the page looks the same and nothing is sent.
    "password_reset": (None, 3),
    # Live Markdown previews while typing (htmx, debounced) and the preview button.
    "preview": (600, 1200),
    "signup": (None, 5),
    "login": (None, 20),
    "avatar": (10, 30),
    # Every JSON API read (GET), by token, session or visitor: about one a second for an
    # hour; a page's reads are cached for visitors, a script's are not.
    "api_read": (3600, 7200),
}
# Titles by points, as Question2Answer's user titles: (at least these points, title), the
# highest reached applies. accounts.titles.title_for reads it (the one place to change).
MEMBER_TITLES: list[tuple[int, str]] = [
    (0, "Newcomer"),
    (200, "Listener"),
    (500, "Supporter"),
    (1_500, "Trusted voice"),
    (5_000, "Pillar of the community"),
]
# Keyed digests of IP addresses are kept this long, then purged.
IP_DIGEST_RETENTION_DAYS = envint("IP_DIGEST_RETENTION_DAYS", 30)
ACCOUNT_ADAPTER = "mindwell.accounts.adapter.AccountAdapter"
# Checks on profile text (display name, about), run by accounts.services.update_profile:
# credential claims need verification; professionals' profiles follow their post rules.
PROFILE_CHECKS = ["mindwell.professionals.profile_checks.check_profile"]
ACCOUNT_FORMS = {
    "login": "mindwell.accounts.signup.LoginForm",
    "signup": "mindwell.accounts.signup.SignupForm",
    "reset_password": "mindwell.accounts.signup.ResetPasswordForm",
}
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Sign-up asks for an age (never stored); under 13 is always refused.
MINIMUM_AGE = envint("MINIMUM_AGE", 16)

# Crisis support: an urgent post alerts on-duty moderators at once; if nobody acts
# within this many minutes, every moderator and admin is alerted.
CRISIS_ESCALATE_AFTER_MINUTES = envint("CRISIS_ESCALATE_AFTER_MINUTES", 30)
# Screening results on a post's moderation record expire after this many days.
RISK_RECORD_DAYS = envint("RISK_RECORD_DAYS", 30)
# Review-tier detections alert the moderators in-app, batched at most this often, and
# escalate to every moderator and admin when nobody has acted after this long.
CRISIS_REVIEW_BATCH_MINUTES = envint("CRISIS_REVIEW_BATCH_MINUTES", 15)
CRISIS_REVIEW_ESCALATE_AFTER_MINUTES = envint("CRISIS_REVIEW_ESCALATE_AFTER_MINUTES", 120)
# Going on duty lasts one shift; then the moderator is off duty and told so.
DUTY_SHIFT_HOURS = envint("DUTY_SHIFT_HOURS", 8)
# Outgoing crisis webhooks: attempts before giving up (backoff doubles from 30 s).
CRISIS_WEBHOOK_ATTEMPTS = envint("CRISIS_WEBHOOK_ATTEMPTS", 6)
CRISIS_WEBHOOK_TIMEOUT_SECONDS = envint("CRISIS_WEBHOOK_TIMEOUT_SECONDS", 5)
# Outgoing community-event webhooks (admin): the same retry rule.
EVENT_WEBHOOK_ATTEMPTS = envint("EVENT_WEBHOOK_ATTEMPTS", 6)
EVENT_WEBHOOK_TIMEOUT_SECONDS = envint("EVENT_WEBHOOK_TIMEOUT_SECONDS", 5)
