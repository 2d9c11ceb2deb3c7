"""Seed a large synthetic Mindwell community into an empty database, fast.

Everything is generated in memory first (deterministically, from random.Random(seed)), the
denormalised counters are computed from the generated rows, and then every table is written
with bulk_create in batches inside one transaction. The services are not used: they do one
post at a time with its revision, ledger rows and locks, far too slow for this volume.

What is consistent with what the services would have produced:

- Question.answer_count / comment_count / score / upvotes / downvotes / has_upvoted_answer /
  accepted_answer / hotness (services.hotness) / last_activity_*; Answer.score / upvotes /
  downvotes / comment_count; Tag.question_count; Category.question_count (direct questions);
- User.points from the points formula (flat parts and capped vote parts, as the ledger would
  sum them).

What is not seeded: revisions, the points ledger (PointEvent), email addresses and passwords
(members cannot log in). The pages the benchmark reads do not use them.

Use: `seed(scale=1.0)` after django.setup() on a migrated, empty database, or
`python bench/seed.py --scale 0.05` (refuses a database that already has members or posts;
mind MINDWELL_VAR_DIR / DATABASE_URL). `python bench/seed.py --verify` checks the counters.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Any, Protocol

BASE_SIZES = {
    "members": 2_000,
    "questions": 10_000,
    "answers": 30_000,
    "comments": 20_000,
    "votes": 50_000,
    "tags": 300,
}
MIN_SIZES = {
    "members": 30,
    "questions": 60,
    "answers": 150,
    "comments": 100,
    "votes": 200,
    "tags": 20,
}
BATCH = 2_000
N_QUESTION_BODIES = 60
N_ANSWER_BODIES = 90
N_COMMENT_BODIES = 60

# The demo's categories (slug, name, parent slug): 7 roots, 10 children, 2 at depth 3.
CATEGORIES = [
    ("relationships", "Relationships", ""),
    ("family", "Family", ""),
    ("anxiety-stress", "Anxiety & stress", ""),
    ("depression", "Depression", ""),
    ("grief", "Grief", ""),
    ("counseling-therapy", "Counseling & therapy", ""),
    ("professional-ethics", "Professional ethics", ""),
    ("dating", "Dating", "relationships"),
    ("long-distance", "Long-distance", "dating"),
    ("breakups", "Breakups", "relationships"),
    ("parenting", "Parenting", "family"),
    ("teens", "Teenagers", "parenting"),
    ("caregiving", "Caregiving", "family"),
    ("panic-attacks", "Panic attacks", "anxiety-stress"),
    ("pet-loss", "Pet loss", "grief"),
    ("finding-a-therapist", "Finding a therapist", "counseling-therapy"),
    ("peer-support", "Peer support", "professional-ethics"),
]


def sizes_for(scale: float) -> dict[str, int]:
    """Row counts for a scale factor (1.0 = BASE_SIZES); tags grow with the square root."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    sizes = {k: max(MIN_SIZES[k], round(v * scale)) for k, v in BASE_SIZES.items()}
    sizes["tags"] = max(MIN_SIZES["tags"], round(BASE_SIZES["tags"] * min(1.0, scale) ** 0.5))
    return sizes


# Vocabulary ------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words(
    "Alex Sam Jordan Taylor Maya Lena Priya Elena Marcus Rosa Jonah Tess Oliver Kai Amara "
    "Ben Fern Dev Hannah Noor Lucas Ines Tomas Aiko Zara Omar Chloe Ravi Mila Theo Ana "
    "Kofi Sara Leo Nina Ivan Lucia Hugo Emma Yusuf Grace Mateo Ada Felix Iris Jonas"
)
ANON_NAMES = [
    "", "", "", "Worried parent", "J.", "Throwaway", "A tired nurse", "Someone",
    "Quiet reader", "M.", "Anxious student", "Night owl", "Still here",
]  # fmt: skip
TOPIC_WORDS = _words(
    "anxiety sleep grief depression boundaries parenting teens dating breakup loneliness "
    "burnout panic therapy counseling trust jealousy anger guilt shame self-esteem "
    "motivation insomnia stress family siblings caregiving divorce co-parenting friendship "
    "communication conflict apology forgiveness trauma ptsd ocd adhd medication relapse "
    "recovery addiction alcohol mindfulness journaling exercise routine work school exams "
    "social-anxiety loss pet-loss moving retirement pregnancy postpartum infertility "
    "intimacy attachment perfectionism procrastination overthinking rumination "
    "self-care support-groups ethics supervision confidentiality dual-relationships "
    "long-distance marriage roommates in-laws bullying identity"
)
TAG_SUFFIXES = _words("tips help advice at-work at-night in-teens after-loss basics")
PEOPLE = _words(
    "partner husband wife boyfriend girlfriend mother father sister brother son daughter "
    "teenager roommate boss coworker therapist counselor ex grandmother"
)
FEELINGS = _words(
    "anxious numb exhausted guilty angry lonely overwhelmed stuck hopeless restless "
    "ashamed jealous confused sad nervous drained"
)
EVENTS = [
    "a breakup", "moving to a new city", "losing my job", "my father's death",
    "the holidays", "starting therapy", "a panic attack at work", "an argument",
    "having a baby", "my dog died", "a long illness", "graduating", "retiring",
    "a friend stopped talking to me", "my divorce", "a bad review at work",
]  # fmt: skip
ACTIONS = [
    "set boundaries with", "talk to", "support", "forgive", "stop avoiding",
    "apologise to", "reconnect with", "say no to", "trust", "stop arguing with",
]  # fmt: skip
PERIODS = [
    "a few weeks", "months", "almost a year", "two years", "since last winter",
    "since the summer", "for as long as I remember",
]  # fmt: skip
HABITS = [
    "journaling", "a short walk every morning", "breathing exercises", "a support group",
    "talking to a counselor", "a fixed bedtime", "writing a worry list", "less caffeine",
    "calling a friend", "grounding exercises", "a gratitude list", "yoga",
]  # fmt: skip
TITLE_TEMPLATES = [
    "How do I {action} my {person} when I feel {feeling}?",
    "Is it normal to feel {feeling} after {event}?",
    "How can I cope with {topic} after {event}?",
    "What helps with {topic} when you have been {feeling} for {period}?",
    "My {person} and I keep fighting about {topic} - what should we do?",
    "Should I {action} my {person} about {topic}?",
    "Has anyone tried {habit} for {topic}?",
    "{Topic} and {topic2}: where do I even start?",
    "Why do I feel {feeling} every time my {person} mentions {topic}?",
    "How long does {topic} last after {event}?",
    "Can a counselor help with {topic} and {topic2}?",
    "I feel {feeling} and I don't know how to {action} my {person}",
]
SENTENCES = [
    "I have been feeling {feeling} about {topic} for {period}.",
    "It started after {event}, and it has not really let up since.",
    "My {person} says I should just relax, but that does not help at all.",
    "Some days are fine, and then {topic} comes back out of nowhere.",
    "I tried {habit} for a while and it helped a little.",
    "I am not sure whether this is something to bring to a counselor.",
    "What worries me most is how it affects my {person}.",
    "When I try to {action} my {person}, I end up feeling {feeling} instead.",
    "I read a lot about {topic}, but most advice feels very generic.",
    "Nights are the hardest: that is when the {topic} gets loud.",
    "I want to handle this better before it turns into {topic2}.",
    "Honestly, I feel a bit silly even asking this.",
    "People around me seem to manage {topic} without any trouble.",
    "I keep replaying {event} in my head.",
]
ANSWER_SENTENCES = [
    "What you describe is very common after {event}, and it does not mean you are failing.",
    "It may help to separate {topic} from the story you tell yourself about it.",
    "Try {habit} for two weeks and keep a short note of what changes.",
    "A counselor who works with {topic} can help you find the pattern behind it.",
    "Be gentle with yourself: feeling {feeling} is a signal, not a verdict.",
    "When you talk to your {person}, start with how you feel rather than what they did.",
    "Small, boring routines are underrated when {topic} takes over.",
    "If it gets worse or you feel unsafe, please reach out to a crisis line right away.",
    "In my experience, {habit} and {habit2} together worked better than either alone.",
    "Many people find that {topic} eases once sleep and meals are regular again.",
    "It is okay to {action} your {person} slowly; boundaries can be built step by step.",
    "Write down what you would tell a friend in the same situation, then read it back.",
]
COMMENT_SENTENCES = [
    "Thank you, this helps a lot.",
    "Same here, {topic} has been rough for me too.",
    "Could you say more about {habit}?",
    "Did you talk to your {person} about it?",
    "This is such a kind answer.",
    "How long did it take before you felt less {feeling}?",
    "Seconding the advice about {habit}.",
    "I tried this and it made a real difference.",
    "Sending you strength.",
    "Has anyone found a good support group for {topic}?",
]


class Vocab:
    """Fills templates with words picked by one deterministic random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def words(self) -> dict[str, str]:
        r = self.rng
        topic, topic2 = r.sample(TOPIC_WORDS, 2)
        habit, habit2 = r.sample(HABITS, 2)
        return {
            "topic": topic.replace("-", " "),
            "topic2": topic2.replace("-", " "),
            "Topic": topic.replace("-", " ").capitalize(),
            "person": r.choice(PEOPLE),
            "feeling": r.choice(FEELINGS),
            "event": r.choice(EVENTS),
            "action": r.choice(ACTIONS),
            "period": r.choice(PERIODS),
            "habit": habit,
            "habit2": habit2,
        }

    def fill(self, template: str) -> str:
        return template.format(**self.words())

    def title(self) -> str:
        title = self.fill(self.rng.choice(TITLE_TEMPLATES))
        return title[:150]

    def paragraph(self, sentences: Sequence[str], n: int) -> str:
        return " ".join(self.fill(s) for s in self.rng.sample(list(sentences), n))

    def question_body(self) -> str:
        r = self.rng
        parts = [self.paragraph(SENTENCES, r.randint(2, 5)) for _ in range(r.randint(1, 4))]
        if r.random() < 0.4:
            parts.append(
                "What I have tried so far:\n\n"
                + "\n".join(f"- {r.choice(HABITS)}" for _ in range(r.randint(2, 5)))
            )
        if r.random() < 0.3:
            parts.append(f"**Any advice on {r.choice(TOPIC_WORDS).replace('-', ' ')}?**")
        return "\n\n".join(parts)

    def answer_body(self) -> str:
        r = self.rng
        parts = [self.paragraph(ANSWER_SENTENCES, r.randint(2, 5)) for _ in range(r.randint(1, 5))]
        if r.random() < 0.35:
            parts.insert(1, "A few things that help:\n\n" + "\n".join(
                f"{i}. {self.fill(r.choice(ANSWER_SENTENCES))}" for i in range(1, r.randint(3, 6))
            ))  # fmt: skip
        if r.random() < 0.2:
            parts.append(f"> {self.fill(r.choice(SENTENCES))}\n\n*Take care of yourself.*")
        if r.random() < 0.1:
            parts.insert(0, f"## {self.fill('On {topic}')}")
        return "\n\n".join(parts)

    def comment_body(self) -> str:
        return self.paragraph(COMMENT_SENTENCES, self.rng.randint(1, 3))


def question_slug(title: str) -> str:
    """The slug Question.save() would compute (bulk_create does not call save())."""
    from django.utils.text import slugify

    from mindwell.qa.models import RESERVED_SLUGS

    slug = slugify(title)[:80].strip("-") or "question"
    return slug + "-q" if slug in RESERVED_SLUGS else slug


def tag_names(rng: random.Random, n: int) -> list[str]:
    """n distinct tag names: the topic words, then word-word and word-suffix combinations."""
    names = list(dict.fromkeys(TOPIC_WORDS))
    rng.shuffle(names)
    seen = set(names)
    attempts = 0
    while len(names) < n and attempts < 100 * n:
        attempts += 1
        a = rng.choice(TOPIC_WORDS)
        b = rng.choice(TAG_SUFFIXES) if rng.random() < 0.4 else rng.choice(TOPIC_WORDS)
        name = f"{a}-{b}"[:40]
        if a != b and name not in seen:
            seen.add(name)
            names.append(name)
    return names[:n]


class TextSource(Protocol):
    """Unique titles and bodies by question index (0-based), e.g. search_text.SearchTexts."""

    def question(self, index: int) -> tuple[str, str, str]: ...  # title, body, body_html
    def answer(self, index: int) -> tuple[str, str]: ...  # body, body_html
    def comment(self, index: int) -> str: ...  # body (its HTML is render_plain's)


def _pareto_cum(rng: random.Random, n: int, alpha: float) -> list[float]:
    return list(accumulate(rng.paretovariate(alpha) for _ in range(n)))


# Seeding -----------------------------------------------------------------------------


def database_is_empty() -> bool:
    from mindwell.accounts.models import User
    from mindwell.qa.models import Question
    from mindwell.taxonomy.models import Category, Tag

    return not (
        User.objects.exists()
        or Question.objects.exists()
        or Category.objects.exists()
        or Tag.objects.exists()
    )


def seed(
    *,
    scale: float = 1.0,
    seed: int = 42,
    log: Callable[[str], None] = print,
    texts: TextSource | None = None,
) -> dict[str, Any]:
    """Fill an empty, migrated database; returns the row counts and the time taken.

    With `texts` (bench/search_text.py), every title and body is generated by it instead of
    the few rendered templates; the structure (authors, dates, counts, votes) is the same."""
    from django.db import connection, transaction

    if not database_is_empty():
        raise RuntimeError("seed() needs an empty database (no members, categories, tags, posts)")
    started = time.perf_counter()
    sizes = sizes_for(scale)
    with transaction.atomic():
        counts = _seed(sizes, random.Random(seed), log, texts)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum would do shortly after a bulk load
    counts["seconds"] = round(time.perf_counter() - started, 1)
    log(f"seeded in {counts['seconds']} s: {counts}")
    return counts


def _seed(
    sizes: dict[str, int],
    rng: random.Random,
    log: Callable[[str], None],
    texts: TextSource | None = None,
) -> dict[str, Any]:
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.management.color import no_style
    from django.db import connection
    from django.utils import timezone

    from mindwell.accounts.models import User
    from mindwell.core import markdown
    from mindwell.qa.content import hotness
    from mindwell.qa.models import ANONYMOUS_NAME, Answer, Comment, Question, Status, Vote
    from mindwell.reputation.services import vote_part
    from mindwell.taxonomy.models import Category, Tag

    t0 = time.perf_counter()
    now = timezone.now().replace(microsecond=0)
    vocab = Vocab(rng)
    n_members, n_questions = sizes["members"], sizes["questions"]
    n_answers, n_comments, n_votes = sizes["answers"], sizes["comments"], sizes["votes"]

    def step(what: str) -> None:
        log(f"  {what} ({time.perf_counter() - t0:.1f} s)")

    # Members ---------------------------------------------------------------------------
    unusable = make_password(None)
    levels = [User.Level.ADMIN, User.Level.MODERATOR, User.Level.MODERATOR, User.Level.EDITOR]
    users: list[User] = []
    for i in range(1, n_members + 1):
        first = rng.choice(FIRST_NAMES)
        level = levels[i - 1] if i <= len(levels) else (
            User.Level.EXPERT if rng.random() < 0.03
            else User.Level.APPROVED if rng.random() < 0.2 else User.Level.MEMBER
        )  # fmt: skip
        users.append(User(
            id=i, username=f"{first.lower()}{i:05d}", password=unusable,
            email=f"member{i}@bench.invalid",
            display_name=f"{first} {chr(65 + rng.randrange(26))}." if rng.random() < 0.7 else "",
            about="", level=level, date_joined=now - timedelta(days=rng.uniform(30, 900)),
        ))  # fmt: skip
    user_by_id = {u.id: u for u in users}
    member_cum = _pareto_cum(rng, n_members, 1.1)  # a few very active members
    member_ids = [u.id for u in users]

    def pick_members(k: int) -> list[int]:
        return rng.choices(member_ids, cum_weights=member_cum, k=k)

    # Categories (few: save() one by one, it computes path and depth) -----------------
    categories: dict[str, Category] = {}
    for position, (slug, name, parent) in enumerate(CATEGORIES):
        category = Category(
            name=name, slug=slug, parent=categories.get(parent), position=position,
            description=f"Questions about {name.lower()}.",
        )  # fmt: skip
        category.save()
        categories[slug] = category
    category_list = list(categories.values())
    category_cum = list(accumulate(rng.uniform(0.5, 3) for _ in category_list))
    category_counts = dict.fromkeys((c.pk for c in category_list), 0)
    step("members and categories built")

    # Tags: Zipf-like popularity; the top tag is on ~20 % of the questions ------------
    tags = [Tag(id=i, name=name) for i, name in enumerate(tag_names(rng, sizes["tags"]), 1)]
    tag_ids = [t.id for t in tags]
    tag_cum = list(accumulate(1 / (rank + 3) for rank in range(len(tags))))
    tag_counts = dict.fromkeys(tag_ids, 0)

    # Bodies: a small set of templates, each rendered once -----------------------------
    q_bodies = [vocab.question_body() for _ in range(N_QUESTION_BODIES)]
    q_html = [markdown.render(b) for b in q_bodies]
    a_bodies = [vocab.answer_body() for _ in range(N_ANSWER_BODIES)]
    a_html = [markdown.render(b) for b in a_bodies]
    c_bodies = [vocab.comment_body()[:1000] for _ in range(N_COMMENT_BODIES)]
    c_html = [markdown.render_plain(b) for b in c_bodies]

    def authorship(p_anonymous: float, p_visitor: float) -> dict[str, Any]:
        """Fields of a post's author: a member, a member posting anonymously, or a visitor."""
        if rng.random() < p_anonymous:
            author_id = None if rng.random() < p_visitor else pick_members(1)[0]
            return {"author_id": author_id, "is_anonymous": True,
                    "author_name": rng.choice(ANON_NAMES)}  # fmt: skip
        author_id = pick_members(1)[0]
        return {"author_id": author_id, "is_anonymous": False,
                "author_name": user_by_id[author_id].public_name}  # fmt: skip

    def byline(post: Any) -> str:
        """Post.byline_name without fetching the author (author_name is the public name)."""
        return (post.author_name or ANONYMOUS_NAME) if post.is_anonymous else post.author_name

    def edited(post: Any, created_at: datetime) -> None:
        if post.author_id is not None and rng.random() < 0.05:
            post.edited_at = min(now, created_at + timedelta(hours=rng.uniform(0.1, 72)))
            post.edited_by_id = post.author_id
            post.edited_by_name = post.author_name

    # Questions: ids in time order, 10 % anonymous (half of them visitors) -------------
    ages = sorted((400 * rng.random() ** 1.4 for _ in range(n_questions)), reverse=True)
    questions: list[Question] = []
    question_tags: list[tuple[int, int]] = []
    for i, days_ago in enumerate(ages, 1):
        created_at = now - timedelta(days=days_ago, seconds=rng.randrange(3600))
        body = rng.randrange(N_QUESTION_BODIES)
        title = vocab.title()  # drawn even with texts: the same rng stream, the same structure
        q_body, q_body_html = q_bodies[body], q_html[body]
        if texts is not None:
            title, q_body, q_body_html = texts.question(i - 1)
        category = rng.choices(category_list, cum_weights=category_cum)[0]
        q = Question(
            id=i, title=title, slug=question_slug(title), body=q_body,
            body_html=q_body_html, category_id=category.pk, created_at=created_at,
            status=Status.PUBLISHED, view_count=int(rng.lognormvariate(3.5, 1.3)),
            **authorship(0.10, 0.5),
        )  # fmt: skip
        edited(q, created_at)
        q.last_activity_at, q.last_activity_kind = created_at, "asked"
        q.last_activity_name = byline(q)
        q.last_activity_user_id = None if q.is_anonymous else q.author_id
        questions.append(q)
        category_counts[category.pk] += 1
        n_tags = rng.choices((1, 2, 3, 4, 5), weights=(10, 25, 35, 20, 10))[0]
        chosen: set[int] = set()
        for _ in range(20):
            chosen.add(rng.choices(tag_ids, cum_weights=tag_cum)[0])
            if len(chosen) >= n_tags:
                break
        for tag_id in sorted(chosen):
            question_tags.append((i, tag_id))
            tag_counts[tag_id] += 1
    step(f"{n_questions} questions built")

    # Answers: ~12 % of questions unanswered, ~0.3 % with 40-120 answers ---------------
    per_question = [0] * n_questions
    order = list(range(n_questions))
    rng.shuffle(order)
    n_unanswered = int(n_questions * 0.12)
    answered = order[n_unanswered:]
    budget = n_answers
    for idx in answered[: max(1, n_questions // 300)]:
        per_question[idx] = min(budget, rng.randint(40, 120))
        budget -= per_question[idx]
    for idx in answered[max(1, n_questions // 300) :]:
        if budget <= 0:
            break
        per_question[idx] = 1
        budget -= 1
    if budget > 0:
        cum = list(accumulate(min(12.0, rng.paretovariate(1.6)) for _ in answered))
        for idx in rng.choices(answered, cum_weights=cum, k=budget):
            per_question[idx] += 1
    drafts: list[tuple[datetime, int]] = []
    for idx, count in enumerate(per_question):
        asked = questions[idx].created_at
        span = max(60.0, (now - asked).total_seconds() - 60)
        for _ in range(count):
            delay = min(span, rng.expovariate(1 / min(span / 3, 3 * 86_400)))
            drafts.append((asked + timedelta(seconds=delay), idx))
    drafts.sort(key=lambda d: d[0])
    answers: list[Answer] = []
    answers_of: list[list[Answer]] = [[] for _ in range(n_questions)]
    for i, (created_at, idx) in enumerate(drafts, 1):
        body = rng.randrange(N_ANSWER_BODIES)
        a_body, a_body_html = a_bodies[body], a_html[body]
        if texts is not None:
            a_body, a_body_html = texts.answer(idx)
        a = Answer(
            id=i, question_id=idx + 1, body=a_body, body_html=a_body_html,
            created_at=created_at, status=Status.PUBLISHED, **authorship(0.05, 0.5),
        )  # fmt: skip
        edited(a, created_at)
        answers.append(a)
        answers_of[idx].append(a)
        q = questions[idx]
        q.answer_count += 1
        if created_at >= q.last_activity_at:
            q.last_activity_at, q.last_activity_kind = created_at, "answered"
            q.last_activity_name = byline(a)
            q.last_activity_user_id = None if a.is_anonymous else a.author_id
    step(f"{len(answers)} answers built")

    # Comments: 30 % on questions, the rest on answers ---------------------------------
    q_cum = list(accumulate(1 + 0.2 * q.answer_count for q in questions))
    drafts_c: list[tuple[datetime, int, Answer | None]] = []
    for _ in range(n_comments):
        if answers and rng.random() < 0.7:
            target: Answer | None = rng.choice(answers)
            idx, after = target.question_id - 1, target.created_at
        else:
            target = None
            idx = rng.choices(range(n_questions), cum_weights=q_cum)[0]
            after = questions[idx].created_at
        span = max(60.0, (now - after).total_seconds() - 30)
        delay = min(span, rng.expovariate(1 / min(span / 3, 2 * 86_400)))
        drafts_c.append((after + timedelta(seconds=delay), idx, target))
    drafts_c.sort(key=lambda d: d[0])
    comments: list[Comment] = []
    for i, (created_at, idx, target) in enumerate(drafts_c, 1):
        body = rng.randrange(N_COMMENT_BODIES)
        c_body, c_body_html = c_bodies[body], c_html[body]
        if texts is not None:
            c_body = texts.comment(idx)
            c_body_html = markdown.render_plain(c_body)
        c = Comment(
            id=i, question_id=idx + 1, answer_id=target.id if target else None,
            body=c_body, body_html=c_body_html, created_at=created_at,
            status=Status.PUBLISHED, **authorship(0.05, 0.5),
        )  # fmt: skip
        comments.append(c)
        q = questions[idx]
        q.comment_count += 1
        if target is not None:
            target.comment_count += 1
        if created_at >= q.last_activity_at:
            q.last_activity_at, q.last_activity_kind = created_at, "commented"
            q.last_activity_name = byline(c)
            q.last_activity_user_id = None if c.is_anonymous else c.author_id
    step(f"{len(comments)} comments built")

    # Votes: one per member per post, never on one's own post --------------------------
    answer_cum = list(accumulate(rng.paretovariate(1.3) for _ in answers))
    q_vote_cum = list(accumulate(1 + q.answer_count + q.view_count / 50 for q in questions))
    seen_votes: set[tuple[str, int, int]] = set()
    votes: list[Vote] = []
    vote_cast: dict[int, int] = {}
    attempts = 0
    while len(votes) < n_votes and attempts < 10 * n_votes:
        attempts += 1
        voter = pick_members(1)[0] if rng.random() < 0.5 else rng.choice(member_ids)
        post: Question | Answer
        if not answers or rng.random() < 0.35:
            post = rng.choices(questions, cum_weights=q_vote_cum)[0]
            key, up_share = ("q", post.id, voter), 0.85
        else:
            post = rng.choices(answers, cum_weights=answer_cum)[0]
            key, up_share = ("a", post.id, voter), 0.9
        if post.author_id == voter or key in seen_votes:
            continue
        seen_votes.add(key)
        value = 1 if rng.random() < up_share else -1
        when = post.created_at + (now - post.created_at) * rng.random() ** 2
        target_kw = {"question_id": post.id} if key[0] == "q" else {"answer_id": post.id}
        votes.append(Vote(voter_id=voter, value=value, created_at=when, **target_kw))
        vote_cast[voter] = vote_cast.get(voter, 0) + 1
        if value == 1:
            post.upvotes += 1
        else:
            post.downvotes += 1
        post.score += value
    step(f"{len(votes)} votes built")

    # Best answers (chosen by members who asked), points, hotness ------------------------
    p = settings.POINTS
    units: dict[int, int] = {}

    def earn(user_id: int | None, amount: int) -> None:
        if user_id is not None and amount:
            units[user_id] = units.get(user_id, 0) + amount

    for q, its_answers in zip(questions, answers_of, strict=True):
        q.has_upvoted_answer = any(a.upvotes > 0 for a in its_answers)
        if its_answers and q.author_id is not None and rng.random() < 0.4:
            best = (
                max(its_answers, key=lambda a: (a.score, -a.id)) if rng.random() < 0.7
                else rng.choice(its_answers)
            )  # fmt: skip
            q.accepted_answer_id = best.id
            if not best.is_anonymous and best.author_id not in (None, q.author_id):
                earn(best.author_id, p["ANSWER_SELECTED"])
                if not q.is_anonymous:
                    earn(q.author_id, p["BEST_ANSWER_SELECTED"])
        q.hotness = hotness(
            created_at=q.created_at, score=q.score, answer_count=q.answer_count,
            view_count=q.view_count,
        )  # fmt: skip
        if not q.is_anonymous:
            earn(q.author_id, p["QUESTION_POSTED"])
            earn(q.author_id, vote_part(on_question=True, upvotes=q.upvotes,
                                        downvotes=q.downvotes))  # fmt: skip
    for a in answers:
        if not a.is_anonymous:
            earn(a.author_id, p["ANSWER_POSTED"])
            earn(a.author_id, vote_part(on_question=False, upvotes=a.upvotes,
                                        downvotes=a.downvotes))  # fmt: skip
    for voter, n in vote_cast.items():
        earn(voter, n * p["VOTE_CAST"])
    for u in users:
        u.points = p["BASE"] + p["MULTIPLE"] * units.get(u.id, 0)
    for tag in tags:
        tag.question_count = tag_counts[tag.id]
    step("counters computed")

    # Write: FK constraints are deferred to the commit, so the order only has to be sane.
    User.objects.bulk_create(users, batch_size=BATCH)
    Tag.objects.bulk_create(tags, batch_size=BATCH)
    for category in category_list:
        category.question_count = category_counts[category.pk]
    Category.objects.bulk_update(category_list, ["question_count"])
    step("members and tags written")
    Question.objects.bulk_create(questions, batch_size=BATCH)
    through = Question.tags.through
    through.objects.bulk_create(
        [through(question_id=q, tag_id=t) for q, t in question_tags], batch_size=BATCH
    )
    step("questions written")
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    step("answers written")
    Comment.objects.bulk_create(comments, batch_size=BATCH)
    Vote.objects.bulk_create(votes, batch_size=BATCH)
    step("comments and votes written")
    # Rows were inserted with explicit ids: move the sequences past them (PostgreSQL).
    reset = connection.ops.sequence_reset_sql(no_style(), [User, Tag, Question, Answer, Comment])
    if reset:
        with connection.cursor() as cursor:
            for sql in reset:
                cursor.execute(sql)
    return {
        "members": len(users),
        "categories": len(category_list),
        "tags": len(tags),
        "questions": len(questions),
        "answers": len(answers),
        "comments": len(comments),
        "votes": len(votes),
        "question_tags": len(question_tags),
        "unanswered": sum(1 for q in questions if q.answer_count == 0),
        "max_answers": max(per_question),
    }


def verify() -> list[str]:
    """Compare the denormalised counters with the rows; returns the problems found."""
    from django.db.models import Count, Exists, F, OuterRef, Q

    from mindwell.qa.content import hotness
    from mindwell.qa.models import Answer, Comment, Question, Status, Vote
    from mindwell.taxonomy.models import Category, Tag

    problems: list[str] = []

    def votes_of(field: str) -> dict[int, tuple[int, int]]:
        rows = (
            Vote.objects.filter(**{f"{field}__isnull": False})
            .values(field)
            .annotate(up=Count("id", filter=Q(value=1)), down=Count("id", filter=Q(value=-1)))
        )
        return {r[field]: (r["up"], r["down"]) for r in rows}

    q_votes, a_votes = votes_of("question"), votes_of("answer")
    a_comments = dict(
        Comment.objects.filter(answer__isnull=False).values_list("answer").annotate(Count("id"))
    )
    for a in Answer.objects.only("id", "upvotes", "downvotes", "score", "comment_count"):
        up, down = a_votes.get(a.id, (0, 0))
        if (a.upvotes, a.downvotes, a.score, a.comment_count) != (
            up, down, up - down, a_comments.get(a.id, 0)
        ):  # fmt: skip
            problems.append(f"answer {a.id}: counters")
    published = Q(status=Status.PUBLISHED)
    rows = Question.objects.annotate(
        n_answers=Count("answers", filter=Q(answers__status=Status.PUBLISHED), distinct=True),
        n_comments=Count("comments", filter=Q(comments__status=Status.PUBLISHED), distinct=True),
        upvoted=Exists(Answer.objects.filter(published, question=OuterRef("pk"), upvotes__gt=0)),
    ).defer("body", "body_html")
    for q in rows:
        up, down = q_votes.get(q.id, (0, 0))
        expected = (q.n_answers, q.n_comments, q.upvoted, up, down, up - down)
        actual = (
            q.answer_count,
            q.comment_count,
            q.has_upvoted_answer,
            q.upvotes,
            q.downvotes,
            q.score,
        )
        if actual != expected:
            problems.append(f"question {q.id}: {actual} != {expected}")
        h = hotness(created_at=q.created_at, score=q.score, answer_count=q.answer_count,
                    view_count=q.view_count)  # fmt: skip
        if abs(h - q.hotness) > 1e-6:
            problems.append(f"question {q.id}: hotness (drifts once views are counted)")
        if q.slug != question_slug(q.title):
            problems.append(f"question {q.id}: slug")
    for tag in Tag.objects.annotate(n=Count("questions")):
        if tag.n != tag.question_count:
            problems.append(f"tag {tag.name}: {tag.question_count} != {tag.n}")
    for category in Category.objects.annotate(n=Count("questions")):
        if category.n != category.question_count:
            problems.append(f"category {category.slug}: {category.question_count} != {category.n}")
    bad_best = Question.objects.filter(accepted_answer__isnull=False).exclude(
        accepted_answer__question=F("pk")
    )
    problems += [f"question {pk}: accepted answer of another question"
                 for pk in bad_best.values_list("pk", flat=True)]  # fmt: skip
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 10,000 questions")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--verify", action="store_true", help="only check the counters of the current database"
    )
    args = parser.parse_args(argv)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mindwell.settings")
    import django

    django.setup()
    if args.verify:
        problems = verify()
        print("\n".join(problems[:50]) or "the counters match the rows")
        return 1 if problems else 0
    seed(scale=args.scale, seed=args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
