#!/usr/bin/env python3
"""Does the time of a sign-up or a log-in tell whether an email address has an account?

Runs the real views (Django's test client, the production settings: Argon2, the outbox email
backend) on a throw-away SQLite database, interleaving requests for a registered and an
unregistered address, and prints medians and quartiles. Enumeration-safe means: median
difference under 10 % and overlapping interquartile ranges. `make bench-enumeration`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROUNDS = int(os.environ.get("ROUNDS", "25"))


def main() -> int:
    tmp = tempfile.mkdtemp(prefix="mindwell-enum-")
    os.environ["MINDWELL_VAR_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("SQLITE_PATH", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mindwell.settings")
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.core.management import call_command
    from django.test import Client, override_settings

    from mindwell.accounts.models import User

    call_command("migrate", verbosity=0)
    user = User.objects.create_user("alice", "alice@example.org", "the right password 42")
    EmailAddress.objects.create(user=user, email="alice@example.org", verified=True, primary=True)
    times: dict[str, list[float]] = {k: [] for k in ("signup", "login")}
    results: dict[tuple[str, bool], list[float]] = {}
    from django.conf import settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(ACCOUNT_RATE_LIMITS=False, RATE_LIMITS={}, STORAGES=storages):
        for i in range(ROUNDS):
            for known in (True, False) if i % 2 else (False, True):
                client = Client(REMOTE_ADDR=f"198.51.100.{i % 250 + 1}", HTTP_HOST="127.0.0.1")
                email = "alice@example.org" if known else f"nobody{i}@example.org"
                started = time.perf_counter()
                client.post(
                    "/accounts/signup/",
                    {
                        "email": email,
                        "username": f"newcomer{i}{int(known)}",
                        "password1": "a quiet harbour 42",
                        "password2": "a quiet harbour 42",
                        "age": "30",
                    },
                )
                results.setdefault(("signup", known), []).append(time.perf_counter() - started)
                started = time.perf_counter()
                client.post("/accounts/login/", {"login": email, "password": "a wrong guess 42"})
                results.setdefault(("login", known), []).append(time.perf_counter() - started)
    print(f"Enumeration by timing: {ROUNDS} requests per path, interleaved\n")
    print("| action | address | median ms | q1 ms | q3 ms |")
    print("|---|---|---|---|---|")
    verdicts = []
    for action in times:
        quartiles = {}
        for known in (True, False):
            q1, median, q3 = statistics.quantiles(results[action, known], n=4)
            quartiles[known] = (q1, median, q3)
            label = "registered" if known else "unknown"
            print(
                f"| {action} | {label} | {median * 1000:.1f} | {q1 * 1000:.1f} | {q3 * 1000:.1f} |"
            )
        (a1, am, a3), (b1, bm, b3) = quartiles[True], quartiles[False]
        difference = abs(am - bm) / min(am, bm)
        overlap = a1 <= b3 and b1 <= a3
        verdicts.append(difference < 0.10 and overlap)
        print(f"|   | difference | {difference:.1%} | quartiles overlap: {overlap} | |")
    print("\nVerdict:", "no timing difference" if all(verdicts) else "TIMING TELLS")
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
