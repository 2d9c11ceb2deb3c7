"""The test settings with this app installed, until the lead adds it to settings.py
(and to mindwell/urls.py); harmless once they have."""

from mindwell.settings_test import *  # noqa: F403
from mindwell.settings_test import INSTALLED_APPS

if "mindwell.professionals" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "mindwell.professionals"]
ROOT_URLCONF = "mindwell.professionals.tests.urls_for_tests"
