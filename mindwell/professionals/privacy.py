"""A professional's application, profile and recusals (accounts/signals.py)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from mindwell.accounts.models import User
from mindwell.accounts.privacy import NEVER_EXPORTED_FIELDS, Erasure, plain
from mindwell.accounts.signals import member_erase, member_export

PROFESSIONALS_APP = "mindwell.professionals"
OWNER_FIELDS = ("user", "applicant", "member", "professional")
HANDLES = {"professionals.ProfessionalProfile", "professionals.Recusal"}


def connect() -> None:
    member_export.connect(export, sender=User, dispatch_uid="professionals.privacy.export")
    member_erase.connect(erase, sender=User, dispatch_uid="professionals.privacy.erase")


def export(sender: Any, *, user: User, **kwargs: Any) -> dict[str, Any]:
    return {"professional": _professional(user)}


def erase(sender: Any, *, erasure: Erasure, phase: str, **kwargs: Any) -> None:
    if phase == "rows":
        for _, rows in _professional_rows(erasure.user):
            rows.delete()


def _professional_rows(user: User) -> list[tuple[type[models.Model], models.QuerySet[Any]]]:
    """Rows of the professionals app (when installed) that belong to this member: those
    whose link to a user is named user, applicant, member or professional, or whose
    only link to a user is to them."""
    if not apps.is_installed(PROFESSIONALS_APP):
        return []
    config = next(c for c in apps.get_app_configs() if c.name == PROFESSIONALS_APP)
    found = []
    for model in config.get_models():
        links = [
            f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is User
        ]
        owner = next((n for n in OWNER_FIELDS if n in links), None)
        if owner is None and len(links) == 1:
            owner = links[0]
        if owner is not None:
            found.append((model, model._default_manager.filter(**{owner: user})))
    return found


def _professional(user: User) -> list[dict[str, Any]]:
    """What a professional application holds, field by field, minus who reviewed it
    (links to other members are left out; links to posts are given as ids)."""
    result = []
    for model, rows in _professional_rows(user):
        fields = [
            f
            for f in model._meta.concrete_fields
            if f.name not in NEVER_EXPORTED_FIELDS
            and not (f.is_relation and f.related_model is User)
        ]
        for row in rows:
            values = {f.attname: plain(getattr(row, f.attname)) for f in fields}
            result.append({"kind": str(model._meta.verbose_name), **values})
    return result
