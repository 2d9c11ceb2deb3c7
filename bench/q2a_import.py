"""Time `import_q2a` on a large generated Question2Answer database.

    .venv/bin/python bench/q2a_import.py [--questions 10000] [--mysql mysql://root@127.0.0.1:3306]

1. Loads the Q2A 1.8.8 fixture dump into the MariaDB database `q2a_bench` (Q2A's own
   tables, options and 29 categories), empties its content tables and fills them with
   generated rows: 2,000 members, N questions (10 % anonymous), 3N answers, N comments,
   13N votes (85 % up, on questions and answers), a best answer on 30 % of the questions.
2. Imports it into a fresh Mindwell database (SQLite in var/bench-q2a/, or PostgreSQL
   `<name>_q2abench` when DATABASE_URL is set) with `manage.py import_q2a`, and prints the
   import's report and its wall-clock time.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pymysql

sys.path.insert(0, str(Path(__file__).resolve().parent))
from importing import ROOT, WORDS, fresh_database, timed_import

DUMP = Path(os.environ.get("Q2A_FIXTURE_DIR", "/work/shared/fixtures/q2a")) / "q2a-1.8.8.sql.gz"
BCRYPT = "$2y$10$4l0yJ7kQpYkV9y3bZ0l2XOUd1mJ6s2kqJfSxgkY3o5jv6k1o8Qm0e"


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def build(url: str, questions: int, seed: int = 7, name: str = "q2a_bench") -> str:
    parts = urlsplit(url)
    host, port, user = parts.hostname or "127.0.0.1", parts.port or 3306, parts.username or "root"
    connection = pymysql.connect(
        host=host, port=port, user=user, charset="utf8mb4", autocommit=True
    )
    cursor = connection.cursor()
    cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
    cursor.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    client = shutil.which("mariadb") or shutil.which("mysql") or "mariadb"
    with gzip.open(DUMP, "rb") as sql:
        subprocess.run(
            [client, "-h", host, "-P", str(port), "-u", user, name], input=sql.read(), check=True
        )
    cursor.execute(f"USE `{name}`")
    cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
    for table in (
        "posts",
        "users",
        "uservotes",
        "userpoints",
        "userfavorites",
        "userprofile",
        "posttags",
        "words",
        "messages",
        "userlevels",
        "userlogins",
        "blobs",
    ):
        cursor.execute(f"TRUNCATE TABLE qa_{table}")
    rng = random.Random(seed)
    start = datetime(2023, 1, 1)  # noqa: DTZ001 - Q2A keeps naive UTC
    members = 2000
    cursor.executemany(
        "INSERT INTO qa_users (userid, created, createip, email, handle, passhash, level,"
        " loggedin, loginip, flags) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        [
            (
                i,
                start + timedelta(hours=i),
                "",
                f"m{i}@bench.invalid",
                f"member_{i}",
                BCRYPT,
                0,
                start + timedelta(hours=i),
                "",
                1,
            )
            for i in range(1, members + 1)
        ],
    )
    posts, postid = [], 0
    question_ids, answer_ids = [], []
    tags = [f"{a}-{b}" for a in WORDS[:20] for b in WORDS[20:35]]
    for _ in range(questions):
        postid += 1
        question_ids.append(postid)
        anonymous = rng.random() < 0.1
        posts.append(
            (
                postid,
                "Q",
                None,
                rng.randint(1, 29),
                None if anonymous else rng.randint(1, members),
                start + timedelta(minutes=postid),
                sentence(rng, 9)[:-1] + "?",
                "\n\n".join(sentence(rng, 40) for _ in range(3)),
                ",".join(rng.sample(tags, 3)),
                rng.randint(0, 500),
                "Visitor" if anonymous else None,
            )
        )
    for _ in range(questions * 3):
        postid += 1
        answer_ids.append(postid)
        posts.append(
            (
                postid,
                "A",
                rng.choice(question_ids),
                None,
                rng.randint(1, members),
                start + timedelta(minutes=postid),
                None,
                "\n\n".join(sentence(rng, 30) for _ in range(2)),
                None,
                0,
                None,
            )
        )
    for _ in range(questions):
        postid += 1
        posts.append(
            (
                postid,
                "C",
                rng.choice(question_ids + answer_ids),
                None,
                rng.randint(1, members),
                start + timedelta(minutes=postid),
                None,
                sentence(rng, 15),
                None,
                0,
                None,
            )
        )
    cursor.executemany(
        "INSERT INTO qa_posts (postid, type, parentid, categoryid, userid, created, title,"
        " content, tags, views, name, format) VALUES"
        " (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        [(*row, "") for row in posts],
    )
    answers_of: dict[int, list[int]] = {}
    for row in posts:
        if row[1] == "A":
            answers_of.setdefault(row[2], []).append(row[0])
    selections = [
        (rng.choice(answers_of[q]), q)
        for q in rng.sample(list(answers_of), int(len(answers_of) * 0.3))
    ]
    cursor.executemany("UPDATE qa_posts SET selchildid = %s WHERE postid = %s", selections)
    targets = question_ids + answer_ids
    votes: set[tuple[int, int]] = set()
    while len(votes) < questions * 13:
        votes.add((rng.choice(targets), rng.randint(1, members)))
    cursor.executemany(
        "INSERT INTO qa_uservotes (postid, userid, vote, flag, votecreated) VALUES"
        " (%s, %s, %s, %s, %s)",
        [(p, u, 1 if rng.random() < 0.85 else -1, 0, start) for p, u in sorted(votes)],
    )
    connection.commit()
    connection.close()
    return f"mysql://{user}@{host}:{port}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--mysql", default="mysql://root@127.0.0.1:3306")
    parser.add_argument(
        "--name", default="q2a_bench", help="the generated MariaDB database (dropped first)"
    )
    parser.add_argument(
        "--build-only", action="store_true", help="generate the Q2A database, import nothing"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    source = build(args.mysql, args.questions, name=args.name)
    print(f"Generated the Q2A database {source} in {time.perf_counter() - started:.0f} s")
    if args.build_only:
        return
    env = fresh_database(ROOT / "var" / "bench-q2a", "q2abench")
    timed_import(
        ["import_q2a", "--from", source], env, f"import_q2a of {args.questions:,} questions"
    )


if __name__ == "__main__":
    main()
