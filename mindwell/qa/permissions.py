"""Who may do what to questions, answers and comments: the one place that decides.

Each `why_not_*` returns "" when the action is allowed, else the reason a page shows
beside a disabled control (and a service raises). `can_*` are the booleans. No
queries beyond cached settings and what is already loaded.
"""

from django.contrib.auth.models import AnonymousUser

from mindwell.accounts import roles
from mindwell.accounts.models import User
from mindwell.core import runtime
from mindwell.core.models import SiteConfiguration
from mindwell.qa.models import Answer, Post, Question, Status
from mindwell.reputation.privileges import has_privilege, privilege_refusal

# A member, or a visitor (AnonymousUser): every rule here answers for both.
Actor = User | AnonymousUser


def anonymous_posting_allowed() -> bool:
    return SiteConfiguration.load().allow_anonymous_posts


is_editor = roles.is_editor
is_moderator = roles.is_moderator


def restriction_refusal(user: Actor) -> str:
    if not user.is_authenticated:
        return ""
    kind = user.active_restriction()
    if not kind:
        return ""
    until = f" until {user.restricted_until:%d %B %Y, %H:%M} UTC" if user.restricted_until else ""
    verb = "suspended" if kind == "suspend" else "in read-only mode"
    reason = f" Reason: {user.restriction_reason}" if user.restriction_reason else ""
    return f"Your account is {verb}{until}.{reason}"


def why_not_post(user: Actor) -> str:
    if user.is_authenticated:
        if not user.is_active:
            return "Your account is not active."
        return restriction_refusal(user)
    if not anonymous_posting_allowed():
        return "Please log in to post."
    return ""


def can_post(user: Actor) -> bool:
    """Members can post unless restricted; visitors when anonymous posting is on."""
    return not why_not_post(user)


def answer_refusal(user: Actor, question: Question) -> str:
    """What the question page says in place of the answer form: why the thread takes no
    answers (closed or locked), else "" (who may not post is asked to log in instead)."""
    return why_not_answer(user, question) if question.closed_at or question.locked else ""


def why_not_answer(user: Actor, question: Question) -> str:
    if question.locked:
        return "This thread is locked."
    if question.closed_at:
        return "This question is closed to new answers."
    return why_not_post(user)


def why_not_comment(user: Actor, question: Question, parent: Post) -> str:
    if question.locked:
        return "This thread is locked."
    if reason := why_not_post(user):
        return reason
    if not user.is_authenticated:
        return ""  # a visitor's anonymous comment: allowed by the site setting
    own = parent.is_by(user) or question.is_by(user)
    if own:
        return ""
    return privilege_refusal(user, "comment_everywhere")


def why_not_vote(user: Actor, post: Question | Answer, value: int = 1) -> str:
    if not user.is_authenticated:
        return "Log in to vote."
    if post.author_id == user.pk:
        return "You cannot vote on your own post."
    if post.status != Status.PUBLISHED:
        return "Voting is not possible on this post."
    question = post.thread
    if question.locked:
        return "This thread is locked."
    if reason := restriction_refusal(user):
        return reason
    allowed = runtime.get_many(
        ["permissions.vote_questions", "permissions.vote_answers", "permissions.vote_down"]
    )
    if isinstance(post, Question) and not allowed["permissions.vote_questions"]:
        return "Voting on questions is turned off on this site."
    if isinstance(post, Answer) and not allowed["permissions.vote_answers"]:
        return "Voting on answers is turned off on this site."
    if value < 0:
        if not allowed["permissions.vote_down"]:
            return "Voting down is turned off on this site."
        return privilege_refusal(user, "vote_down")
    return ""


def can_vote(user: Actor, post: Question | Answer) -> bool:
    return not why_not_vote(user, post)


def vote_refusal(user: Actor, post: Question | Answer) -> str:
    return why_not_vote(user, post)


def why_not_edit(user: Actor, post: Post) -> str:
    if not user.is_authenticated:
        return "Log in to edit."
    if reason := restriction_refusal(user):
        return reason
    if post.is_by(user) or is_editor(user):
        return ""
    if post.thread.locked:
        return "This thread is locked."
    return privilege_refusal(user, "edit_others")


def can_edit(user: Actor, post: Post) -> bool:
    return bool(user.is_authenticated and user.is_active and not why_not_edit(user, post))


def why_not_retag(user: Actor, question: Question) -> str:
    if question.is_by(user) or is_editor(user):
        return restriction_refusal(user)
    return privilege_refusal(user, "retag") or restriction_refusal(user)


def can_retag(user: Actor, question: Question) -> bool:
    """The retag form: for members who may retag but not edit the question (an editor
    changes the tags in the edit form)."""
    return bool(
        user.is_authenticated and not can_edit(user, question) and not why_not_retag(user, question)
    )


def can_select_answer(user: Actor, question: Question) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and question.is_by(user)
        and not question.locked
        and not restriction_refusal(user)
    )


def can_set_noindex(user: Actor, question: Question) -> bool:
    """The asker and moderators decide whether search engines may index a question."""
    return bool(
        user.is_authenticated and user.is_active and (question.is_by(user) or is_moderator(user))
    )


def why_not_flag(user: Actor, post: Post) -> str:
    if not user.is_authenticated:
        return "Log in to flag."
    if post.is_by(user):
        return "You cannot flag your own post."
    if reason := restriction_refusal(user):
        return reason
    return privilege_refusal(user, "flag")


def why_not_close_vote(user: Actor, question: Question) -> str:
    if question.closed_at:
        return "This question is already closed."
    if reason := restriction_refusal(user):
        return reason
    return privilege_refusal(user, "close_votes")


def can_close_vote(user: Actor, question: Question) -> bool:
    return bool(user.is_authenticated and not why_not_close_vote(user, question))


def has_own_controls(user: Actor) -> bool:
    """Whether a member's controls on any thread differ from a plain member's with the same
    privileges: editors and moderators (their tools), restricted or inactive members (their
    refusals). Their question pages are drawn for them alone."""
    return bool(
        not user.is_active or is_editor(user) or is_moderator(user) or restriction_refusal(user)
    )


def can_review(user: Actor) -> bool:
    return is_moderator(user) or (
        has_privilege(user, "review_queue") and not restriction_refusal(user)
    )


def can_see(user: Actor, post: Post) -> bool:
    """Published posts for everyone; the author still sees a held or hidden post
    (to edit it); moderators see everything."""
    if post.status == Status.PUBLISHED:
        return True
    if is_moderator(user):
        return True
    return post.status in (Status.QUEUED, Status.HIDDEN) and post.is_by(user)


def why_not_convert(user: Actor, post: Post) -> str:
    """Turning an answer into a comment or back is an editor's or a moderator's tool (as in
    Question2Answer); only published posts of a published thread are converted."""
    if not is_editor(user):
        return "Only editors and moderators can turn answers into comments and back."
    if post.status != Status.PUBLISHED or post.thread.status != Status.PUBLISHED:
        return "Only a published post of a published question can be converted."
    return restriction_refusal(user)


def can_convert(user: Actor) -> bool:
    """Whether the viewer sees the convert buttons (editors and moderators)."""
    return is_editor(user) and not restriction_refusal(user)
