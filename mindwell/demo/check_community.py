#!/usr/bin/env python3
"""Standalone checker for the Mindwell demo community content.

Usage:  python3 mindwell/demo/check_community.py [path/to/community.toml]

Loads community.toml (stdlib tomllib only) and asserts every structural and
content constraint of the demo data set, then prints a summary of counts.
"""

import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent / "community.toml"

LEVELS = {"member", "approved", "expert", "editor", "moderator", "admin", "superadmin"}
REQUIRED_TOP = {
    "relationships": "Relationships",
    "family": "Family",
    "anxiety-stress": "Anxiety & stress",
    "depression": "Depression",
    "grief": "Grief",
    "counseling-therapy": "Counseling & therapy",
    "professional-ethics": "Professional ethics",
}
USERNAME_RE = re.compile(r"^[a-z0-9_]{3,30}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TAG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
URL_RE = re.compile(r"https?://[^\s)\]>\"']+")
ALLOWED_URL_RE = re.compile(r"^https://www\.(nbcc\.org|counseling\.org)(/[A-Za-z0-9/_.-]*)?$")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Phone-like digit groups; the two public crisis lines are allowed explicitly.
PHONE_RE = re.compile(r"(?<![\w.])\+?\(?\d{2,4}\)?[\s.-]\d{3}[\s.-]?\d{2,4}(?![\w])")
ALLOWED_PHONES = {"116 123"}

# A verified professional's application (see the loader); numbers are fictional.
PROFESSION_KEYS = {
    "profession",
    "profession_detail",
    "licensing_body",
    "license_number",
    "jurisdiction",
    "expires_in_days",
    "verified_days_ago",
}
PROFESSIONS = {"counselor", "mft", "social_worker", "psychologist", "psychiatrist", "other"}
# A display name that claims a credential (en, es, fr, de, pt, it): only verified
# professionals may wear one, so no member looks like a professional without a badge.
CREDENTIAL_RE = re.compile(
    r"(?<!\w)(?:"
    # titles and letters after a name
    r"dr|dra|dott(?:\.ssa)?|doctor[a]?|docteure?|doktor(?:in)?|ph\.?\s?d|psy\.?\s?d"
    r"|lmft|mft|lpcc?|lmhc|lcpc|lcsw|licsw|lmsw|lisw|lsw|ncc|cadc|bcba"
    # licensed, in its languages
    r"|licensed|licenciad[oa]|licencié[e]?|approbiert(?:e|er)?|abilitat[oa]|habilitad[oa]"
    # psychologist, psychiatrist, (psycho)therapist, counselor, social worker
    r"|psychologist|psycholog(?:ue|e|in)|psic[oó]log[oa]"
    r"|psychiatrist|psychiatre|psychiater(?:in)?|psiquiatra|psichiatra"
    r"|(?:psycho)?therapist|(?:psycho)?therapeut(?:in)?|(?:psycho)?th[ée]rapeute"
    r"|(?:psico)?terapeuta|psicoterapista|counsell?or|consejer[oa]|conselheir[oa]"
    r"|social\s+worker|trabajador[a]?\s+social|assistante?\s+social[e]?"
    r"|sozialarbeiter(?:in)?|assistente\s+social[e]?"
    r")(?!\w)",
    re.IGNORECASE,
)


class Checker:
    def __init__(self, data):
        self.data = data
        self.errors = []

    def check(self, cond, msg):
        if not cond:
            self.errors.append(msg)
        return cond


def check_professional(ck, u, m):
    """A member's `professional` table: what the loader applies with and verifies."""
    p = m["professional"]
    if not ck(isinstance(p, dict), f"member {u}: professional must be a table"):
        return
    ck(set(p) == PROFESSION_KEYS, f"member {u}: professional keys {sorted(p)}")
    ck(p.get("profession") in PROFESSIONS, f"member {u}: bad profession {p.get('profession')!r}")
    for key in ("licensing_body", "license_number", "jurisdiction"):
        ck(isinstance(p.get(key), str) and p[key].strip(), f"member {u}: professional {key}")
    ck(isinstance(p.get("profession_detail"), str), f"member {u}: profession_detail")
    ck(
        str(p.get("license_number", "")).startswith("DEMO-"),
        f"member {u}: license numbers are fictional and start with DEMO-",
    )
    expires = p.get("expires_in_days")
    ck(
        isinstance(expires, int) and not isinstance(expires, bool) and expires >= 30,
        f"member {u}: expires_in_days must be an int >= 30 (a license valid when loaded)",
    )
    verified = p.get("verified_days_ago")
    ck(
        isinstance(verified, int)
        and not isinstance(verified, bool)
        and 0 <= verified < m.get("days_ago", 0),
        f"member {u}: verified_days_ago must be an int after joining",
    )


def days_ok(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0.05 <= value <= 360


def main(path):
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    c = Checker(data)
    ck = c.check

    ck(
        set(data) <= {"members", "categories", "questions"},
        f"unexpected top-level keys: {set(data)}",
    )

    # ------------------------------------------------------------- members
    members = data.get("members", [])
    ck(14 <= len(members) <= 20, f"members: expected 14-20, got {len(members)}")
    member_by_name = {}
    professionals = set()
    for m in members:
        u = m.get("username", "")
        ck(
            set(m) - {"professional"} == {"username", "display_name", "level", "about", "days_ago"},
            f"member {u}: keys {sorted(m)}",
        )
        if "professional" in m:
            professionals.add(u)
            check_professional(ck, u, m)
        elif isinstance(m.get("display_name"), str):
            claimed = CREDENTIAL_RE.search(m["display_name"])
            ck(
                claimed is None,
                f"member {u}: display name claims a credential ({claimed and claimed.group(0)!r}) "
                "but the member is not a verified professional",
            )
        ck(isinstance(u, str) and USERNAME_RE.match(u), f"member username invalid: {u!r}")
        ck(u not in member_by_name, f"duplicate member username: {u}")
        ck(
            isinstance(m.get("display_name"), str) and m["display_name"].strip(),
            f"member {u}: display_name",
        )
        ck(m.get("level") in LEVELS, f"member {u}: bad level {m.get('level')!r}")
        about = m.get("about", "")
        ck(isinstance(about, str) and 10 <= len(about) <= 400, f"member {u}: about length")
        ck(
            isinstance(m.get("days_ago"), int) and not isinstance(m.get("days_ago"), bool),
            f"member {u}: days_ago must be int",
        )
        ck(days_ok(m.get("days_ago")), f"member {u}: days_ago out of range")
        member_by_name[u] = m
    ck(
        len(professionals) >= 2,
        f"need >= 2 verified professionals, got {len(professionals)}",
    )
    levels = Counter(m.get("level") for m in members)
    ck(levels["expert"] == 3, f"expected exactly 3 expert members, got {levels['expert']}")
    ck(levels["moderator"] == 1, f"expected exactly 1 moderator, got {levels['moderator']}")
    ck(levels["admin"] == 1, f"expected exactly 1 admin, got {levels['admin']}")
    ck(
        member_by_name.get("admin", {}).get("level") == "admin",
        "username 'admin' must have level admin",
    )
    others = set(levels) - {"expert", "moderator", "admin"}
    ck(others <= {"member", "approved"}, f"other members must be member/approved, got {others}")
    experts = {u for u, m in member_by_name.items() if m.get("level") == "expert"}
    expert_words = [
        ("professional counselor", "lpc"),
        ("marriage and family", "mft"),
        ("social worker", "lcsw"),
    ]
    for words in expert_words:
        ck(
            any(
                any(
                    w
                    in (
                        member_by_name[e]["about"] + " " + member_by_name[e]["display_name"]
                    ).lower()
                    for w in words
                )
                for e in experts
            ),
            f"no expert whose about matches {words}",
        )

    # ---------------------------------------------------------- categories
    cats = data.get("categories", [])
    cat_by_slug = {}
    depth = {}
    for cat in cats:
        s = cat.get("slug", "")
        ck(
            set(cat) == {"slug", "name", "description", "parent"},
            f"category {s}: keys {sorted(cat)}",
        )
        ck(isinstance(s, str) and SLUG_RE.match(s), f"category slug invalid: {s!r}")
        ck(s not in cat_by_slug, f"duplicate category slug: {s}")
        ck(isinstance(cat.get("name"), str) and cat["name"].strip(), f"category {s}: name")
        ck(
            isinstance(cat.get("description"), str) and len(cat["description"]) >= 10,
            f"category {s}: description",
        )
        p = cat.get("parent", None)
        ck(isinstance(p, str), f"category {s}: parent must be a string")
        if p:
            ck(p in cat_by_slug, f"category {s}: parent {p!r} not defined before it")
            depth[s] = depth.get(p, 1) + 1
        else:
            depth[s] = 1
        cat_by_slug[s] = cat
    top = {s for s, d in depth.items() if d == 1}
    subs = {s for s, d in depth.items() if d > 1}
    ck(top == set(REQUIRED_TOP), f"top-level categories mismatch: {sorted(top)}")
    for s, name in REQUIRED_TOP.items():
        ck(cat_by_slug.get(s, {}).get("name") == name, f"category {s}: name should be {name!r}")
    ck(6 <= len(subs) <= 10, f"expected 6-10 sub-categories, got {len(subs)}")
    ck(max(depth.values(), default=0) == 3, "need at least one depth-3 category and none deeper")

    def root_of(slug):
        while cat_by_slug[slug]["parent"]:
            slug = cat_by_slug[slug]["parent"]
        return slug

    # ----------------------------------------------------------- questions
    questions = data.get("questions", [])
    ck(30 <= len(questions) <= 34, f"questions: expected 30-34, got {len(questions)}")

    all_texts = []  # (where, text)
    tag_counter = Counter()
    titles = set()
    keys = set()
    n_answers = n_comments = n_downvotes = n_upvotes = 0
    zero_answer = 0
    anon_q_visitor_named = anon_q_visitor_unnamed = anon_q_member = 0
    anon_answers_named = 0
    anon_comments = 0
    roots_used = Counter()
    subs_used = set()
    member_last_activity = Counter()  # username -> max days_ago of anything they wrote/voted

    def touch(user, when):
        if user:
            member_last_activity[user] = max(member_last_activity[user], when)

    def check_author(obj, where, allowed_keys):
        a = obj.get("author", None)
        anon = obj.get("anonymous", None)
        an = obj.get("anon_name", None)
        ck(isinstance(anon, bool), f"{where}: anonymous must be bool")
        ck(isinstance(an, str), f"{where}: anon_name must be str")
        ck(isinstance(a, str), f"{where}: author must be str")
        if a == "":
            ck(anon is True, f"{where}: visitor author '' requires anonymous = true")
        else:
            ck(a in member_by_name, f"{where}: unknown author {a!r}")
        if not anon:
            ck(an == "", f"{where}: anon_name only allowed on anonymous posts")
        ck(set(obj) <= allowed_keys, f"{where}: unexpected keys {sorted(set(obj) - allowed_keys)}")
        return a

    def check_votes(obj, where, author, when):
        nonlocal n_downvotes, n_upvotes
        up = obj.get("upvoters", [])
        down = obj.get("downvoters", [])
        ck(isinstance(up, list) and isinstance(down, list), f"{where}: vote lists must be lists")
        for lst, kind in ((up, "upvoters"), (down, "downvoters")):
            ck(len(lst) == len(set(lst)), f"{where}: duplicate in {kind}")
            for v in lst:
                ck(v in member_by_name, f"{where}: unknown voter {v!r} in {kind}")
                ck(v != author or not author, f"{where}: {v} votes on own post")
                touch(v, when)
        ck(not (set(up) & set(down)), f"{where}: member both up- and down-voted")
        if author:
            ck(author not in up and author not in down, f"{where}: author votes on own post")
        n_upvotes += len(up)
        n_downvotes += len(down)

    def check_comment(cm, where, parent_days):
        nonlocal anon_comments
        a = check_author(cm, where, {"author", "anonymous", "anon_name", "body", "days_ago"})
        body = cm.get("body", "")
        ck(
            isinstance(body, str) and 10 <= len(body.strip()) <= 600,
            f"{where}: comment body length {len(body)}",
        )
        d = cm.get("days_ago")
        ck(days_ok(d), f"{where}: days_ago out of range")
        ck(
            isinstance(d, (int, float)) and d < parent_days,
            f"{where}: comment must be newer than parent",
        )
        if isinstance(d, (int, float)):
            touch(a, d)
        if cm.get("anonymous"):
            anon_comments += 1
        all_texts.append((where, body))

    q_keys_allowed = {
        "key",
        "author",
        "anonymous",
        "anon_name",
        "category",
        "tags",
        "title",
        "body",
        "days_ago",
        "views",
        "upvoters",
        "downvoters",
        "best",
        "comments",
        "answers",
        "content_warning",  # one of qa.models.CONTENT_WARNINGS
        "closed",  # {reason, note}: closed by a moderator after the answers
    }
    a_keys_allowed = {
        "author",
        "anonymous",
        "anon_name",
        "body",
        "days_ago",
        "upvoters",
        "downvoters",
        "comments",
        "held",
        "edit",  # {append, summary}: a later edit by the author (a second revision)
    }
    held_answers = []  # (where, answer): held by the professional-boundary check

    for qi, q in enumerate(questions):
        key = q.get("key", f"#{qi}")
        where = f"question {key}"
        ck(isinstance(key, str) and key and key not in keys, f"{where}: key missing or duplicate")
        keys.add(key)
        author = check_author(q, where, q_keys_allowed)
        for req in (
            "key",
            "author",
            "anonymous",
            "anon_name",
            "category",
            "tags",
            "title",
            "body",
            "days_ago",
            "views",
            "upvoters",
            "downvoters",
            "best",
        ):
            ck(req in q, f"{where}: missing {req}")
        cat = q.get("category")
        if ck(cat in cat_by_slug, f"{where}: unknown category {cat!r}"):
            roots_used[root_of(cat)] += 1
            if depth[cat] > 1:
                subs_used.add(cat)
        tags = q.get("tags", [])
        ck(isinstance(tags, list) and 1 <= len(tags) <= 5, f"{where}: needs 1-5 tags")
        ck(len(tags) == len(set(tags)), f"{where}: duplicate tags")
        for t in tags:
            ck(isinstance(t, str) and TAG_RE.match(t) and len(t) <= 40, f"{where}: bad tag {t!r}")
            tag_counter[t] += 1
        title = q.get("title", "")
        ck(
            isinstance(title, str) and 15 <= len(title) <= 150,
            f"{where}: title length {len(title)}",
        )
        ck(
            title == title.rstrip() and title == title.lstrip(),
            f"{where}: title has surrounding whitespace",
        )
        ck(title not in titles, f"{where}: duplicate title")
        titles.add(title)
        body = q.get("body", "")
        ck(
            isinstance(body, str) and len(body.strip()) >= 80,
            f"{where}: body shorter than 80 chars",
        )
        qd = q.get("days_ago")
        ck(days_ok(qd), f"{where}: days_ago out of range")
        ck(
            isinstance(q.get("views"), int)
            and not isinstance(q.get("views"), bool)
            and q["views"] >= 0,
            f"{where}: views must be a non-negative int",
        )
        touch(author, qd)
        check_votes(q, where, author, qd)
        all_texts.append((where + " title", title))
        all_texts.append((where, body))

        if q.get("anonymous"):
            if author == "" and q.get("anon_name"):
                anon_q_visitor_named += 1
            elif author == "":
                anon_q_visitor_unnamed += 1
            else:
                anon_q_member += 1

        for ci, cm in enumerate(q.get("comments", [])):
            check_comment(cm, f"{where} comment {ci}", qd)
            n_comments += 1

        answers = q.get("answers", [])
        ck(0 <= len(answers) <= 5, f"{where}: 0-5 answers allowed, got {len(answers)}")
        if not answers:
            zero_answer += 1
        for ai, ans in enumerate(answers):
            aw = f"{where} answer {ai}"
            aa = check_author(ans, aw, a_keys_allowed)
            ab = ans.get("body", "")
            ck(isinstance(ab, str) and len(ab.strip()) >= 60, f"{aw}: body shorter than 60 chars")
            ad = ans.get("days_ago")
            ck(days_ok(ad), f"{aw}: days_ago out of range")
            ck(
                isinstance(ad, (int, float)) and ad < qd,
                f"{aw}: answer must be newer than question",
            )
            touch(aa, ad)
            check_votes(ans, aw, aa, ad)
            if ans.get("anonymous") and ans.get("anon_name"):
                anon_answers_named += 1
            if "held" in ans:
                ck(ans["held"] is True, f"{aw}: held must be true when given")
                ck(
                    aa in professionals and not ans.get("anonymous"),
                    f"{aw}: a held answer is a verified professional's, signed with their name",
                )
                ck(
                    not ans.get("upvoters")
                    and not ans.get("downvoters")
                    and not ans.get("comments"),
                    f"{aw}: a held answer has no votes or comments (nobody can see it)",
                )
                ck(q.get("best") != ai, f"{aw}: a held answer cannot be the best answer")
                held_answers.append((aw, ans))
            all_texts.append((aw, ab))
            for ci, cm in enumerate(ans.get("comments", [])):
                check_comment(cm, f"{aw} comment {ci}", ad)
                n_comments += 1
        n_answers += len(answers)

        best = q.get("best")
        ck(isinstance(best, int) and not isinstance(best, bool), f"{where}: best must be int")
        if isinstance(best, int):
            ck(best == -1 or 0 <= best < len(answers), f"{where}: best index {best} invalid")
            if best >= 0:
                ck(author != "", f"{where}: best can only be chosen by a member asker")
                if best < len(answers):
                    ck(answers[best].get("author") != author, f"{where}: asker selected own answer")

    ck(75 <= n_answers <= 110, f"total answers expected 75-110, got {n_answers}")
    ck(40 <= n_comments <= 80, f"total comments expected 40-80, got {n_comments}")
    ck(zero_answer >= 3, f"need >= 3 unanswered questions, got {zero_answer}")
    ck(25 <= len(tag_counter) <= 45, f"distinct tags expected 25-45, got {len(tag_counter)}")
    ck(
        set(roots_used) == set(REQUIRED_TOP),
        f"questions missing in top-level categories: {set(REQUIRED_TOP) - set(roots_used)}",
    )
    ck(len(subs_used) >= 4, f"questions should use several sub-categories, got {len(subs_used)}")
    ck(1 <= n_downvotes <= 8, f"downvotes should be rare (1-8), got {n_downvotes}")

    ck(anon_q_visitor_named >= 1, "need an anonymous visitor question with anon_name")
    ck(anon_q_visitor_unnamed >= 1, "need an anonymous visitor question without anon_name")
    ck(anon_q_member >= 1, "need an anonymous question by a member")
    ck(
        anon_q_visitor_named + anon_q_visitor_unnamed + anon_q_member >= 3,
        "need >= 3 anonymous questions",
    )
    ck(
        anon_answers_named >= 2,
        f"need >= 2 anonymous answers with anon_name, got {anon_answers_named}",
    )
    ck(anon_comments >= 1, "need >= 1 anonymous comment")
    ck(
        len(held_answers) >= 1,
        "need >= 1 held answer (a verified professional offering sessions or private contact)",
    )

    # member join date must precede all their activity
    for u, last in member_last_activity.items():
        if u in member_by_name:
            ck(
                member_by_name[u]["days_ago"] > last,
                f"member {u} joined {member_by_name[u]['days_ago']} days ago but active {last} days ago",
            )

    # ------------------------------------------------------- the key question
    key_q = [q for q in questions if q.get("key") == "counselor-coffee"]
    if ck(len(key_q) == 1, "key question 'counselor-coffee' missing"):
        kq = key_q[0]
        t = kq["title"].lower()
        ck(
            all(w in t for w in ("counselor", "client", "coffee")),
            "key question title must mention counselor, client, coffee",
        )
        ck(kq["category"] == "professional-ethics", "key question must be in professional-ethics")
        kans = kq.get("answers", [])
        ck(4 <= len(kans) <= 5, f"key question needs 4-5 answers, got {len(kans)}")
        ck(
            len({a["author"] for a in kans if a.get("author") in experts}) >= 2,
            "key question needs answers from >= 2 experts",
        )
        ck(kq.get("best", -1) >= 0, "key question needs a best answer")
        kcomments = len(kq.get("comments", [])) + sum(len(a.get("comments", [])) for a in kans)
        ck(kcomments >= 3, f"key question needs several comments, got {kcomments}")
        alltext = " ".join(a["body"] for a in kans).lower()
        for needle in (
            "nbcc",
            "aca code of ethics",
            "2014",
            "dual",
            "multiple relationship",
            "dependen",
            "confidential",
            "power",
            "https://www.nbcc.org",
            "https://www.counseling.org",
        ):
            ck(needle in alltext, f"key question answers should mention {needle!r}")
        ck(
            any(("small town" in a["body"].lower() or "cultur" in a["body"].lower()) for a in kans),
            "key question needs a counter-view on culture / small towns",
        )

    # ------------------------------------------------ crisis-pointing content
    crisis = [q for q in questions if any("988" in a["body"] for a in q.get("answers", []))]
    ck(
        any(any("116 123" in a["body"] for a in q.get("answers", [])) for q in crisis),
        "a question should have answers pointing to 988 and Samaritans 116 123",
    )

    # ---------------------------------------------------- text-level hygiene
    links = 0
    bold = lists = 0
    for where, text in all_texts:
        for url in URL_RE.findall(text):
            links += 1
            ck(ALLOWED_URL_RE.match(url.rstrip(".,;:")), f"{where}: disallowed URL {url}")
        ck(not EMAIL_RE.search(text), f"{where}: contains an email address")
        for ph in PHONE_RE.findall(text):
            ck(ph.strip() in ALLOWED_PHONES, f"{where}: phone-like number {ph!r}")
        ck(
            "www."
            not in text.replace("https://www.nbcc.org", "").replace(
                "https://www.counseling.org", ""
            ),
            f"{where}: bare www address",
        )
        if "**" in text:
            bold += 1
        if re.search(r"(?m)^(\s*[-*] |\s*\d+\. )", text):
            lists += 1
    ck(links >= 2, "expected a couple of links")
    ck(bold >= 3 and lists >= 3, "expected some Markdown (bold and lists)")

    if c.errors:
        print(f"FAILED with {len(c.errors)} problem(s):")
        for e in c.errors:
            print("  -", e)
        return 1

    print("OK: community.toml passes all checks")
    print(f"  members:         {len(members)} ({dict(sorted(levels.items()))})")
    print(
        f"  categories:      {len(cats)} ({len(top)} top-level, {len(subs)} sub, max depth {max(depth.values())})"
    )
    print(
        f"  questions:       {len(questions)} ({zero_answer} unanswered, "
        f"{sum(1 for q in questions if q.get('anonymous'))} anonymous)"
    )
    print(
        f"  answers:         {n_answers} ({anon_answers_named} anonymous with a name, "
        f"{len(held_answers)} held)"
    )
    print(f"  professionals:   {len(professionals)} verified")
    print(f"  comments:        {n_comments} ({anon_comments} anonymous)")
    print(f"  tags:            {len(tag_counter)} distinct")
    print(f"  votes:           {n_upvotes} up, {n_downvotes} down")
    print(f"  best answers:    {sum(1 for q in questions if q.get('best', -1) >= 0)}")
    print(f"  links:           {links}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PATH))
