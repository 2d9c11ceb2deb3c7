"""Load the demo community from community.toml through the same services the site uses.

Verified professionals apply and are verified by a demo moderator through the
professionals services (so the license number is sealed as a hash and its last 4); an
answer marked `held` goes through the posting services like any other and must come
back held (the professional-boundary check); every other post must be published.
"""

from __future__ import annotations

import secrets
import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from mindwell.accounts import roles
from mindwell.accounts.models import User
from mindwell.moderation import services as moderation
from mindwell.moderation.models import ReviewItem
from mindwell.posting import services
from mindwell.professionals import services as professionals
from mindwell.professionals.models import ProfessionalProfile
from mindwell.qa.models import Question, Status
from mindwell.taxonomy.models import Category

CONTENT = Path(__file__).with_name("community.toml")


def _ago(days: float) -> Any:
    return timezone.now() - timedelta(days=float(days))


class DemoContentError(RuntimeError):
    """The demo content and the site's rules disagree (a post held or published
    against what community.toml expects)."""


def _expect(post: Any, where: str, *, held: bool = False) -> Any:
    """The post, after checking it was published (or held, when `held`)."""
    if (post.status == Status.QUEUED) == held:
        return post
    if held:
        raise DemoContentError(
            f"{where}: expected to be held for a moderator, but it was published."
        )
    reasons = ReviewItem.objects.filter(**dict(post.target)).values_list("reason", flat=True)
    raise DemoContentError(
        f"{where}: held for a moderator instead of published ({' '.join(reasons) or post.status})."
    )


def _verify_professionals(
    content: dict[str, Any], members: dict[str, User]
) -> list[ProfessionalProfile]:
    """Members with a `professional` table apply and a demo moderator verifies them."""
    moderators = [u for u in members.values() if u.level == User.Level.MODERATOR]
    profiles = []
    for m in content["members"]:
        data = m.get("professional")
        if data is None:
            continue
        member = members[m["username"]]
        moderator = next((u for u in moderators if u.pk != member.pk), None)
        if moderator is None:
            raise DemoContentError(f"member {member.username}: no other moderator to verify them.")
        application = professionals.apply_as_professional(
            member=member,
            profession=data["profession"],
            profession_detail=data.get("profession_detail", ""),
            licensing_body=data["licensing_body"],
            license_number=data["license_number"],
            jurisdiction=data["jurisdiction"],
            expires_on=timezone.localdate() + timedelta(days=data["expires_in_days"]),
        )
        profile = professionals.verify_application(moderator=moderator, application=application)
        # Verified long ago in the demo's story (before their first answers).
        when = _ago(data.get("verified_days_ago", 0))
        ProfessionalProfile.objects.filter(pk=profile.pk).update(
            created_at=when - timedelta(days=2), verified_at=when, decided_at=when
        )
        profiles.append(profile)
    return profiles


def _author(data: dict[str, Any], members: dict[str, User]) -> dict[str, Any]:
    author = members.get(data.get("author", ""))
    return {
        "author": author,
        "anonymous": bool(data.get("anonymous")) or author is None,
        "anon_name": data.get("anon_name", ""),
    }


@transaction.atomic
def load_demo(*, path: Path = CONTENT, password: str | None = None) -> dict[str, Any]:
    """Create the demo members (verifying the professionals among them), categories,
    questions, answers (one held by the boundary check), comments, votes and best
    answers. Returns counts and the demo members' password."""
    content = tomllib.loads(path.read_text(encoding="utf-8"))
    password = password or secrets.token_urlsafe(9)
    members: dict[str, User] = {}
    for m in content["members"]:
        user = User(
            username=m["username"],
            display_name=m.get("display_name", ""),
            about=m.get("about", ""),
            level=m.get("level", User.Level.MEMBER),
            email=f"{m['username']}@demo.invalid",
            date_joined=_ago(m.get("days_ago", 365)),
            is_staff=m.get("level") in ("admin", "superadmin"),
            is_superuser=m.get("level") in ("admin", "superadmin"),
        )
        user.set_password(password)
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        members[user.username] = user
    professionals_verified = _verify_professionals(content, members)

    categories: dict[str, Category] = {}
    for position, c in enumerate(content["categories"]):
        category = Category(
            name=c["name"],
            slug=c["slug"],
            description=c.get("description", ""),
            parent=categories.get(c.get("parent", "")),
            position=position,
        )
        category.full_clean()
        category.save()
        categories[category.slug] = category

    counts = {"questions": 0, "answers": 0, "comments": 0, "votes": 0, "held": 0}
    downvotes: list[tuple[User, Any]] = []
    for q in content["questions"]:
        question = services.ask_question(
            title=q["title"],
            body=q["body"],
            category=categories[q["category"]],
            tags=q.get("tags", []),
            created_at=_ago(q["days_ago"]),
            content_warning=q.get("content_warning", ""),
            **_author(q, members),
        )
        where = f"question {q.get('key', q['title'])!r}"
        _expect(question, where)
        counts["questions"] += 1
        for c in q.get("comments", []):
            comment = services.post_comment(
                question=question,
                body=c["body"],
                created_at=_ago(c["days_ago"]),
                **_author(c, members),
            )
            _expect(comment, f"{where}, a comment")
            counts["comments"] += 1
        answers = []
        for number, a in enumerate(q.get("answers", [])):
            answer = services.post_answer(
                question=question,
                body=a["body"],
                created_at=_ago(a["days_ago"]),
                **_author(a, members),
            )
            answers.append(answer)
            _expect(answer, f"{where}, answer {number}", held=bool(a.get("held")))
            if a.get("held"):
                counts["held"] += 1
                continue  # waits for a moderator: no comments or votes
            counts["answers"] += 1
            for c in a.get("comments", []):
                comment = services.post_comment(
                    question=question,
                    answer=answer,
                    body=c["body"],
                    created_at=_ago(c["days_ago"]),
                    **_author(c, members),
                )
                _expect(comment, f"{where}, answer {number}, a comment")
                counts["comments"] += 1
            counts["votes"] += _votes(answer, a, members, downvotes)
            if (edit := a.get("edit")) and answer.author is not None:
                services.edit_answer(  # a later edit by its author, with history
                    editor=answer.author,
                    answer=answer,
                    body=f"{answer.body}\n\n{edit['append']}",
                    summary=edit.get("summary", ""),
                )
        counts["votes"] += _votes(question, q, members, downvotes)
        best = q.get("best", -1)
        if best >= 0 and question.author is not None:
            services.select_best_answer(
                actor=question.author, question=question, answer=answers[best]
            )
        if closed := q.get("closed"):
            moderation.close_question(
                moderator=next(u for u in members.values() if roles.is_moderator(u)),
                question=question,
                reason=closed["reason"],
                note=closed.get("note", ""),
            )
        Question.objects.filter(pk=question.pk).update(view_count=q.get("views", 0))
        services.refresh_hotness(question.pk)
    # Down votes need the privilege's points, which members have earned by now.
    for voter, post in downvotes:
        voter.refresh_from_db(fields=["points"])
        services.cast_vote(voter=voter, post=post, value=-1)
        counts["votes"] += 1
    return {
        **counts,
        "members": len(members),
        "professionals": len(professionals_verified),
        "password": password,
    }


def _votes(post: Any, data: dict[str, Any], members: dict[str, User], downvotes: list[Any]) -> int:
    for username in data.get("upvoters", []):
        services.cast_vote(voter=members[username], post=post, value=1)
    downvotes.extend((members[username], post) for username in data.get("downvoters", []))
    return len(data.get("upvoters", []))
