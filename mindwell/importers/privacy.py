"""What an import keeps about a member (accounts/signals.py): the mapping rows that name
their account on the old site (LegacyLink, which points at members by id, not by a key).

A member's download lists their old site's user id and handle. When the account is
deleted, the rows holding their old handle go (the handle is their name), and the rows
from their old user id and picture say the account was deleted instead of pointing at it,
so a later run of the import skips them and does not bring the account back. Their old
profile address then answers 404, as the profile of a deleted member does on this site.
"""

from __future__ import annotations

from typing import Any

from mindwell.accounts.models import User
from mindwell.accounts.privacy import Erasure
from mindwell.accounts.signals import member_erase, member_export
from mindwell.importers.models import LegacyLink

HANDLES: set[str] = set()  # LegacyLink has no foreign key; erase() looks after its rows
Kind = LegacyLink.Kind
NAMED = (Kind.HANDLE,)  # the old key is the member's name on the old site
BY_ID = (Kind.USER, Kind.AVATAR)  # the old key is the old site's user id


def connect() -> None:
    member_export.connect(export, sender=User, dispatch_uid="importers.privacy.export")
    member_erase.connect(erase, sender=User, dispatch_uid="importers.privacy.erase")


def export(sender: Any, *, user: User, **kwargs: Any) -> dict[str, Any]:
    rows = LegacyLink.objects.filter(kind__in=(Kind.USER, Kind.HANDLE), new_id=user.pk)
    return {
        "imported_from": [
            {"source": source, "kind": kind, "old_key": old}
            for source, kind, old in rows.order_by("source", "kind", "pk").values_list(
                "source", "kind", "old_key"
            )
        ]
    }


def erase(sender: Any, *, erasure: Erasure, phase: str, **kwargs: Any) -> None:
    if phase == "rows":
        pk = erasure.user.pk
        LegacyLink.objects.filter(kind__in=NAMED, new_id=pk).delete()
        LegacyLink.objects.filter(kind__in=BY_ID, new_id=pk).update(
            new_id=None, note="the member deleted their account"
        )
