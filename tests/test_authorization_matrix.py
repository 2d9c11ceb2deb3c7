"""For every URL that changes something, each kind of actor gets the expected status,
and nothing changes when the request is refused. A new URL without a row here fails."""

import io
import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from PIL import Image

from mindwell.accounts.models import User
from mindwell.audit.models import AuditEntry
from mindwell.moderation import services as moderation
from mindwell.moderation.models import Flag, ReviewItem
from mindwell.notifications import services as notifications
from mindwell.notifications.models import EmailPreference, Follow, Notification
from mindwell.posting import services as qa
from mindwell.professionals.models import ProfessionalProfile
from mindwell.qa.models import Answer, Comment, Question, Vote
from mindwell.qa.tests.factories import CategoryFactory, UserFactory
from mindwell.safety.models import RiskRecord

ACTORS = ("visitor", "member", "author", "anonymous_author", "moderator", "suspended")

# Pages that only read. Anything else must have a row in MATRIX.
READ_ONLY = {
    "api:openapi-json", "api:openapi-view", "api:list_questions", "api:get_question",
    "api:list_categories", "api:list_tags", "api:api-root", "api_root",
    "api:get_answer", "api:get_comment", "api:get_member", "api:list_members", "api:me",
    "api:my_follows", "api:my_notifications", "api:my_preferences", "api:my_questions",
    "api:question_revisions", "api:answer_revisions", "api:search_questions",
    "api:review_queue", "api:audit_log",
    "accounts:member_list", "accounts:profile", "accounts:profile_tab",
    "accounts:generated_avatar", "accounts:media_file",
    "taxonomy:category_list", "taxonomy:category_detail", "taxonomy:tag_list",
    "taxonomy:tag_detail", "taxonomy:tag_suggestions",
    "search:search", "search:similar", "discovery:feed_questions", "discovery:feed_questions_atom",
    "discovery:feed_category", "discovery:feed_tag", "discovery:feed_answers",
    "discovery:feed_recent_answers", "discovery:feed_recent_comments",
    "notifications:inbox", "notifications:unread_badge", "notifications:favourites",
    "accounts:privacy", "accounts:account_deleted",
    "professionals:application", "professionals:review_queue",
    "moderation:queue_default", "moderation:queue", "moderation:audit_log", "moderation:stats",
    "moderation:maintenance_run",
    "healthz", "safety:duty", "safety:my_threads",
    "robots_txt", "sitemap_index", "sitemap_section", "page", "safety:help",
    "qa:home", "qa:question_list", "qa:unanswered", "qa:question_short", "qa:question_history",
    "qa:answer_permalink", "qa:answer_history", "qa:question_detail",
    "qa:recent_answers", "qa:recent_comments", "posting:claim_posts",
}  # fmt: skip


@dataclass
class World:
    users: dict[str, User]
    question: Question  # by "author"
    answer: Answer  # by "author", on someone else's question
    comment: Comment  # by "author"
    anon_question: Question  # by "anonymous_author", posted anonymously
    other_question: Question  # by a third member, with the author's answer
    item: ReviewItem
    notification: Notification


def build_world() -> World:
    category = CategoryFactory(name="Relationships", slug="relationships")
    users = {
        "member": UserFactory(username="member"),
        "author": UserFactory(username="author", points=150),
        "anonymous_author": UserFactory(username="anonauthor"),
        "moderator": UserFactory(username="moderator", level=User.Level.MODERATOR),
        "suspended": UserFactory(username="suspended", points=5000),
        "third": UserFactory(username="third", points=5000),
    }
    body = "A long enough body for a question on this site."
    question = qa.ask_question(
        author=users["author"],
        title="The author's own question",
        body=body,
        category=category,
        tags=["one"],
    )
    other = qa.ask_question(
        author=users["third"],
        title="A third member's question",
        body=body,
        category=category,
        tags=["two"],
    )
    answer = qa.post_answer(author=users["author"], question=other, body="The author's answer.")
    comment = qa.post_comment(author=users["author"], question=other, body="Author's comment.")
    anon = qa.ask_question(
        author=users["anonymous_author"],
        title="An anonymous question here",
        body=body,
        category=category,
        tags=["one"],
        anonymous=True,
    )
    helper_answer = qa.post_answer(
        author=users["third"], question=question, body="A helpful answer to select."
    )
    item = moderation.flag_post(flagger=users["third"], post=answer, reason="spam") and (
        ReviewItem.objects.get(answer=answer, queue="flagged")
    )
    note = Notification.objects.create(
        recipient=users["third"],
        kind="new_answer",
        question=other,
        answer=answer,
        text="x",
        event_key="k",
    )
    moderation.restrict_member(
        moderator=users["moderator"],
        member=users["suspended"],
        kind="suspend",
        reason="Testing.",
        days=3,
    )
    world = World(users, question, answer, comment, anon, other, item, note)
    world.helper_answer = helper_answer  # type: ignore[attr-defined]
    return world


def snapshot() -> str:
    """Everything a refused request must leave untouched."""
    state: dict[str, Any] = {
        "questions": list(Question.objects.order_by("pk").values_list(
            "pk", "title", "body", "status", "score", "closed_at", "locked", "pinned",
            "noindex", "accepted_answer_id", "answer_count", "comment_count")),
        "answers": list(Answer.objects.order_by("pk").values_list("pk", "body", "status", "score")),
        "comments": list(Comment.objects.order_by("pk").values_list("pk", "body", "status")),
        "votes": Vote.objects.count(),
        "flags": list(Flag.objects.order_by("pk").values_list("pk", "outcome")),
        "items": list(ReviewItem.objects.order_by("pk").values_list("pk", "state")),
        "audit": AuditEntry.objects.count(),
        "follows": Follow.objects.count(),
        "prefs": list(EmailPreference.objects.values_list("user_id", "kind", "mode")),
        "notes": list(Notification.objects.values_list("pk", "read_at")),
        "professionals": list(ProfessionalProfile.objects.values_list("pk", "status")),
        "avatars": list(User.objects.order_by("pk").values_list("pk", "avatar")),
        "users": list(User.objects.order_by("pk").values_list(
            "pk", "display_name", "restriction", "points")),
    }  # fmt: skip
    return json.dumps(state, default=str)


LOGIN = "login"  # expect a redirect to the log-in page


@dataclass
class Row:
    name: str
    path: Any  # World -> str
    data: Any  # World -> dict
    expect: dict[str, int | str]
    method: str = "post"
    json_body: bool = False


def ok(code: int = 302, **special: int | str) -> dict[str, int | str]:
    """Allowed for every signed-in actor (suspended members are always refused)."""
    expected: dict[str, int | str] = dict.fromkeys(ACTORS, code)
    expected["visitor"] = LOGIN
    expected["suspended"] = 403
    expected.update(special)
    return expected


def moderators_only(code: int = 302) -> dict[str, int | str]:
    return ok(code, member=403, author=403, anonymous_author=403)


def _picture() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (90, 60), (120, 60, 200)).save(out, format="PNG")
    return SimpleUploadedFile("me.png", out.getvalue(), content_type="image/png")


QUESTION_DATA = {"title": "A brand new question here", "body": "Body that is long enough.",
                 "category": None}  # fmt: skip

MATRIX = [
    Row("posting:ask", lambda w: "/ask/",
        lambda w: {**QUESTION_DATA, "category": w.question.category_id}, ok(302, visitor=302)),
    Row("posting:preview", lambda w: "/preview/", lambda w: {"body": "*x*"}, ok(200, visitor=200)),
    Row("posting:answer_create", lambda w: f"/questions/{w.other_question.pk}/answers/",
        lambda w: {"body": "Another answer text."}, ok(302, visitor=302)),
    Row("posting:comment_create", lambda w: f"/questions/{w.other_question.pk}/comments/",
        lambda w: {"body": "A comment."}, ok(302, visitor=302)),
    Row("posting:vote", lambda w: f"/vote/answer/{w.answer.pk}/", lambda w: {"value": "up"},
        ok(302, author=403)),
    Row("posting:select_answer", lambda w: f"/questions/{w.question.pk}/best/",
        lambda w: {"answer": w.helper_answer.pk},
        ok(403, author=302)),
    Row("posting:question_edit", lambda w: f"/questions/{w.question.pk}/edit/",
        lambda w: {"title": "The author's edited question", "body": "Edited body, long enough.",
                   "category": w.question.category_id, "tags": "one"},
        ok(403, author=302, moderator=302)),
    Row("posting:question_edit", lambda w: f"/questions/{w.anon_question.pk}/edit/",
        lambda w: {"title": "An anonymous question, edited", "body": "Edited body, long enough.",
                   "category": w.question.category_id, "tags": "one"},
        ok(403, anonymous_author=302, moderator=302)),
    Row("posting:answer_edit", lambda w: f"/answers/{w.answer.pk}/edit/",
        lambda w: {"body": "An edited answer body."}, ok(403, author=302, moderator=302)),
    Row("posting:comment_edit", lambda w: f"/comments/{w.comment.pk}/edit/",
        lambda w: {"body": "An edited comment."}, ok(403, author=302, moderator=302)),
    Row("posting:convert_answer", lambda w: f"/answers/{w.answer.pk}/convert/",
        lambda w: {"parent": "question"}, moderators_only(302)),
    Row("posting:convert_comment", lambda w: f"/comments/{w.comment.pk}/convert/",
        lambda w: {}, moderators_only(302)),
    Row("posting:claim_post", lambda w: f"/account/claim-posts/question/{w.anon_question.pk}/",
        lambda w: {}, ok(404)),
    Row("moderation:maintenance", lambda w: "/moderation/maintenance/",
        lambda w: {"command": "recount_points"}, ok(403)),
    Row("posting:set_noindex", lambda w: f"/questions/{w.question.pk}/noindex/",
        lambda w: {"noindex": "on"}, ok(403, author=302, moderator=302)),
    Row("posting:set_noindex", lambda w: f"/questions/{w.anon_question.pk}/noindex/",
        lambda w: {"noindex": "off"}, ok(403, anonymous_author=302, moderator=302)),
    Row("posting:retag", lambda w: f"/questions/{w.other_question.pk}/retag/",
        lambda w: {"tags": "three four"}, ok(403, moderator=302)),
    Row("safety:reading_settings", lambda w: "/account/reading/",
        lambda w: {"country": "GB", "muted_topics": ["grief"]}, ok(302)),
    Row("safety:draft_check", lambda w: "/safety/check/",
        lambda w: {"body": "I feel so hopeless lately"}, ok(200, visitor=200)),
    Row("accounts:privacy_download", lambda w: "/account/privacy/download/", lambda w: {},
        ok(200)),
    Row("accounts:delete_account", lambda w: "/account/privacy/delete/",
        lambda w: {"username": "nobody", "password": "wrong", "posts": "anonymise"},
        ok(400, visitor=LOGIN)),
    Row("accounts:edit_profile", lambda w: "/account/profile/",
        lambda w: {"display_name": "New name", "about": ""}, ok(302)),
    Row("accounts:upload_avatar", lambda w: "/account/avatar/", lambda w: {"avatar": _picture()},
        ok(302)),
    Row("accounts:upload_avatar", lambda w: "/account/avatar/",
        lambda w: {"avatar": SimpleUploadedFile("a.jpg", b"not a picture")}, ok(400)),
    Row("accounts:remove_avatar", lambda w: "/account/avatar/remove/", lambda w: {}, ok(302)),
    Row("notifications:mark_all_read", lambda w: "/notifications/read-all/", lambda w: {}, ok(302)),
    Row("notifications:open", lambda w: f"/notifications/{w.notification.pk}/", lambda w: {},
        ok(404), method="get"),
    Row("notifications:follow", lambda w: f"/follow/question/{w.other_question.pk}/",
        lambda w: {"follow": "on"}, ok(302)),
    Row("notifications:preferences", lambda w: "/account/notifications/",
        lambda w: {"mode_new_answer": "off"}, ok(302)),
    Row("notifications:unsubscribe",
        lambda w: "/unsubscribe/"
        + notifications.unsubscribe_token(user_id=w.users["third"].pk, kind="new_answer") + "/",
        lambda w: {}, ok(200, visitor=200)),
    Row("moderation:flag", lambda w: f"/flag/question/{w.other_question.pk}/",
        lambda w: {"reason": "spam"}, ok(302)),
    Row("moderation:resolve", lambda w: f"/moderation/items/{w.item.pk}/",
        lambda w: {"action": "dismiss"}, moderators_only()),
    Row("moderation:moderate_post", lambda w: f"/moderation/posts/answer/{w.answer.pk}/",
        lambda w: {"action": "hide"}, moderators_only()),
    Row("moderation:close", lambda w: f"/moderation/questions/{w.other_question.pk}/close/",
        lambda w: {"reason": "off_topic"}, moderators_only()),
    Row("moderation:question_state",
        lambda w: f"/moderation/questions/{w.other_question.pk}/state/",
        lambda w: {"action": "lock"}, moderators_only()),
    Row("moderation:restrict", lambda w: "/moderation/members/member/",
        lambda w: {"kind": "silence", "reason": "Testing."},
        moderators_only() | {"member": 403}),
    Row("moderation:on_duty", lambda w: "/moderation/on-duty/", lambda w: {"on_duty": "on"},
        moderators_only()),
    Row("professionals:apply", lambda w: "/professionals/apply/",
        lambda w: {"profession": "counselor", "licensing_body": "State board",
                   "license_number": "LPC 1", "jurisdiction": "Colorado",
                   "expires_on": "2099-01-01", "boundaries": "on"}, ok(302)),
    Row("professionals:decide",
        lambda w: "/professionals/review/{}/".format(ProfessionalProfile.objects.create(
            member=w.users["third"], profession="counselor", licensing_body="State board",
            license_number="LPC 2", jurisdiction="Colorado", expires_on=date(2099, 1, 1)).pk),
        lambda w: {"action": "verify"}, moderators_only()),
    Row("professionals:recusal",
        lambda w: f"/professionals/questions/{w.other_question.pk}/recusal/",
        lambda w: {"recused": "on"}, ok(403)),
    Row("moderation:watched_words", lambda w: "/moderation/watched-words/",
        lambda w: {"text": "hello"}, moderators_only(200)),
    Row("api:create_question", lambda w: "/api/v1/questions",
        lambda w: {"title": "An API question here", "body": "Body that is long enough.",
                   "category": "relationships"},
        ok(201, visitor=401), json_body=True),
    Row("api:create_answer", lambda w: f"/api/v1/questions/{w.other_question.pk}/answers",
        lambda w: {"body": "An answer through the API."}, ok(201, visitor=401), json_body=True),
    Row("api:vote_question", lambda w: f"/api/v1/questions/{w.question.pk}/vote",
        lambda w: {"value": 1}, ok(200, visitor=401, author=403), json_body=True),
    Row("api:vote_answer", lambda w: f"/api/v1/answers/{w.answer.pk}/vote",
        lambda w: {"value": 1}, ok(200, visitor=401, author=403), json_body=True),
    Row("api:create_comment", lambda w: f"/api/v1/questions/{w.other_question.pk}/comments",
        lambda w: {"body": "A comment through the API."}, ok(201, visitor=401), json_body=True),
    Row("api:select_best_answer", lambda w: f"/api/v1/questions/{w.question.pk}/best-answer",
        lambda w: {"answer_id": w.helper_answer.pk}, ok(403, visitor=401, author=200),
        json_body=True),
    Row("api:edit_question", lambda w: f"/api/v1/questions/{w.question.pk}",
        lambda w: {"title": "The author's edited question", "body": "Edited body, long enough.",
                   "category": "relationships", "tags": ["one"]},
        ok(403, visitor=401, author=200, moderator=200), method="put", json_body=True),
    Row("api:edit_question", lambda w: f"/api/v1/questions/{w.anon_question.pk}",
        lambda w: {"title": "An anonymous question, edited", "body": "Edited body, long enough.",
                   "category": "relationships", "tags": ["one"]},
        ok(403, visitor=401, anonymous_author=200, moderator=200), method="put", json_body=True),
    Row("api:edit_answer", lambda w: f"/api/v1/answers/{w.answer.pk}",
        lambda w: {"body": "An edited answer body."},
        ok(403, visitor=401, author=200, moderator=200), method="put", json_body=True),
    Row("api:edit_comment", lambda w: f"/api/v1/comments/{w.comment.pk}",
        lambda w: {"body": "An edited comment."},
        ok(403, visitor=401, author=200, moderator=200), method="put", json_body=True),
    Row("api:flag_post", lambda w: f"/api/v1/questions/{w.other_question.pk}/flag",
        lambda w: {"reason": "spam"}, ok(201, visitor=401), json_body=True),
    Row("api:moderate_post", lambda w: f"/api/v1/answers/{w.answer.pk}/moderate",
        lambda w: {"action": "hide"}, moderators_only(200) | {"visitor": 401}, json_body=True),
    Row("api:close_question", lambda w: f"/api/v1/questions/{w.other_question.pk}/close",
        lambda w: {"reason": "off_topic"}, moderators_only(200) | {"visitor": 401},
        json_body=True),
    Row("api:reopen_question", lambda w: f"/api/v1/questions/{w.other_question.pk}/reopen",
        lambda w: {}, moderators_only(200) | {"visitor": 401}, json_body=True),
    Row("api:lock_question", lambda w: f"/api/v1/questions/{w.other_question.pk}/lock",
        lambda w: {"locked": True}, moderators_only(200) | {"visitor": 401}, json_body=True),
    Row("api:pin_question", lambda w: f"/api/v1/questions/{w.other_question.pk}/pin",
        lambda w: {"pinned": True}, moderators_only(200) | {"visitor": 401}, json_body=True),
    # The world's posts were made without a network (no digest to block): a clear 400.
    Row("api:block_ip", lambda w: f"/api/v1/answers/{w.answer.pk}/block-ip",
        lambda w: {"reason": "spam"}, moderators_only(400) | {"visitor": 401}, json_body=True),
    Row("api:set_content_warning",
        lambda w: f"/api/v1/answers/{w.answer.pk}/content-warning",
        lambda w: {"topic": "abuse"}, ok(403, visitor=401, author=200, moderator=200),
        json_body=True),
    Row("api:restrict_member", lambda w: "/api/v1/members/member/restrict",
        lambda w: {"kind": "silence", "reason": "Testing."},
        moderators_only(201) | {"visitor": 401}, json_body=True),
    Row("api:lift_restriction", lambda w: "/api/v1/members/suspended/lift-restriction",
        lambda w: {}, moderators_only(200) | {"visitor": 401}, json_body=True),
    Row("api:resolve_item", lambda w: f"/api/v1/moderation/items/{w.item.pk}/resolve",
        lambda w: {"action": "dismiss"}, moderators_only(200) | {"visitor": 401},
        json_body=True),
    Row("api:on_duty", lambda w: "/api/v1/moderation/on-duty", lambda w: {"on_duty": True},
        moderators_only(200) | {"visitor": 401}, json_body=True),
    Row("api:try_watched_words", lambda w: "/api/v1/moderation/watched-words/test",
        lambda w: {"text": "hello"}, moderators_only(200) | {"visitor": 401}, json_body=True),
    Row("api:follow", lambda w: f"/api/v1/me/follows/question/{w.other_question.pk}",
        lambda w: {}, ok(200, visitor=401), method="put", json_body=True),
    Row("api:unfollow", lambda w: f"/api/v1/me/follows/question/{w.question.pk}",
        lambda w: {}, ok(200, visitor=401), method="delete", json_body=True),
    Row("api:mark_notification_read",
        lambda w: f"/api/v1/me/notifications/{w.notification.pk}/read",
        lambda w: {}, ok(404, visitor=401), json_body=True),
    Row("api:mark_all_notifications_read", lambda w: "/api/v1/me/notifications/read-all",
        lambda w: {}, ok(200, visitor=401), json_body=True),
    Row("accounts:api_tokens", lambda w: "/account/tokens/",
        lambda w: {"name": "Script", "scopes": ["read"], "expires_in_days": "30"}, ok(201)),
    Row("accounts:api_token_revoke", lambda w: "/account/tokens/999999/revoke/",
        lambda w: {}, ok(404)),
    Row("professionals:competence", lambda w: "/professionals/competence/",
        lambda w: {"category": [w.question.category_id]}, ok(403)),
    Row("moderation:report_at_risk", lambda w: f"/report/question/{w.other_question.pk}/",
        lambda w: {}, ok(302, visitor=400)),
    Row("safety:outreach", lambda w: f"/crisis/posts/question/{w.anon_question.pk}/",
        lambda w: {"body": "I read your post and wanted to check in with you personally."},
        moderators_only()),
    Row("safety:assess", lambda w: "/crisis/assessments/{}/".format(RiskRecord.objects.create(
            tier="urgent", question=w.other_question,
            expires_at=timezone.now() + timedelta(days=30)).pk),
        lambda w: {"plan": "on", "note": "Checked in."}, moderators_only()),
    Row("safety:hold_method_details",
        lambda w: f"/crisis/posts/question/{w.other_question.pk}/method-details/",
        lambda w: {"passage": "long enough"}, moderators_only()),
    Row("safety:outreach_thread",
        lambda w: f"/support/messages/question/{w.other_question.pk}/",
        lambda w: {"body": "Thank you."}, ok(404, moderator=302)),
]  # fmt: skip


def _url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin" or "allauth" in str(p.urlconf_name):
                    continue
                walk(p.url_patterns, namespace + (f"{p.namespace}:" if p.namespace else ""))
            elif isinstance(p, URLPattern) and p.name:
                names.add(namespace + p.name)

    walk(get_resolver().url_patterns, "")
    return names


def test_every_url_is_in_the_matrix_or_read_only():
    covered = {row.name for row in MATRIX} | READ_ONLY
    missing = _url_names() - covered
    assert not missing, f"Add these URLs to the authorization matrix: {sorted(missing)}"


@pytest.mark.parametrize("row", MATRIX, ids=lambda r: f"{r.name}:{r.path.__code__.co_firstlineno}")
@pytest.mark.parametrize("actor", ACTORS)
def test_authorization(db, row, actor):
    world = build_world()
    client = Client()
    if actor != "visitor":
        client.force_login(world.users[actor])
    path, data = row.path(world), row.data(world)
    before = snapshot()
    if row.json_body:
        send = getattr(client, row.method)
        response = send(path, json.dumps(data), content_type="application/json")
    elif row.method == "get":
        response = client.get(path)
    else:
        response = client.post(path, data)
    expected = row.expect[actor]
    if expected == LOGIN:
        assert response.status_code == 302, response.content[:300]
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == expected, (actor, response.content[:400])
    if response.status_code >= 400 or expected == LOGIN:
        assert snapshot() == before, f"{actor} was refused but something changed"
