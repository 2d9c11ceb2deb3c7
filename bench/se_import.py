"""Time `import_stackexchange` on a large generated Stack Exchange dump.

    .venv/bin/python bench/se_import.py [--questions 10000]

1. Writes a dump in the archive.org format into var/bench-se/dump/: 2,000 members,
   N questions (HTML bodies, 1-3 tags), 3N answers, 2N comments, 13N votes (85 % up,
   5 % favourites), an accepted answer on 30 % of the questions, duplicates on 1 %, a
   PostHistory of 3 rows per post and one body edit on 10 % of them.
2. Imports it into a fresh Mindwell database (SQLite in var/bench-se/, or PostgreSQL
   `<name>_sebench` when DATABASE_URL is set) with `manage.py import_stackexchange` and
   prints the report, the wall-clock time and the peak memory of the import.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import quoteattr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from importing import ROOT, fresh_database, timed_import
from importing import WORDS as COMMON_WORDS

# The words of its posts (the same as before the words were shared).
WORDS = [*COMMON_WORDS[:8], "grief", "trust", "calm", "talk"]


def _row(out, **attrs: object) -> None:
    out.write("  <row " + " ".join(f"{k}={quoteattr(str(v))}" for k, v in attrs.items()) + " />\n")


def _when(rng: random.Random) -> str:
    start = datetime(2015, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(200_000_000))
    return start.replace(tzinfo=None).isoformat(timespec="milliseconds")


def build(folder: Path, questions: int) -> None:
    rng = random.Random(17)
    folder.mkdir(parents=True, exist_ok=True)
    members = 2000
    with (folder / "Users.xml").open("w") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<users>\n')
        for i in range(1, members + 1):
            _row(
                out,
                Id=i,
                Reputation=rng.randrange(1, 5000),
                CreationDate=_when(rng),
                DisplayName=f"{rng.choice(WORDS).title()} Person {i}",
                Location="Somewhere",
                AboutMe="<p>I listen.</p>",
            )
        out.write("</users>\n")
    answers_of: dict[int, list[int]] = {}
    post_id = 0
    with (folder / "Posts.xml").open("w") as out, (folder / "PostHistory.xml").open("w") as hist:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<posts>\n')
        hist.write('<?xml version="1.0" encoding="utf-8"?>\n<posthistory>\n')
        history_id = 0
        for _ in range(questions):
            post_id += 1
            qid = post_id
            body = "<p>" + " ".join(rng.choice(WORDS) for _ in range(60)) + "</p>"
            tags = "".join(f"<{t}>" for t in rng.sample(WORDS, rng.randint(1, 3)))
            answers = list(range(post_id + 1, post_id + 4))
            answers_of[qid] = answers
            _row(
                out,
                Id=qid,
                PostTypeId=1,
                CreationDate=_when(rng),
                Score=rng.randrange(-2, 20),
                ViewCount=rng.randrange(1000),
                Body=body,
                OwnerUserId=rng.randrange(1, members),
                Title=f"How do I handle {rng.choice(WORDS)} and {rng.choice(WORDS)} {qid}",
                Tags=tags,
                **({"AcceptedAnswerId": answers[0]} if rng.random() < 0.3 else {}),
            )
            for type_id, text in ((1, f"Question {qid}"), (2, body), (3, tags)):
                history_id += 1
                _row(
                    hist,
                    Id=history_id,
                    PostHistoryTypeId=type_id,
                    PostId=qid,
                    RevisionGUID=f"g{qid}",
                    CreationDate=_when(rng),
                    UserId=1,
                    Text=text,
                )
            if rng.random() < 0.1:
                history_id += 1
                _row(
                    hist,
                    Id=history_id,
                    PostHistoryTypeId=5,
                    PostId=qid,
                    RevisionGUID=f"e{qid}",
                    CreationDate=_when(rng),
                    UserId=2,
                    Text=body + " !",
                )
            for aid in answers:
                post_id += 1
                _row(
                    out,
                    Id=aid,
                    PostTypeId=2,
                    ParentId=qid,
                    CreationDate=_when(rng),
                    Score=rng.randrange(-1, 10),
                    OwnerUserId=rng.randrange(1, members),
                    Body="<p>" + " ".join(rng.choice(WORDS) for _ in range(40)) + "</p>",
                )
        out.write("</posts>\n")
        hist.write("</posthistory>\n")
    with (folder / "Comments.xml").open("w") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<comments>\n')
        for i in range(1, 2 * questions + 1):
            _row(
                out,
                Id=i,
                PostId=rng.randrange(1, post_id + 1),
                Score=0,
                CreationDate=_when(rng),
                Text=" ".join(rng.choice(WORDS) for _ in range(15)),
                UserId=rng.randrange(1, members),
            )
        out.write("</comments>\n")
    with (folder / "Votes.xml").open("w") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<votes>\n')
        for i in range(1, 13 * questions + 1):
            kind = rng.random()
            vote_type = 2 if kind < 0.85 else 3 if kind < 0.95 else 5
            qid = rng.randrange(1, post_id + 1)
            extra = {"UserId": rng.randrange(1, members)} if vote_type == 5 else {}
            _row(out, Id=i, PostId=qid, VoteTypeId=vote_type, CreationDate=_when(rng), **extra)
        out.write("</votes>\n")
    with (folder / "PostLinks.xml").open("w") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<postlinks>\n')
        ids = list(answers_of)
        for i in range(questions // 100):
            a, b = rng.sample(ids, 2)
            _row(out, Id=i + 1, PostId=a, RelatedPostId=b, LinkTypeId=3, CreationDate=_when(rng))
        out.write("</postlinks>\n")
    (folder / "Tags.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<tags>\n'
        + "".join(f'  <row Id="{i}" TagName="{w}" Count="1" />\n' for i, w in enumerate(WORDS))
        + "</tags>\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=10_000)
    args = parser.parse_args()
    var = ROOT / "var" / "bench-se"
    shutil.rmtree(var, ignore_errors=True)
    build(var / "dump", args.questions)
    env = fresh_database(var, "sebench")
    timed_import(
        ["import_stackexchange", str(var / "dump")],
        env,
        f"import_stackexchange of {args.questions:,} questions",
    )


if __name__ == "__main__":
    main()
