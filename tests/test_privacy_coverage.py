"""Every model that points at a member is looked after by its app's privacy.py."""

from importlib import import_module

from django.apps import apps

from mindwell.accounts.models import User
from mindwell.accounts.signals import member_erase, member_export


def _handled() -> set[str]:
    found: set[str] = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("mindwell."):
            continue
        try:
            module = import_module(f"{config.name}.privacy")
        except ModuleNotFoundError:
            continue
        found |= set(getattr(module, "HANDLES", ()))
    return found


def test_every_model_linked_to_a_member_has_a_privacy_receiver():
    handled = _handled()
    linked = {
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("mindwell.")
        and any(
            field.is_relation and field.related_model is User
            for field in model._meta.get_fields()
            if field.concrete or field.many_to_many
        )
    }
    missing = sorted(linked - handled - {"accounts.User"})
    assert not missing, f"No privacy.py receiver handles {missing}: add it to that app's HANDLES"


def test_each_app_with_personal_data_is_connected():
    exporters = {r[1]().__module__ for r in member_export.receivers if r[1]() is not None}
    erasers = {r[1]().__module__ for r in member_erase.receivers if r[1]() is not None}
    expected = {
        f"mindwell.{app}.privacy"
        for app in (
            "posting",
            "notifications",
            "moderation",
            "reputation",
            "safety",
            "professionals",
        )
    }
    assert expected <= exporters and expected <= erasers
