"""Every write to questions, answers, comments, votes and revisions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.validators import validate_email
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import F, QuerySet
from django.db.models.sql import DeleteQuery, UpdateQuery
from django.utils import timezone

from mindwell.accounts.models import User
from mindwell.audit.services import audit
from mindwell.core import markdown, prepared
from mindwell.core.cache import bump_version
from mindwell.core.errors import DomainError, NotAllowed, NotFound
from mindwell.core.models import SiteConfiguration
from mindwell.moderation import review
from mindwell.notifications import services as notifications
from mindwell.posting import lifecycle
from mindwell.posting.lifecycle import set_status
from mindwell.posting.screening import Decision, reuse_or_decide
from mindwell.professionals.selectors import has_recused
from mindwell.qa import permissions, selectors
from mindwell.qa.content import (
    clean_anon_name,
    clean_answer_body,
    clean_comment_body,
    clean_question_body,
    clean_title,
    hotness,
    record_view,
    recount_question_counters,
    refresh_hotness,
)
from mindwell.qa.models import (
    CONTENT_WARNINGS,
    Answer,
    Comment,
    Post,
    Question,
    Revision,
    Status,
    Vote,
)
from mindwell.reputation import services as reputation
from mindwell.reputation.models import PointEvent
from mindwell.safety import services as safety
from mindwell.search import services as search
from mindwell.taxonomy import services as taxonomy
from mindwell.taxonomy.models import Category, Tag

Kind = PointEvent.Kind
Actor = User | None


def _authorship(
    *, author: Actor, anonymous: bool, anon_name: str, notify_email: str
) -> dict[str, Any]:
    """The author fields of a new post; raises NotAllowed when anonymity is off."""
    if author is not None and not author.is_authenticated:
        author = None
    if author is None or anonymous:
        if not permissions.anonymous_posting_allowed():
            if author is None:
                raise NotAllowed("Please log in to post.", code="login_required")
            raise NotAllowed("Anonymous posting is turned off on this site.")
        if notify_email:
            validate_email(notify_email)
        return {
            "author": author,
            "is_anonymous": True,
            "author_name": clean_anon_name(anon_name),
            "notify_email": notify_email.strip(),
        }
    return {"author": author, "is_anonymous": False, "author_name": author.public_name}


def _revision(
    post: Post, *, editor: Actor, number: int, summary: str = "", when: Any = None
) -> Revision:
    target = post.target
    extra: dict[str, Any] = {}
    if isinstance(post, Question):
        extra = {
            "title": post.title,
            "tags": " ".join(t.name for t in post.tags.all()),
            "category_name": post.category.name,
        }
    anonymous_editor = editor is None or (post.is_anonymous and post.is_by(editor))
    return Revision.objects.create(
        number=number,
        body=post.body,
        editor=editor,
        editor_name=post.author_name if anonymous_editor else editor.public_name,  # type: ignore[union-attr]
        editor_anonymous=anonymous_editor,
        summary=summary,
        created_at=when or post.edited_at or post.created_at,
        **target,
        **extra,
    )


# Asking, answering, commenting ------------------------------------------------


def _screen(
    author: Actor,
    texts: list[str],
    ip_digest: str,
    decision: Decision | None = None,
    *,
    thread: Question | None = None,
) -> Decision:
    return reuse_or_decide(decision, author=author, texts=texts, ip_digest=ip_digest, thread=thread)


RECUSED = (
    "You recused yourself from this thread, so you can't answer or comment here. "
    "Nobody else is told; you can undo the recusal from the thread if it no longer applies."
)


def _refuse_if_recused(author: Actor, question: Question) -> None:
    """A professional who recused from a thread (a conflict of interest, someone they
    may know) stays out of it: ACA 2014 A.5/A.6, NBCC."""
    if author is not None and author.is_authenticated and has_recused(author, question):
        raise NotAllowed(RECUSED, code="recused")


def _common_fields(
    *,
    decision: Decision,
    created_at: Any,
    ip_digest: str,
    content_warning: str,
    who: dict[str, Any],
) -> dict[str, Any]:
    """The fields every new question, answer and comment sets the same way."""
    return {
        "created_at": created_at or timezone.now(),
        "ip_digest": ip_digest,
        "content_warning": content_warning,
        "status": Status.QUEUED if decision.held else Status.PUBLISHED,
        **who,
    }


def _save_new(post: Post, decision: Decision, *, exclude: list[str]) -> None:
    """Validate and save a new post, record revision 1, then publish or queue it."""
    post.full_clean(exclude=exclude)
    post.save()
    if isinstance(post, Question):
        return  # tags are set first; ask_question finishes the job
    _revision(post, editor=post.author, number=1)
    _after_create(post, decision)


def _after_create(post: Post, decision: Decision) -> None:
    """Publish a new post's effects, or queue it; note it for review when asked.
    Crisis screening never holds a post: it routes it to the crisis queue."""
    safety.route(post, decision.crisis)
    if decision.held:
        review.open_review(post, queue="held", reason=" ".join(decision.hold), new=True)
        return
    lifecycle.publish_effects(post, first_time=True)
    if decision.review:
        review.open_review(post, queue="flagged", reason=" ".join(decision.review), new=True)
    elif decision.first_post:
        review.open_review(post, queue="first_post", reason="A new member's first post.", new=True)


@transaction.atomic
def ask_question(
    *,
    author: Actor,
    title: str,
    body: str,
    category: Category,
    tags: list[str],
    anonymous: bool = False,
    anon_name: str = "",
    notify_email: str = "",
    ip_digest: str = "",
    content_warning: str = "",
    decision: Decision | None = None,
    created_at: Any = None,
    follow_on: Answer | None = None,
) -> Question:
    """Publish a question, or hold it for approval. `author` None is a visitor.
    `follow_on`: the answer it was asked from ("ask a related question")."""
    who = _authorship(
        author=author, anonymous=anonymous, anon_name=anon_name, notify_email=notify_email
    )
    title = clean_title(title)
    body = clean_question_body(body)
    decision = _screen(author, [title, body], ip_digest, decision)
    title, body = decision.texts
    tag_rows = taxonomy.get_or_create_tags(taxonomy.parse_tags(" ".join(tags)))
    fields = _common_fields(
        decision=decision,
        created_at=created_at,
        ip_digest=ip_digest,
        content_warning=content_warning,
        who=who,
    )
    now = fields["created_at"]
    question = Question(
        title=title,
        body=body,
        body_html=markdown.render(body),
        category=category,
        last_activity_at=now,
        last_activity_name="",
        follow_on=follow_on if follow_on and follow_on.status == Status.PUBLISHED else None,
        **fields,
    )
    question.noindex = (
        question.is_anonymous and SiteConfiguration.load().noindex_anonymous_questions
    )
    question.last_activity_name = question.byline_name
    question.last_activity_user = question.public_author
    question.hotness = hotness(created_at=now, score=0, answer_count=0, view_count=0)
    _save_new(question, decision, exclude=["slug", "body_html"])
    question.tags.set(tag_rows)
    _revision(question, editor=question.author, number=1)
    if question.author_id:
        notifications.follow(user=question.author, target=question)  # type: ignore[arg-type]
    _after_create(question, decision)
    return question


def _lock_question(question_id: int) -> Question:
    question = Question.objects.select_for_update().filter(pk=question_id).first()
    if question is None or question.status != Status.PUBLISHED:
        raise NotFound("Question not found.")
    return question


@transaction.atomic
def post_answer(
    *,
    author: Actor,
    question: Question,
    body: str,
    anonymous: bool = False,
    anon_name: str = "",
    notify_email: str = "",
    ip_digest: str = "",
    content_warning: str = "",
    decision: Decision | None = None,
    created_at: Any = None,
) -> Answer:
    """Publish an answer to a question (or hold it). Locks the question row."""
    who = _authorship(
        author=author, anonymous=anonymous, anon_name=anon_name, notify_email=notify_email
    )
    body = clean_answer_body(body)
    locked = _lock_question(question.pk)
    if reason := permissions.why_not_answer(author or AnonymousUser(), locked):
        raise NotAllowed(reason)
    _refuse_if_recused(author, locked)
    decision = _screen(author, [body], ip_digest, decision, thread=locked)
    (body,) = decision.texts
    answer = Answer(
        question=locked,
        body=body,
        body_html=markdown.render(body),
        **_common_fields(
            decision=decision,
            created_at=created_at,
            ip_digest=ip_digest,
            content_warning=content_warning,
            who=who,
        ),
    )
    # The author and the question are rows this call already holds: no lookup for them.
    _save_new(answer, decision, exclude=["body_html", "author", "question"])
    return answer


@transaction.atomic
def post_comment(
    *,
    author: Actor,
    question: Question,
    answer: Answer | None = None,
    body: str,
    anonymous: bool = False,
    anon_name: str = "",
    notify_email: str = "",
    ip_digest: str = "",
    content_warning: str = "",
    decision: Decision | None = None,
    created_at: Any = None,
) -> Comment:
    """Comment on a question, or on one of its answers when `answer` is given."""
    who = _authorship(
        author=author, anonymous=anonymous, anon_name=anon_name, notify_email=notify_email
    )
    body = clean_comment_body(body)
    locked = _lock_question(question.pk)
    if answer is not None and (
        answer.question_id != locked.pk or answer.status != Status.PUBLISHED
    ):
        raise NotFound("Answer not found.")
    parent: Post = answer if answer is not None else locked
    if reason := permissions.why_not_comment(author or AnonymousUser(), locked, parent):
        raise NotAllowed(reason)
    _refuse_if_recused(author, locked)
    decision = _screen(author, [body], ip_digest, decision, thread=locked)
    (body,) = decision.texts
    comment = Comment(
        question=locked,
        answer=answer,
        body=body,
        body_html=markdown.render_plain(body),
        **_common_fields(
            decision=decision,
            created_at=created_at,
            ip_digest=ip_digest,
            content_warning=content_warning,
            who=who,
        ),
    )
    _save_new(comment, decision, exclude=["body_html", "author", "question", "answer"])
    return comment


# Editing ----------------------------------------------------------------------


def _next_revision_number(post: Post) -> int:
    target = post.target
    last = Revision.objects.filter(**target).order_by("-number").first()
    return (last.number if last else 0) + 1


METHOD_NOTE = (
    "[A moderator took some details out of this post to keep readers safe. If you are "
    "struggling, support is available any time: see Get help now.]"
)


@transaction.atomic
def hold_back_passage(*, moderator: User, post: Post, passage: str, note: str = "") -> Post:
    """Take a passage (means, doses, places) out of a post, leaving a moderator's note,
    without hiding the whole post. The revisions that held it become moderators-only;
    the post is indexed again so the passage cannot be searched for."""
    if not permissions.is_moderator(moderator):
        raise NotAllowed("Only moderators can do this.")
    passage = passage.strip()
    if len(passage) < 3:
        raise DomainError("Paste the passage to hold back, exactly as it appears in the post.")
    locked = type(post).objects.select_for_update().get(pk=post.pk)
    if passage not in locked.body:
        raise DomainError("That passage is not in the post (paste it exactly as written).")
    replacement = f"[{note.strip()[:200]}]" if note.strip() else METHOD_NOTE
    locked.body = locked.body.replace(passage, replacement)
    render = markdown.render_plain if isinstance(locked, Comment) else markdown.render
    locked.body_html = render(locked.body)
    locked.save(update_fields=["body", "body_html"])
    Revision.objects.filter(**locked.target).update(moderators_only=True)
    _revision(
        locked,
        editor=moderator,
        number=_next_revision_number(locked),
        summary="A moderator held back method details",
        when=timezone.now(),
    )
    search.index_question(locked.thread_id)
    bump_version("questions")
    audit(actor=moderator, action="hold_method_details", target=locked, reason=note[:200])
    return locked


def _mark_edited(post: Post, editor: User) -> None:
    post.edited_at = timezone.now()
    post.edited_by = editor
    anonymous_editor = post.is_anonymous and post.is_by(editor)
    post.edited_by_name = post.author_name if anonymous_editor else editor.public_name


@transaction.atomic
def edit_question(
    *,
    editor: User,
    question: Question,
    title: str,
    body: str,
    category: Category,
    tags: list[str],
    summary: str = "",
    content_warning: str | None = None,
) -> Question:
    """Change a question; every change is a new revision. Locks the question row."""
    if refusal := permissions.why_not_edit(editor, question):
        raise NotAllowed(refusal)
    locked = Question.objects.select_for_update().get(pk=question.pk)
    title, body = clean_title(title), clean_question_body(body)
    decision = _screen(editor, [title, body], "")
    title, body = decision.texts
    names = taxonomy.parse_tags(" ".join(tags))
    changed = _change_question(
        locked,
        editor=editor,
        title=title,
        body=body,
        category=category,
        names=names,
        summary=summary,
    )
    if changed:
        locked = _review_edit(locked, decision)
        safety.route(locked, decision.crisis)
    if content_warning is not None and content_warning != locked.content_warning:
        set_content_warning(actor=editor, post=locked, topic=content_warning)
    return locked


@transaction.atomic
def retag_question(*, editor: User, question: Question, tags: list[str]) -> Question:
    """Change only a question's tags (members with the retag privilege)."""
    if refusal := permissions.why_not_retag(editor, question):
        raise NotAllowed(refusal)
    locked = Question.objects.select_for_update().get(pk=question.pk)
    names = taxonomy.parse_tags(" ".join(tags))
    _change_question(
        locked,
        editor=editor,
        title=locked.title,
        body=locked.body,
        category=locked.category,
        names=names,
        summary="Retagged",
    )
    return locked


def _change_question(
    locked: Question,
    *,
    editor: User,
    title: str,
    body: str,
    category: Category,
    names: list[str],
    summary: str,
) -> bool:
    """Apply an edit under the row lock; returns whether anything changed."""
    old_tags = list(locked.tags.all())
    if (
        title == locked.title
        and body == locked.body
        and category.pk == locked.category_id
        and names == [t.name for t in old_tags]
    ):
        return False
    new_tags = taxonomy.get_or_create_tags(names)
    if locked.status == Status.PUBLISHED:
        if category.pk != locked.category_id:
            taxonomy.adjust_category_count(category_id=locked.category_id, delta=-1)
            taxonomy.adjust_category_count(category_id=category.pk, delta=1)
        old_ids, new_ids = {t.pk for t in old_tags}, {t.pk for t in new_tags}
        taxonomy.adjust_tag_counts(
            added=[t for t in new_tags if t.pk not in old_ids],
            removed=[t for t in old_tags if t.pk not in new_ids],
        )
    locked.title, locked.body, locked.body_html = title, body, markdown.render(body)
    locked.category = category
    _mark_edited(locked, editor)
    locked.full_clean(exclude=["slug", "body_html"])
    locked.save()
    locked.tags.set(new_tags)
    _revision(locked, editor=editor, number=_next_revision_number(locked), summary=summary)
    if locked.status == Status.PUBLISHED:
        lifecycle.touch(locked, kind="edited", post=locked)
    search.index_question(locked.pk)
    bump_version("questions")
    return True


def _review_edit(locked: Any, decision: Decision) -> Any:
    """An edit passes the same checks as a new post. One that breaks a professional
    boundary ("I'm taking new clients, call me") is taken down until a moderator
    approves it (hidden, in the held queue: approving restores it without posting it
    anew); other holds and flags put the edited post in the flagged queue."""
    if decision.boundary and locked.status == Status.PUBLISHED:
        locked = set_status(locked, Status.HIDDEN)
        review.open_review(locked, queue="held", reason="Edited: " + " ".join(decision.boundary))
    elif decision.hold or decision.review:
        review.open_review(
            locked, queue="flagged", reason="Edited: " + " ".join(decision.hold + decision.review)
        )
    return locked


@transaction.atomic
def edit_answer(*, editor: User, answer: Answer, body: str, summary: str = "") -> Answer:
    if refusal := permissions.why_not_edit(editor, answer):
        raise NotAllowed(refusal)
    locked = Answer.objects.select_for_update().get(pk=answer.pk)
    body = clean_answer_body(body)
    decision = _screen(editor, [body], "")
    (body,) = decision.texts
    if body == locked.body:
        return locked
    locked.body, locked.body_html = body, markdown.render(body)
    _mark_edited(locked, editor)
    locked.save()
    _revision(locked, editor=editor, number=_next_revision_number(locked), summary=summary)
    locked = _review_edit(locked, decision)
    safety.route(locked, decision.crisis)
    search.index_question(locked.question_id)
    bump_version("questions")
    return locked


@transaction.atomic
def edit_comment(*, editor: User, comment: Comment, body: str) -> Comment:
    if refusal := permissions.why_not_edit(editor, comment):
        raise NotAllowed(refusal)
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    body = clean_comment_body(body)
    decision = _screen(editor, [body], "")
    (body,) = decision.texts
    if body == locked.body:
        return locked
    locked.body, locked.body_html = body, markdown.render_plain(body)
    _mark_edited(locked, editor)
    locked.save()
    _revision(locked, editor=editor, number=_next_revision_number(locked))
    locked = _review_edit(locked, decision)
    safety.route(locked, decision.crisis)
    search.index_question(locked.question_id)
    bump_version("questions")
    return locked


@transaction.atomic
def set_noindex(*, actor: User, question: Question, noindex: bool) -> Question:
    """Ask search engines not to index a question (or allow it again)."""
    if not permissions.can_set_noindex(actor, question):
        raise NotAllowed("Only the asker or a moderator can change this.")
    Question.objects.filter(pk=question.pk).update(noindex=noindex)
    question.noindex = noindex
    bump_version("questions")
    return question


@transaction.atomic
def set_content_warning(*, actor: User, post: Post, topic: str) -> Post:
    """The author (or a moderator) adds, changes or removes a post's content warning."""
    if topic and topic not in dict(CONTENT_WARNINGS):
        raise DomainError("Choose one of the content warnings.")
    if not (post.is_by(actor) or permissions.is_moderator(actor)):
        raise NotAllowed("Only the author or a moderator can change the content warning.")
    type(post).objects.filter(pk=post.pk).update(content_warning=topic)
    post.content_warning = topic
    bump_version("questions")
    return post


# Best answer ------------------------------------------------------------------


@transaction.atomic
def select_best_answer(*, actor: User, question: Question, answer: Answer | None) -> Question:
    """Mark `answer` as the question's best answer, or unselect with None.

    Locks the question row so that two quick clicks cannot both award points.
    """
    if not permissions.can_select_answer(actor, question):
        raise NotAllowed("Only the person who asked can select the best answer.")
    locked = _lock_question(question.pk)
    if answer is not None and (
        answer.question_id != locked.pk or answer.status != Status.PUBLISHED
    ):
        raise NotFound("Answer not found.")
    previous = locked.accepted_answer
    if previous == answer:
        return locked
    for chosen, sign in ((previous, -1), (answer, 1)):
        if chosen is None:
            continue
        owner = lifecycle.points_owner(chosen)
        if owner is not None and owner != actor.pk:
            reputation.award(user_id=owner, kind=Kind.ANSWER_SELECTED, sign=sign, answer=chosen)
            if lifecycle.points_owner(locked) is not None:
                reputation.award(
                    user_id=actor.pk, kind=Kind.BEST_ANSWER_SELECTED, sign=sign, answer=chosen
                )
    locked.accepted_answer = answer
    locked.save(update_fields=["accepted_answer"])
    search.refresh_ranking(locked.pk)
    if answer is not None and answer.author_id != actor.pk:
        notifications.answer_selected(answer)
    bump_version("questions")
    return locked


# Votes ------------------------------------------------------------------------


# A vote's statements, compiled once (core.prepared): through the ORM, compiling them was
# most of the time a vote held the database's write lock.

# What a vote reads of the post and its thread: its permissions (author, status, lock), the
# points (anonymity), the counts, search's ranking, the widget and the redirect (slug).
# Another field read of the instances is loaded then, as a deferred field is.
_VOTED_POST = ("id", "author_id", "is_anonymous", "status", "upvotes", "downvotes", "score")
_VOTED_THREAD = (
    *_VOTED_POST, "slug", "locked", "has_upvoted_answer", "accepted_answer_id", "answer_count"
)  # fmt: skip


_POST_OF = {
    Question: prepared.model_fields(Question, _VOTED_THREAD),
    Answer: prepared.model_fields(Answer, (*_VOTED_POST, "question_id")),
}
_THREAD_OF_ANSWER = prepared.model_fields(Question, _VOTED_THREAD)


def _locking(model: type[Question] | type[Answer]) -> prepared.Prepared:
    def build(post_id: int) -> QuerySet[Any]:
        # Only the post's row is locked (PostgreSQL: FOR UPDATE OF), not the thread's.
        rows = model.objects.select_for_update(of=("self",)).filter(pk=post_id)
        thread = [f"question__{name}" for name in _THREAD_OF_ANSWER] if model is Answer else []
        return rows.values_list(*_POST_OF[model], *thread)

    return prepared.Prepared(build)


_lock_post = {Question: _locking(Question), Answer: _locking(Answer)}


def _locked_post(model: type[Question] | type[Answer], post_id: int) -> Question | Answer | None:
    """The post's row, locked, with its question's (one query), as instances of the fields
    above; None when there is no such post."""
    found = _lock_post[model].converted(post_id=post_id)
    if not found:
        return None
    names = _POST_OF[model]
    post = model.from_db(DEFAULT_DB_ALIAS, names, found[0][: len(names)])
    if isinstance(post, Answer):
        values = found[0][len(names) :]
        post.question = Question.from_db(DEFAULT_DB_ALIAS, _THREAD_OF_ANSWER, values)
    return post


def _counts_of(model: type[Question] | type[Answer]) -> prepared.Prepared:
    def build(post_id: int, up: int, down: int, score: int) -> UpdateQuery:
        return prepared.updating(
            model.objects.filter(pk=post_id),
            upvotes=F("upvotes") + up,
            downvotes=F("downvotes") + down,
            score=F("score") + score,
        )

    return prepared.Prepared(build)


_add_to_counts = {Question: _counts_of(Question), Answer: _counts_of(Answer)}


@prepared.prepared
def _delete_vote(vote_id: int) -> DeleteQuery:
    return prepared.deleting(Vote.objects.filter(pk=vote_id))  # a Vote has no dependants


@transaction.atomic
def cast_vote(
    *,
    voter: User,
    post: Question | Answer,
    value: int,
    first: Callable[[], None] | None = None,
) -> Question | Answer:
    """Set the voter's vote on a post to +1, -1 or 0 (withdrawn); returns the fresh post.
    Of `post` only the type and id are read (the row is read again, locked). `first` runs
    first inside the vote's transaction: the views and the API count the attempt against
    the rate limit there (one transaction instead of two; a vote refused later is not
    counted).

    Locks the post row (SELECT … FOR UPDATE; on SQLite the IMMEDIATE transaction
    serialises writers), so counts, score and points stay exact under concurrency;
    the unique constraints keep one vote per member per post.
    """
    if value not in (1, 0, -1):
        raise DomainError("A vote is up, down or withdrawn.")
    if first is not None:
        first()
    model = type(post)
    locked = _locked_post(model, post.pk)
    if (
        locked is None
        or locked.status != Status.PUBLISHED
        or locked.thread.status != Status.PUBLISHED
    ):
        raise NotFound("Post not found.")
    if refusal := permissions.why_not_vote(voter, locked, value):
        raise NotAllowed(refusal)
    on_question = model is Question
    target = {"question": locked} if on_question else {"answer": locked}
    existing = selectors.vote_id_and_value(voter_id=voter.pk, post=locked)
    old = existing[1] if existing else 0
    if old == value:
        return locked
    now = timezone.now()
    if existing is None:
        on = {"question_id": locked.pk, "answer_id": None}
        if not on_question:
            on = {"question_id": None, "answer_id": locked.pk}
        row = {"voter_id": voter.pk, "value": value, "created_at": now, "updated_at": now}
        prepared.insert(Vote, [{**row, **on}])
    elif value == 0:
        _delete_vote.run(vote_id=existing[0])
    else:
        Vote.objects.filter(pk=existing[0]).update(value=value, updated_at=now)
    d_up, d_down = int(value == 1) - int(old == 1), int(value == -1) - int(old == -1)
    _add_to_counts[model].run(post_id=locked.pk, up=d_up, down=d_down, score=value - old)
    reputation.record_vote(
        voter_id=voter.pk,
        author_id=lifecycle.points_owner(locked),
        on_question=on_question,
        before=(locked.upvotes, locked.downvotes),
        after=(locked.upvotes + d_up, locked.downvotes + d_down),
        cast=(old == 0) - (value == 0),
        **target,
    )
    locked.upvotes += d_up  # as the UPDATE left the row (no reload)
    locked.downvotes += d_down
    locked.score += value - old
    thread = locked.thread
    ranked = True  # what search ranks by (the question's score, an up-voted answer) changed
    if isinstance(locked, Answer):
        if locked.upvotes > 0:  # an up-voted answer says so without asking
            has_up = True
        elif d_up < 0:  # its last up vote went: is another answer up-voted?
            has_up = Answer.objects.filter(
                question_id=locked.question_id, status=Status.PUBLISHED, upvotes__gt=0
            ).exists()
        else:  # it had none and has none: the thread's flag stands
            has_up = thread.has_upvoted_answer
        ranked = has_up != thread.has_upvoted_answer
        if ranked:
            Question.objects.filter(pk=thread.pk).update(has_upvoted_answer=has_up)
            thread.has_upvoted_answer = has_up
    else:
        refresh_hotness(locked.pk)
    if ranked:
        search.refresh_ranking(thread.pk, question=thread)
    # The thread's page shows the score at once; lists follow within their cache bucket.
    # After the commit: a page drawn before it (from the old rows) is retired then, and the
    # cache's write is not done while every other writer waits.
    name = f"question:{thread.pk}"
    transaction.on_commit(lambda: bump_version(name))
    return locked


__all__ = [
    "Tag",
    "ask_question",
    "cast_vote",
    "edit_answer",
    "edit_comment",
    "edit_question",
    "post_answer",
    "post_comment",
    "record_view",
    "recount_question_counters",
    "refresh_hotness",
    "select_best_answer",
    "set_status",
]
