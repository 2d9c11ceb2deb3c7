"""Until `mindwell.professionals` is in INSTALLED_APPS, the project's test run skips
this app's tests (its models cannot load). Run them with
`--ds=mindwell.professionals.tests.settings_for_tests` meanwhile."""

import pytest
from django.conf import settings

if "mindwell.professionals" not in settings.INSTALLED_APPS:
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture
def pro(counselor):
    """A verified professional (the counselor with a current badge)."""
    from mindwell.professionals.tests.factories import verified

    verified(counselor)
    return counselor
