"""Unique, Zipf-distributed text for the search benchmark's community (bench/search.py).

The normal bench (bench/seed.py) renders ~200 body templates once and reuses them, which is
right for page rendering but makes full-text search meaningless: every word would be in the
same few bodies. Here every title and body is generated on its own:

- a vocabulary ranked by frequency: PostgreSQL's English stop words (the "function words", 45 %
  of the tokens), then content words: ~350 words of this community (feel, anxiety, therapist,
  ...), then Faker's ~950 common English words, then a tail of ~3,000 rarer words (Faker's job
  titles, company jargon, first and last names); each stream is Zipf-distributed by rank
  (weight 1 / (rank + 2.7) ** 1.05);
- every question has 1-3 topic words (from the community words, Zipf too) that recur in its
  title, its body and most of its answers and comments, so words co-occur as in real threads;
- 0.4 % of the content tokens get a typo (a letter dropped, doubled, swapped or replaced): the
  long tail of words found in one or a few posts only, as in real user text.

Bodies are plain paragraphs of sentences (letters, commas, full stops, question marks), so the
stored HTML is what core.markdown.render would produce; `check_html` verifies that on a sample.
Deterministic for a given seed and Faker version (Faker is pinned in requirements-dev.lock).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate
from random import Random

ZIPF_S = 1.05
ZIPF_Q = 2.7
FUNCTION_SHARE = 0.45
TYPO_RATE = 0.004
TOPIC_RATE = 0.06  # share of a post's tokens replaced by its question's topic words
GENERATOR_VERSION = 1


def _split(text: str) -> list[str]:
    return text.split()


# PostgreSQL's english.stop (all 127 words but "s", "t", "don"), roughly by frequency.
FUNCTION_WORDS = _split(
    "the i and to a of my it that in is me was for this with but have be on so not at he she "
    "they we what just about do you can all when if or out are as from had how been her his him "
    "them because some more then there up very am were an by no did has "
    "your which who their only our its into over after before now any too other than again "
    "those these while being should both each few most such once here why where same until "
    "off down through during against between further under above below nor own having doing "
    "does whom myself yourself himself herself itself ourselves themselves yours hers ours "
    "theirs yourselves will"
)

COMMUNITY_WORDS = _split(
    "feel like know time want get think help people things anxiety day going even work "
    "could much still years life way make also something good talk friends family partner "
    "relationship therapy therapist sleep try tried feeling hard thought never back always "
    "better bad right week months lot need said told worry stress mind depression panic "
    "anxious felt started since night school job mother father husband wife boyfriend "
    "girlfriend sister brother kids children son daughter parents home house love trust "
    "afraid scared tired exhausted lonely alone angry guilt guilty shame ashamed sad "
    "sadness grief loss died death dog cat pet counselor counseling session sessions "
    "medication meds doctor appointment diagnosis symptoms attack attacks breathing heart "
    "chest racing thoughts overthinking rumination intrusive obsessive compulsive trauma "
    "abuse abusive toxic boundaries boundary conflict argument arguments fight fighting "
    "breakup divorce separated cheating jealous jealousy insecure insecurity attachment "
    "avoidant dating date marriage married wedding engaged pregnant pregnancy baby "
    "postpartum infertility miscarriage teen teenager teens parenting parent toddler "
    "caregiving caregiver dementia illness chronic pain fatigue burnout overwhelmed stuck "
    "numb hopeless worthless motivation procrastination perfectionism routine exercise "
    "walk walking running yoga meditation mindfulness journaling journal gratitude "
    "grounding calm relax relaxing coping cope skills strategies habit habits support "
    "group groups community online advice suggestions experience experiences recovery "
    "relapse addiction alcohol drinking sober sobriety smoking weed gambling eating "
    "appetite weight body image confidence esteem worth identity gender sexuality "
    "coming college university exams studying grades teacher bullying bullied friendship "
    "roommate coworker coworkers boss manager colleague office career interview fired "
    "unemployed money debt bills rent moving city lonely loneliness isolation isolated "
    "social introvert shy awkward conversation phone text texting message messages ignored "
    "ghosted apology apologize forgive forgiveness resentment anger rage irritable mood "
    "moods swings bipolar adhd autism ocd ptsd insomnia nightmares dreams waking morning "
    "evening weekend holidays christmas birthday anniversary funeral memorial hospital "
    "nurse psychiatrist psychologist referral waitlist insurance cost affordable crisis "
    "hotline safe safety harm suicidal ideation emergency ethics confidentiality "
    "supervision client clients practice licensed professional peer volunteer listening "
    "empathy validation validate communicate communication honest honesty vulnerable "
    "vulnerability intimacy sex affection distance long grandmother grandfather aunt uncle "
    "cousin inlaws stepfather stepmother sibling siblings twin adopted foster custody "
    "coparenting visitation retirement retired aging elderly widow widowed"
)

_ALPHA = re.compile(r"^[A-Za-z]{2,}$")


def _faker_words() -> tuple[list[str], list[str]]:
    """Faker's common English words, and a tail of rarer ones (jobs, jargon, names)."""
    from faker.providers.address.en_US import Provider as Address
    from faker.providers.company.en_US import Provider as Company
    from faker.providers.job.en_US import Provider as Job
    from faker.providers.lorem.en_US import Provider as Lorem
    from faker.providers.person.en_US import Provider as Person

    common = [w.lower() for w in Lorem.word_list if _ALPHA.match(w)]
    tail: list[str] = []
    for job in Job.jobs:
        tail += re.split(r"[^A-Za-z]+", job)
    for group in (*Company.catch_phrase_words, *Company.bsWords):
        for phrase in group:
            tail += re.split(r"[^A-Za-z]+", phrase)
    tail += list(Person.first_names) + list(Person.last_names)
    tail += [str(s) for s in Address.street_suffixes]
    tail = [w.lower() for w in tail if _ALPHA.match(w)]
    return common, tail


def vocabulary(seed: int = 42) -> tuple[list[str], list[str]]:
    """(function words, content words), each ordered from the most to the least frequent."""
    common, tail = _faker_words()
    rng = Random(f"vocabulary:{seed}")
    stop = set(FUNCTION_WORDS)
    seen: set[str] = set(stop)
    content: list[str] = []
    for tier in (COMMUNITY_WORDS, common, tail):
        words = [w for w in dict.fromkeys(tier) if w not in seen and len(w) > 1]
        if tier is not COMMUNITY_WORDS:
            rng.shuffle(words)  # Faker's lists are alphabetical: give them random ranks
        seen.update(words)
        content += words
    return list(FUNCTION_WORDS), content


def _zipf_weights(n: int) -> list[float]:
    return [1.0 / (rank + ZIPF_Q) ** ZIPF_S for rank in range(1, n + 1)]


def _typo(word: str, rng: Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]  # dropped
    if kind == 1:
        return word[:i] + word[i] + word[i:]  # doubled
    if kind == 2:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]  # swapped
    return word[:i] + rng.choice("aeioustrnl") + word[i + 1 :]  # replaced


class SearchTexts:
    """Titles and bodies for seed.seed(texts=...): question(i), answer(i), comment(i), where i
    is the question's index (0-based); returns (title,) markdown and HTML."""

    def __init__(self, seed: int = 42) -> None:
        self.rng = Random(f"search-texts:{seed}:{GENERATOR_VERSION}")
        self.function_words, self.content_words = vocabulary(seed)
        function_w = _zipf_weights(len(self.function_words))
        content_w = _zipf_weights(len(self.content_words))
        f_total, c_total = sum(function_w), sum(content_w)
        self.tokens = self.function_words + self.content_words
        weights = [w / f_total * FUNCTION_SHARE for w in function_w]
        weights += [w / c_total * (1 - FUNCTION_SHARE) for w in content_w]
        self.cum = list(accumulate(weights))
        self.n_function = len(self.function_words)
        n_topics = len(COMMUNITY_WORDS)
        self.topic_words = self.content_words[:n_topics]
        self.topic_cum = list(accumulate(_zipf_weights(n_topics)))
        self.topics: dict[int, tuple[str, ...]] = {}

    # Words ------------------------------------------------------------------------------

    def rank(self, word: str) -> int | None:
        """1-based rank of a content word (1 = the most frequent), None if not one."""
        try:
            return self.content_words.index(word) + 1
        except ValueError:
            return None

    def topics_of(self, index: int) -> tuple[str, ...]:
        found = self.topics.get(index)
        if found is None:
            k = self.rng.choices((1, 2, 3), weights=(45, 40, 15))[0]
            picked = self.rng.choices(self.topic_words, cum_weights=self.topic_cum, k=k)
            found = self.topics[index] = tuple(dict.fromkeys(picked))
        return found

    def _tokens(self, n: int, topics: Sequence[str], topic_rate: float) -> list[str]:
        rng = self.rng
        words = rng.choices(self.tokens, cum_weights=self.cum, k=n)
        if topics:
            for _ in range(int(n * topic_rate + rng.random())):
                words[rng.randrange(n)] = rng.choice(topics)
        for _ in range(int(n * TYPO_RATE * (1 - FUNCTION_SHARE) + rng.random())):
            i = rng.randrange(n)
            words[i] = _typo(words[i], rng)
        return words

    def _sentences(
        self, n_sentences: int, lengths: tuple[int, int], topics: Sequence[str], asks: float
    ) -> list[str]:
        rng = self.rng
        sizes = [rng.randint(*lengths) for _ in range(n_sentences)]
        words = self._tokens(sum(sizes), topics, TOPIC_RATE)
        out: list[str] = []
        start = 0
        for size in sizes:
            chunk = words[start : start + size]
            start += size
            if size > 8 and rng.random() < 0.4:
                chunk[rng.randrange(3, size - 3)] += ","
            end = "?" if rng.random() < asks else "."
            out.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + end)
        return out

    def _body(
        self,
        paragraphs: tuple[int, int],
        sentences: tuple[int, int],
        lengths: tuple[int, int],
        topics: Sequence[str],
        asks: float,
    ) -> tuple[str, str]:
        rng = self.rng
        paras = [
            " ".join(self._sentences(rng.randint(*sentences), lengths, topics, asks))
            for _ in range(rng.randint(*paragraphs))
        ]
        return "\n\n".join(paras), "".join(f"<p>{p}</p>\n" for p in paras)

    # Posts ----------------------------------------------------------------------------------

    def question(self, index: int) -> tuple[str, str, str]:
        """(title, body, body_html) of the question with this index."""
        rng = self.rng
        topics = self.topics_of(index)
        n = rng.randint(4, 11)
        words = self._tokens(n, (), 0.0)
        for topic in topics[: rng.randint(1, len(topics))]:
            words[rng.randrange(n)] = topic
        title = (words[0].capitalize() + " " + " ".join(words[1:]))[:148]
        title += "?" if rng.random() < 0.7 else ""
        body, html = self._body((1, 4), (2, 4), (6, 18), topics, 0.25)
        return title, body, html

    def answer(self, index: int) -> tuple[str, str]:
        """(body, body_html) of an answer to the question with this index."""
        topics = [t for t in self.topics_of(index) if self.rng.random() < 0.8]
        return self._body((1, 3), (2, 4), (6, 18), topics, 0.05)

    def comment(self, index: int) -> str:
        """The body of a comment on the question with this index (or one of its answers)."""
        topics = self.topics_of(index) if self.rng.random() < 0.5 else ()
        return " ".join(self._sentences(self.rng.randint(1, 2), (4, 14), topics, 0.2))[:1000]

    def fingerprint(self) -> str:
        """The title of question 0 of a fresh generator with this seed: tells whether a
        database was seeded by this generator (and version) with this seed."""
        return self.question(0)[0]


def check_html(texts: SearchTexts, n: int = 50) -> list[str]:
    """Compare the cheap HTML with core.markdown.render on n fresh bodies; the mismatches."""
    from mindwell.core import markdown

    bad: list[str] = []
    for i in range(n):
        _, body, html = texts.question(10_000_000 + i)
        if markdown.render(body) != html:
            bad.append(body[:80])
        body, html = texts.answer(10_000_000 + i)
        if markdown.render(body) != html:
            bad.append(body[:80])
    return bad
