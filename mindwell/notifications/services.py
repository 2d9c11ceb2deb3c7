"""Follows, the inbox and emails that never get lost: the notifications app's public face.

By topic: `follows.py`, `inbox.py` (unread counts, preferences, unsubscribing), `delivery.py`
(who hears about what, run by the worker; crisis alerts; digests), `sending.py` (the durable
outbox: storing, claiming, sending, sweeping) and `outbox.py` (the email backend that stores).
"""

from mindwell.notifications.delivery import (
    MENTION,
    answer_posted,
    answer_selected,
    comment_posted,
    deliver,
    email_anonymous,
    email_member,
    moderation_action,
    next_digest_time,
    notify_member,
    question_posted,
    send_digest,
)
from mindwell.notifications.follows import follow, is_following, unfollow
from mindwell.notifications.inbox import (
    UNSUBSCRIBE_SALT,
    describe_unsubscribe,
    email_mode,
    mark_all_read,
    mark_read,
    set_email_preference,
    unread_count,
    unsubscribe,
    unsubscribe_token,
)
from mindwell.notifications.sending import send_outbound_email, sweep_outbox

__all__ = [
    "MENTION",
    "UNSUBSCRIBE_SALT",
    "answer_posted",
    "answer_selected",
    "comment_posted",
    "deliver",
    "describe_unsubscribe",
    "email_anonymous",
    "email_member",
    "email_mode",
    "follow",
    "is_following",
    "mark_all_read",
    "mark_read",
    "moderation_action",
    "next_digest_time",
    "notify_member",
    "question_posted",
    "send_digest",
    "send_outbound_email",
    "set_email_preference",
    "sweep_outbox",
    "unfollow",
    "unread_count",
    "unsubscribe",
    "unsubscribe_token",
]
