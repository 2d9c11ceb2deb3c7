"""Privileges earned by points (thresholds in PrivilegeTable, editable by admins)."""

from typing import Any

from mindwell.accounts.roles import is_editor
from mindwell.reputation.models import Privilege, PrivilegeTable


def has_privilege(user: Any, privilege: str) -> bool:
    if not user.is_authenticated:
        return False
    if is_editor(user):  # staff have every privilege
        return True
    return bool(user.points >= PrivilegeTable.thresholds()[privilege])


def privilege_refusal(user: Any, privilege: str) -> str:
    """Why a member lacks a privilege, in words ("" when they have it)."""
    if has_privilege(user, privilege):
        return ""
    if not user.is_authenticated:
        return "Log in first."
    needed = PrivilegeTable.thresholds()[privilege]
    label = Privilege(privilege).label.lower()
    # Not "(you have N)": the same words for everyone below the line, so a page of controls
    # can be drawn once for them all (the header shows the member's own points).
    return f"You need {needed} points to {label}."
