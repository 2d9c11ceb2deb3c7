"""A member's reading settings, and what the crisis flow kept about their posts: risk
records (with the moderators' assessments) and the private outreach threads. All are part
of the member's download, with a short explanation; deleting the account deletes them
(accounts/signals.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from mindwell.accounts.models import User
from mindwell.accounts.privacy import Erasure
from mindwell.accounts.signals import member_erase, member_export
from mindwell.safety.models import OutreachMessage, ReaderPreference, RiskRecord

HANDLES = {
    "safety.ReaderPreference",
    # Records about the member's posts are exported and deleted with the account;
    # handled_by / assessed_by are moderators: SET_NULL when a moderator goes.
    "safety.RiskRecord",
    # poster: exported and deleted; moderator: SET_NULL when a moderator goes.
    "safety.OutreachMessage",
}

RISK_EXPLANATION = (
    "When a post of yours looked like you might be going through a very hard time (found "
    "by our screening or reported by someone who cared), we kept a short record so that "
    "a moderator could check in. It holds when, how it was found, what the moderator "
    "noted, and when it is deleted automatically."
)
OUTREACH_EXPLANATION = "Private messages between you and the moderators about your posts."


def connect() -> None:
    member_export.connect(export, sender=User, dispatch_uid="safety.privacy.export")
    member_erase.connect(erase, sender=User, dispatch_uid="safety.privacy.erase")


def export(sender: Any, *, user: User, **kwargs: Any) -> dict[str, Any]:
    return {
        "reader_preferences": _reader_preferences(user),
        "crisis_support_records": {
            "about": RISK_EXPLANATION,
            "records": [_risk(r) for r in _records_about(user)],
        },
        "private_messages_with_moderators": {
            "about": OUTREACH_EXPLANATION,
            "messages": [
                {
                    "about_post": f"{m.post.post_kind} {m.post.pk}",
                    "from": "you" if m.from_poster else "a moderator",
                    "text": m.body,
                    "sent_at": m.created_at.isoformat(),
                }
                for m in OutreachMessage.objects.filter(poster=user).select_related(
                    "question", "answer", "comment"
                )
            ],
        },
    }


def erase(sender: Any, *, erasure: Erasure, phase: str, **kwargs: Any) -> None:
    if phase == "collect":
        # Before the posts are anonymised or deleted, while they still name the member.
        _records_about(erasure.user).delete()
        OutreachMessage.objects.filter(poster=erasure.user).delete()
    if phase == "rows":
        ReaderPreference.objects.filter(user=erasure.user).delete()


def _records_about(user: User) -> Any:
    return RiskRecord.objects.filter(
        Q(question__author=user) | Q(answer__author=user) | Q(comment__author=user)
    )


def _risk(record: RiskRecord) -> dict[str, Any]:
    post: Any = record.post
    return {
        "about_post": f"{post.post_kind} {post.pk}",
        "how_found": record.get_source_display(),
        "level": record.get_tier_display(),
        "created_at": record.created_at.isoformat(),
        "outcome": record.get_outcome_display(),
        "assessment": {name: getattr(record, name) for name in RiskRecord.ASSESSMENT_FIELDS},
        "moderator_note": record.assessment_note,
        "deleted_automatically_at": record.expires_at.isoformat(),
    }


def _reader_preferences(user: User) -> dict[str, Any] | None:
    prefs = ReaderPreference.objects.filter(user=user).first()
    if prefs is None:
        return None
    return {
        "country": prefs.country,
        "muted_words": prefs.muted_word_list(),
        "muted_topics": list(prefs.muted_topics),
    }
