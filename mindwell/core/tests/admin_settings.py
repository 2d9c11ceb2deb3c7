"""Changing run-time settings the way an owner does: through the admin page."""

import pytest

from mindwell.accounts.tests.factories import UserFactory
from mindwell.core import runtime
from mindwell.core.admin import field_name
from mindwell.core.models import SiteConfiguration

URL = "/admin/core/siteconfiguration/1/change/"


@pytest.fixture
def owner(db):
    return UserFactory(username="owner", is_staff=True, is_superuser=True, level="admin")


@pytest.fixture
def admin_client(client_for, owner):
    return client_for(owner)


def form_data(**changes):
    """What the admin page posts: every current value, with `changes` (by key) applied."""
    config = SiteConfiguration.load()
    data = {
        "maintenance_message": config.maintenance_message,
        "_save": "Save",
    }
    for name in ("maintenance", "allow_anonymous_posts", "noindex_anonymous_questions"):
        if getattr(config, name):
            data[name] = "on"
    values = {**runtime.current(), **changes}
    for declared in runtime.registered():
        value = values[declared.key]
        if declared.kind is bool:
            if value:
                data[field_name(declared.key)] = "on"
        else:
            data[field_name(declared.key)] = "" if value is None else str(value)
    return data


def change(admin_client, **changes):
    return admin_client.post(URL, form_data(**changes))


def set_in_admin(admin_client, **changes):
    """Change settings in the admin and check the page accepted them."""
    response = change(admin_client, **changes)
    assert response.status_code == 302, response.content.decode()[:2000]
    for key, value in changes.items():
        assert runtime.get(key) == value
