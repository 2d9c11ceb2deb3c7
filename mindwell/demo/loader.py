"""Load the demo community from community.toml through the same services the site uses."""

from __future__ import annotations

import secrets
import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from mindwell.accounts.models import User
from mindwell.posting import services
from mindwell.qa.models import Question
from mindwell.taxonomy.models import Category

CONTENT = Path(__file__).with_name("community.toml")


def _ago(days: float) -> Any:
    return timezone.now() - timedelta(days=float(days))


def _author(data: dict[str, Any], members: dict[str, User]) -> dict[str, Any]:
    author = members.get(data.get("author", ""))
    return {
        "author": author,
        "anonymous": bool(data.get("anonymous")) or author is None,
        "anon_name": data.get("anon_name", ""),
    }


@transaction.atomic
def load_demo(*, path: Path = CONTENT, password: str | None = None) -> dict[str, Any]:
    """Create the demo members, categories, questions, answers, comments, votes and
    best answers. Returns counts and the demo members' password."""
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

    counts = {"questions": 0, "answers": 0, "comments": 0, "votes": 0}
    downvotes: list[tuple[User, Any]] = []
    for q in content["questions"]:
        question = services.ask_question(
            title=q["title"],
            body=q["body"],
            category=categories[q["category"]],
            tags=q.get("tags", []),
            created_at=_ago(q["days_ago"]),
            **_author(q, members),
        )
        counts["questions"] += 1
        for c in q.get("comments", []):
            services.post_comment(
                question=question,
                body=c["body"],
                created_at=_ago(c["days_ago"]),
                **_author(c, members),
            )
            counts["comments"] += 1
        answers = []
        for a in q.get("answers", []):
            answer = services.post_answer(
                question=question,
                body=a["body"],
                created_at=_ago(a["days_ago"]),
                **_author(a, members),
            )
            answers.append(answer)
            counts["answers"] += 1
            for c in a.get("comments", []):
                services.post_comment(
                    question=question,
                    answer=answer,
                    body=c["body"],
                    created_at=_ago(c["days_ago"]),
                    **_author(c, members),
                )
                counts["comments"] += 1
            counts["votes"] += _votes(answer, a, members, downvotes)
        counts["votes"] += _votes(question, q, members, downvotes)
        best = q.get("best", -1)
        if best >= 0 and question.author is not None:
            services.select_best_answer(
                actor=question.author, question=question, answer=answers[best]
            )
        Question.objects.filter(pk=question.pk).update(view_count=q.get("views", 0))
        services.refresh_hotness(question.pk)
    # Down votes need the privilege's points, which members have earned by now.
    for voter, post in downvotes:
        voter.refresh_from_db(fields=["points"])
        services.cast_vote(voter=voter, post=post, value=-1)
        counts["votes"] += 1
    return {**counts, "members": len(members), "password": password}


def _votes(post: Any, data: dict[str, Any], members: dict[str, User], downvotes: list[Any]) -> int:
    for username in data.get("upvoters", []):
        services.cast_vote(voter=members[username], post=post, value=1)
    downvotes.extend((members[username], post) for username in data.get("downvoters", []))
    return len(data.get("upvoters", []))
