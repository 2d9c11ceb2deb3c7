"""Finding contact details and offers of services in a post, before it is saved.

`contact_details` applies to everyone (the posting form can warn any member before
their phone number goes public). `boundary_reasons` holds a post for a moderator: for a
verified professional, every finding (the ACA (2014), NBCC and APA codes forbid soliciting
clients, testimonials and dual relationships, so contact details, invitations to private
contact, offers of sessions, booking links, offers to meet and requests for reviews are
held); for everyone else (members, anonymous posts, visitors: the check must not depend
on the account behind the post) the findings that solicit or share contact details. The
quieter and non-English patterns live in `soft.py`. A professional's post that no rule
holds is held too when the learned model (boundary_model.py) scores it in its hold band
(kind "learned", quoting the sentence that reads most like solicitation); below that band
the model only sends a published post for a second look (`second_look`).

Precision matters more than recall: a held answer from a counselor costs a
moderator's time and delays help, so general talk ("book recommendations", "my
therapist's office", "after 3 sessions") must pass. Moderators and flags
(`Flag.Reason.SOLICITING`) catch what the patterns miss.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mindwell.professionals import boundary_model, soft

# Kinds of finding, in the order an explanation names them.
CONTACT = "contact"  # an email, phone number, social handle or street address
PRIVATE = "private"  # "DM me", "reach out to me directly"
OFFER = "offer"  # "I offer sessions", "first session free", "my practice"
BOOKING = "booking"  # a scheduling or directory-profile link, "book a session with me"
SOFT = soft.SOFT  # numbers in words, a free consult, a practice name and city, other languages
POINTER = soft.POINTER  # "look me up", "details on my profile", a bare website
RATES = soft.RATES  # prices, reduced rates, online sessions
PROMOTION = soft.PROMOTION_KIND  # "my course", "my podcast", a discount code
MEET = soft.MEET  # "happy to meet for coffee": a dual relationship
TESTIMONIAL = soft.TESTIMONIAL  # "leave me a review"
LEARNED = "learned"  # the learned model's hold band (boundary_model.py): no rule, a sentence

WHY = (
    "Professionals can't share contact details or offer sessions here (ACA 2014, NBCC "
    "and APA codes: no soliciting clients, no dual relationships). "
    "A moderator will review this post."
)
WHAT = {
    CONTACT: "shares contact details{found}",
    PRIVATE: "invites members to contact you privately{found}",
    OFFER: "offers your services{found}",
    BOOKING: "points to a way to book you{found}",
    SOFT: "offers your services or contact details{found}",
    POINTER: "points members to you or your practice{found}",
    RATES: "talks about your rates or sessions{found}",
    PROMOTION: "promotes your own services or products{found}",
    MEET: "offers to meet or befriend a member{found}",
    TESTIMONIAL: "asks for reviews or testimonials{found}",
    # The code's point in the clause itself: the reason of a review item is cut at 300.
    LEARNED: (
        "reads like soliciting clients or contact{found}, which APA 5.06 forbids (no "
        "uninvited solicitation; ACA 2014 C.3)"
    ),
}
KIND_ORDER = (
    CONTACT, PRIVATE, OFFER, BOOKING, SOFT, POINTER, RATES, PROMOTION, MEET, TESTIMONIAL,
    LEARNED,
)  # fmt: skip
MEET_RULE = (
    " Meeting or befriending a member is a dual relationship (ACA 2014 A.6.b-c: avoid "
    "nonprofessional relationships that could impair judgment or risk harm)."
)
TESTIMONIAL_RULE = " Asking for testimonials is soliciting (APA 5.05; NBCC)."
WHY_EVERYONE = (
    "To keep members safe, posts that share contact details or offer paid services wait "
    "for a moderator. A moderator will review this post."
)
# For posters who are not verified professionals: what solicits or shares contact
# details; "DM me", "look me up", offers to meet and the like between peers are left
# to flags, and so is a member's mention of "our clinic" or "my office".
EVERYONE_KINDS = frozenset({CONTACT, OFFER, BOOKING, TESTIMONIAL, SOFT})
_JUST_A_PLACE = re.compile(
    r"(?:my|our)\s+(?:\w+\s+)?(?:practice|clinic|office|website|web\s+site)", re.IGNORECASE
)


@dataclass(frozen=True)
class Finding:
    kind: str
    found: str  # the text as written in the post


def _normalise(text: str) -> str:
    """NFKC (full-width letters), straight apostrophes and no zero-width characters,
    so full-width or zero-width-split "DM me" matches too; findings quote the result."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub("([0-9])\ufe0f?\u20e3", r"\1", text)  # keycap emoji digits: 6️⃣ -> 6
    return re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", text)


def _quote(found: str, limit: int = 60) -> str:
    found = " ".join(found.split())
    return f"“{found[: limit - 3]}…”" if len(found) > limit else f"“{found}”"


# Contact details (everyone) -------------------------------------------------------

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}\b", re.IGNORECASE)
_MAIL_HOSTS = r"(?:gmail|googlemail|yahoo|outlook|hotmail|icloud|aol|proton(?:mail)?|gmx)"
OBFUSCATED_EMAIL = re.compile(
    r"\b[\w.+-]{2,40}\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+)\s*"
    r"(?:[\w-]+\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+)\s*(?:com|org|net|edu|io|co|uk|ca|au|de)"
    rf"|{_MAIL_HOSTS}\s*(?:\.|\[dot\]|\(dot\)|\s+dot\s+)\s*(?:com|net|me|de|co\.uk))\b",
    re.IGNORECASE,
)

# A run of digits with single spaces, dots, dashes or parentheses between them;
# `_is_phone` then decides. Not after a word, a URL path or a query string.
PHONE_CANDIDATE = re.compile(r"(?<![\w/=#@.+-])\+?[(\d][\d() .\-\u2013]{5,24}\d(?![\w-])")
YEAR = re.compile(r"(?:1[89]|20)\d\d")
DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}")
# Free-to-call helplines (988's old number 1-800-273-8255, UK 0800 numbers): sharing
# one is good advice, not contact details.
TOLL_FREE = re.compile(
    r"(?:\+?1)?(?:800|888|877|866|855|844|833)\d{7}|(?:\+?44|0)80[08]\d{4,7}"
    # Spain 900, Italy 800/803, Australia 1800 and 13, Germany/Austria/Portugal 0800/800
    r"|(?:\+?34)?900\d{6}|(?:\+?39)?80[03]\d{6}|1800\d{6}|13\d{4}|0?800\d{6,7}"
)
PARENTHESISED = re.compile(r"(?:\d{1,3}\s?)?\(\d{2,5}\)\s?\d{2,5}(?:[ .-]\d{2,5}){0,3}")


# Crisis and health lines people share as good advice (their digits as dialled in the
# country, with and without a leading 0); the crisis directory's own numbers are added
# from the database (`_directory_numbers`).
KNOWN_HELPLINES = frozenset({
    "717003717", "914590050", "0972394050", "972394050", "0800858858", "0223272327",
    "223272327", "0677208977", "677208977", "213544545", "808242424", "116123", "116111",
    "116117", "08001110111", "08001110222", "116006", "0800235236", "8002738255",
    "18002738255", "988", "741741", "08457909090", "08088088000", "0800444464", "131114",
    "1800551800", "900202010", "01152751135", "52751135", "800180969", "600000016",
})  # fmt: skip


@lru_cache(maxsize=1)
def _directory_numbers() -> frozenset[str]:
    """Digits of every crisis line in the directory (read once per process)."""
    try:
        from mindwell.safety.models import CrisisLine

        phones = CrisisLine.objects.exclude(phone="").values_list("phone", flat=True)
        return frozenset(re.sub(r"\D", "", p) for p in phones)
    except Exception:
        return frozenset()


def is_helpline(digits: str) -> bool:
    digits = digits.lstrip("+")
    for known in (KNOWN_HELPLINES, _directory_numbers()):
        if digits in known or digits.lstrip("0") in known:
            return True
        if any(digits.endswith(k) and len(k) >= 9 for k in known):  # +39 02 2327 2327
            return True
    return False


def _is_phone(candidate: str, before: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if not 7 <= len(digits) <= 15 or TOLL_FREE.fullmatch(digits) or is_helpline(digits):
        return False
    if re.search(r"(?:isbn|doi|case|ref|#|no\.)\W{0,3}$", before, re.IGNORECASE):
        return False
    if re.search(r"[$€£¥]\s*$", before) or "  " in candidate or candidate.count("(") > 1:
        return False
    if candidate.count("(") != candidate.count(")"):
        return False
    if candidate.startswith("+"):
        return len(digits) >= 8
    if DATE.fullmatch(candidate):
        return False
    groups = re.findall(r"\d+", candidate)
    if all(YEAR.fullmatch(g) for g in groups):  # "2014-2020", "2010 2014 2018"
        return False
    if "(" in candidate:  # "(555) 123-4567", "1 (555) 123 4567"
        return PARENTHESISED.fullmatch(candidate) is not None
    if len(groups) == 1:
        return len(digits) >= 10  # "5551234567"; shorter bare numbers are anything
    first, rest = groups[0], groups[1:]
    if any(len(g) == 1 for g in rest) or (len(first) == 1 and len(groups) < 4):
        return False  # "1.5", "3-4-5"; but "1 800 555 0199"
    if all(len(g) == 2 for g in groups):
        return first.startswith("0") and len(groups) >= 4  # "06 12 34 56 78"
    if all(g.endswith("000") for g in rest) or all(g.endswith("00") for g in groups):
        return False  # "15.000.000", "100 200 300 400"
    return not (len(groups) == 2 and "." in candidate and len(first) > 4)  # "12345.678"


_PLATFORMS = (
    r"(?:instagram|insta|ig|twitter|tiktok|snapchat|snap|telegram|whatsapp|signal|discord"
    r"|kik|threads|bluesky|mastodon|facebook|fb|linkedin)"
)
HANDLE = re.compile(
    # instagram.com/jane, linkedin.com/in/jane, t.me/jane, wa.me/15551234567
    r"(?:\b(?:www\.)?(?:instagram\.com|twitter\.com|x\.com|tiktok\.com|facebook\.com|fb\.com"
    r"|fb\.me|m\.me|linkedin\.com/in|t\.me|wa\.me|snapchat\.com/add|threads\.net|bsky\.app"
    r"/profile)/@?[\w.-]{2,40}"
    # "instagram: @jane", "my IG is @jane", "find me on twitter @jane"
    rf"|\b{_PLATFORMS}\W{{0,3}}(?:(?:handle|account|username|user|name|id|profile)\W{{0,3}})?"
    r"(?:is\W{1,3})?@[\w.]{2,30}"
    # "@jane on instagram", "@jane (insta)"
    rf"|(?<![\w@])@[\w.]{{2,30}}\W{{1,3}}(?:on\s+|at\s+|via\s+)?{_PLATFORMS}\b"
    # "discord: jane#1234"
    r"|\bdiscord\W{1,3}[\w.]{2,32}#\d{4})",
    re.IGNORECASE,
)
_STREET = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Ct|Pl|Terrace"
    r"|Parkway|Pkwy|Highway|Hwy|Square|Sq)"
)
ADDRESS = re.compile(
    # "123 Main Street", "1600 Pennsylvania Ave NW", "Suite 200", "PO Box 42"
    rf"\b\d{{1,5}}\s+(?:[A-Z][\w'-]*\s+){{1,4}}{_STREET}\b"
    r"|\b(?:Suite|Ste\.)\s+#?\d{1,5}[A-Z]?\b"
    r"|\bP\.?\s?O\.?\s+Box\s+\d{1,6}\b",
)


def _emails(text: str) -> Iterator[Finding]:
    for pattern in (EMAIL, OBFUSCATED_EMAIL):
        for match in pattern.finditer(text):
            yield Finding(CONTACT, match.group(0))


def _phones(text: str) -> Iterator[Finding]:
    for match in PHONE_CANDIDATE.finditer(text):
        candidate = match.group(0).strip(" .-\u2013")
        if candidate.startswith("(") and ")" not in candidate:
            candidate = candidate[1:]  # "(555-1234)": the bracket belongs to the sentence
        if _is_phone(candidate, text[max(0, match.start() - 12) : match.start()]):
            yield Finding(CONTACT, candidate)


def _handles_and_addresses(text: str) -> Iterator[Finding]:
    for pattern in (HANDLE, ADDRESS):
        for match in pattern.finditer(text):
            yield Finding(CONTACT, match.group(0).rstrip(".,;:"))


# Invitations and offers (verified professionals) ------------------------------------

# What may come right before an imperative "DM me": a clause start or a softener.
_LEAD_IN = (
    r"(?:^|[.!?;:,()\n\u2013\u2014-]\s*|\b(?:please|just|simply|feel\s+free\s+to|free\s+to"
    r"|welcome\s+to|hesitate\s+to|you\s+(?:can|could|may|might|should|are\s+welcome\s+to)"
    r"|i'd\s+love\s+(?:for\s+)?you\s+to|i\s+(?:invite|encourage)\s+you\s+to)\s+)"
)
_OFF_SITE = (
    r"(?:privately|directly|offline|off[- ]?(?:site|line|forum|the\s+forum)|one[- ]on[- ]one)"
)
PRIVATE_CONTACT = re.compile(
    # Imperative "DM me", "email me to book", "call me at …"; not "he used to text me"
    # or "call me old-fashioned".
    rf"{_LEAD_IN}(?:dm|pm|direct\s+message|private\s+message|message|msg|contact|e-?mail"
    r"|text|whatsapp|ping|write\s+to)\s+me\b"
    rf"|{_LEAD_IN}(?:call|ring|phone)\s+me\s+(?:at|on|directly|privately|anytime|any\s+time"
    r"|to|if|when|for|today|tonight|tomorrow)\b"
    r"|\b(?:send|shoot|drop)\s+me\s+(?:a\s+)?(?:dm|pm|direct\s+message|private\s+message"
    r"|message|line|note|email|text)\b"
    r"|\b(?:my\s+)?(?:dms|inbox)\s+(?:is|are)\s+(?:always\s+)?open\b"
    r"|\breach\s+out\s+(?:to\s+me\b|(?:privately|directly|off[- ]?(?:site|line|forum))\b)"
    r"|\b(?:you\s+can|to)\s+reach\s+me\b"
    r"|\breach\s+me\s+(?:privately|directly|via|through|by\s+(?:e-?mail|phone|text))\b"
    rf"|\b(?:contact|message|e-?mail|call|text)\s+me\s+{_OFF_SITE}"
    rf"|\b(?:get\s+in\s+touch|connect|talk|chat|speak)\s+(?:with|to)\s+me\s+{_OFF_SITE}"
    rf"|\b(?:talk|chat|speak|connect)\s+{_OFF_SITE}\s+(?:with|to)\s+me\b"
    rf"|\b(?:happy|glad|willing|able)\s+to\s+(?:talk|chat|speak|connect|help)\s+(?:more\s+)?"
    rf"{_OFF_SITE}"
    r"|\b(?:continue|take)\s+(?:this|the)\s+(?:\w+\s+)?(?:privately|offline|off[- ]?site"
    r"|elsewhere)\b",
    re.IGNORECASE | re.MULTILINE,
)
_SERVICES = (
    r"(?:sessions?|consultations?|consults?|appointments?|therapy|counsell?ing|coaching"
    r"|telehealth|teletherapy|assessments?|evaluations?)"
)
_PROFESSIONS = r"(?:therapist|counsell?or|psychologist|psychiatrist|social\s+worker|clinician)"
OFFER_SERVICES = re.compile(
    # "I offer sessions", "I'm offering online therapy", "we provide telehealth sessions"
    r"\b(?:i|we)(?:'m|\s+am|'re|\s+are)?\s+(?:also\s+|currently\s+|now\s+)?"
    rf"(?:offer|offering|can\s+offer|could\s+offer)\s+(?:\w+\s+){{0,3}}?{_SERVICES}\b"
    r"|\b(?:i|we)(?:'m|\s+am|'re|\s+are)?\s+(?:also\s+|currently\s+|now\s+)?"
    r"(?:provide|providing)\s+(?:\w+\s+){0,3}?(?:sessions?|consultations?|appointments?"
    r"|telehealth|teletherapy)\b"
    # "I have openings", "we have availability"; not "I have a spot where I calm down"
    r"|\b(?:i|we)\s+(?:currently\s+|now\s+|still\s+)?(?:have|has)\s+(?:a\s+few\s+|some\s+"
    r"|an?\s+)?(?:openings?|availability|(?:appointment\s+)?slots?)\b"
    r"|\b(?:spots?|space|room)\s+(?:for|open\s+for|available\s+for)\s+(?:new\s+)?"
    r"(?:clients|patients)\b"
    r"|\b(?:i'm|i\s+am|we're|we\s+are|currently|now)\s+(?:\w+\s+)?(?:accepting|taking"
    r"|welcoming)\s+(?:new\s+)?(?:clients|patients|referrals)\b"
    r"|\bnew\s+(?:clients|patients)\s+(?:are\s+)?welcome\b"
    # "first session free"; "we offer a free consultation" (not "many therapists offer …")
    r"|\bfirst\s+(?:session|consult(?:ation)?|appointment)\s+(?:is\s+)?(?:free|on\s+me"
    r"|discounted)"
    r"|\b(?:i|we|my|our)\b[^.!?\n]{0,40}?\b(?:free|complimentary|discounted)\s+(?:initial\s+"
    r"|first\s+|intro(?:ductory)?\s+|\d+[- ]minute\s+)*(?:session|consult(?:ation)?"
    r"|appointment|call)s?\b"
    # "my practice offers a sliding scale", "we use a sliding scale"; not "clinics have one"
    r"|\b(?:i|we|my\s+(?:\w+\s+)?(?:practice|clinic|office)|our\s+(?:\w+\s+)?(?:practice"
    r"|clinic|office))\s+(?:also\s+|still\s+)?(?:offer|have|has|provide|use|do|accept)s?\s+"
    r"(?:an?\s+)?sliding[- ]scale"
    r"|\bsliding[- ]scale\s+(?:is\s+)?(?:available|spots?|openings?)\s+(?:for|to|with)\s+"
    r"(?:you|new|readers|members)"
    # "sessions at my office", "sessions at $80"; not "after 3 sessions at the clinic"
    r"|\bsessions?\s+(?:at|in)\s+(?:my|our|a\s+(?:reduced|discounted|low))\b"
    r"|\bsessions?\s+at\s+(?:[$€£]|\d+\s*(?:dollars|euros|pounds|usd|eur|gbp)\b)"
    # "my practice", "my office", "my rates"; not "in my practice, I've seen …" (the
    # idiom for experience) nor "my practice of journaling"
    r"|(?<!\bin\s)\bmy\s+(?:own\s+|private\s+|group\s+|clinical\s+|therapy\s+"
    r"|counsell?ing\s+)?practice\b(?!\s+of\b)"
    r"|\bmy\s+(?:own\s+|private\s+|therapy\s+|counsell?ing\s+)?(?:office|clinic)\b"
    r"(?!\s+(?:job|jobs|party|mates?|chair|desk|plants?|supplies|computer|printer)\b)"
    r"|\bmy\s+(?:rates?|fees?|website|web\s+site|waitlist|waiting\s+list|intake\s+form)\b"
    r"|\bour\s+(?:group\s+|private\s+)?(?:practice|clinic)\b"
    r"|\bi\s+(?:take|accept)\s+(?:\w+\s+){0,2}insurance\b|\bi(?:'m|\s+am)\s+in[- ]network\b"
    r"|\blink\s+in\s+(?:my\s+)?bio\b"
    # "I could see you privately", "happy to work with you", "become my client"
    r"|\b(?:i|we)(?:\s+(?:can|could|would)|'d)\s+(?:\w+\s+){0,2}(?:work\s+with|treat|counsel"
    r"|see)\s+you\s+(?:privately|professionally|in\s+person|in\s+my|in\s+our|online"
    r"|as\s+(?:a|my)\s+(?:client|patient))\b"
    rf"|\b(?:happy|glad|love|willing|available)\s+to\s+(?:be\s+your\s+{_PROFESSIONS}"
    r"|work\s+with\s+you|take\s+you\s+on)\b"
    r"|\bif\s+you(?:'d|\s+would)?\s+(?:like|want|wish)\s+to\s+work\s+with\s+me\b"
    r"|\btake\s+you\s+on\s+as\s+a\s+(?:client|patient)\b"
    r"|\bbecome\s+(?:my|a)\s+(?:client|patient)\b",
    re.IGNORECASE,
)
_BOOKING_HOSTS = (
    r"calendly\.com|zocdoc\.com|simplepractice\.com|clientsecure\.me|janeapp\.com|jane\.app"
    r"|acuityscheduling\.com|as\.me|setmore\.com|doxy\.me|therapyportal\.com|youcanbook\.me"
    r"|cal\.com|squareup\.com/appointments|book\.squareup\.com|therapyden\.com"
    r"|goodtherapy\.org/therapists|headway\.co/providers|growtherapy\.com/provider"
    r"|alma\.com/providers"
)
BOOKING_LINK = re.compile(
    rf"\b(?:https?://)?(?:[\w-]+\.)*(?:{_BOOKING_HOSTS})(?:/[^\s)\]>]*)?"
    # A Psychology Today directory profile, not one of its articles.
    r"|\b(?:https?://)?(?:www\.)?psychologytoday\.com/(?:[a-z]{2}/)?"
    r"(?:therapists|psychiatrists|groups|treatment-rehab|profile)/[^\s)\]>]*"
    # "book a session with me", "schedule a free consult here"; not "book recommendations"
    # nor "schedule an appointment with your doctor"
    r"|\b(?:book|schedule|reserve|set\s+up)\s+(?:a|an|your|the|our)?\s*(?:free\s+|first\s+"
    r"|initial\s+|\d+[- ]minute\s+)*(?:session|appointment|consult(?:ation)?|call|intake|time)"
    r"\s+(?:with\s+me|with\s+us|at\s+my|at\s+our|through\s+my|through\s+our|via\s+my"
    r"|on\s+my|using\s+my|here\b|below\b)"
    r"|\b(?:book|schedule)\s+(?:with\s+me|with\s+us|online\s+at\s+my|through\s+my|via\s+my)\b"
    r"|\b(?:my|our)\s+(?:booking|scheduling)\s+(?:link|page|site)\b"
    r"|\blink\s+to\s+book\s+(?:a|an|your|with)\b",
    re.IGNORECASE,
)


def _negated(text: str, start: int, found: str) -> bool:
    """Whether the clause before a finding (or the finding) says "not", in any of the six
    languages: "I can't offer sessions here", "I'm not accepting new clients", "je ne
    prends pas de nouveaux patients". "Don't hesitate" isn't (soft.negated)."""
    return soft.negated(text, start, found)


def _not_an_offer(text: str, start: int, found: str, kind: str) -> bool:
    """Negated or refused, or not the writer's own offer (soft.not_the_writers)."""
    return _negated(text, start, found) or soft.not_the_writers(text, start, found, kind)


def _matches(pattern: re.Pattern[str], kind: str) -> Callable[[str], Iterator[Finding]]:
    def find(text: str) -> Iterator[Finding]:
        for match in pattern.finditer(text):
            raw = match.group(0)
            found = raw.strip(" .,;:!?()\n-\u2013\u2014")
            start = match.start() + raw.index(found) if found else match.start()
            if found and not _not_an_offer(text, start, found, kind):
                yield Finding(kind, found)

    return find


CONTACT_DETECTORS: tuple[Callable[[str], Iterator[Finding]], ...] = (
    _emails,
    _phones,
    _handles_and_addresses,
)


def _learned(text: str) -> Iterator[Finding]:
    """The learned model's hold band: the post reads like solicitation about as surely as
    what the rules hold (boundary_model.py says how the band was chosen), whether or not a
    rule found something. The finding quotes the sentence that reads most like it."""
    model = boundary_model.load()
    if model is not None and model.holds(text):
        yield Finding(LEARNED, model.telling_sentence(text))


def _soft(text: str) -> Iterator[Finding]:
    for kind, found in soft.soft_findings(text):
        start = text.find(found)
        if start < 0 or not _not_an_offer(text, start, found, kind):
            yield Finding(kind, found)


BOUNDARY_DETECTORS: tuple[Callable[[str], Iterator[Finding]], ...] = (
    *CONTACT_DETECTORS,
    _matches(PRIVATE_CONTACT, PRIVATE),
    _matches(OFFER_SERVICES, OFFER),
    _matches(BOOKING_LINK, BOOKING),
    _soft,
    _learned,
)


def _find(text: str, detectors: tuple[Callable[[str], Iterator[Finding]], ...]) -> list[Finding]:
    """What the detectors find in `text`, without repeats.

    Each detector reads a text once: the contact warning before posting and the boundary
    check after it ask about the same post, and the second asks the process's small memory
    of recent results (`_detect`).
    """
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for detect in detectors:
        for finding in _detect(text, detect):
            key = (finding.kind, finding.found.lower())
            if finding.found and key not in seen:
                seen.add(key)
                findings.append(finding)
    return findings


@lru_cache(maxsize=256)
def _detect(text: str, detect: Callable[[str], Iterator[Finding]]) -> tuple[Finding, ...]:
    return tuple(detect(_normalise(text)))


def contact_details(text: str) -> list[str]:
    """Emails, phone numbers, social handles and street addresses in a text, as
    written (for any poster: the form can warn before they go public)."""
    return [finding.found for finding in _find(text, CONTACT_DETECTORS)]


def contact_warning(text: str) -> str:
    """A kind warning for any poster whose text holds contact details, or ""."""
    found = contact_details(text)
    if not found:
        return ""
    quoted = ", ".join(_quote(f) for f in found[:3])
    return (
        f"Your post seems to include contact details ({quoted}). Everything here is "
        "public and stays searchable: consider removing them to protect your privacy."
    )


def _others_contact(text: str, finding: Finding) -> bool:
    """Someone else's contact details (a helpline or public service named before them): advice,
    not the writer's own. The contact warning still names them (they are read once, shared)."""
    if finding.kind != CONTACT:
        return False
    return soft.not_the_writers(text, text.find(finding.found), finding.found, CONTACT)


def boundary_findings(text: str) -> list[Finding]:
    """Everything in a text that a professional's post must not contain."""
    findings = _find(text, BOUNDARY_DETECTORS)
    if any(f.kind == CONTACT for f in findings):
        normalised = _normalise(text)
        findings = [f for f in findings if not _others_contact(normalised, f)]
    return findings


def boundary_reasons(*, author: Any, text: str, professional: bool | None = None) -> list[str]:
    """Why a post should wait for a moderator, as one explanation naming each kind of
    finding with an example, or []. A verified professional is held for every finding;
    anyone else (members, anonymous posts, visitors) for the findings that solicit or
    share contact details. One query (the author's badge) only when
    something matches and `professional` is not given. Kept under 300 characters where
    it can be (a review item's reason is cut there)."""
    findings = boundary_findings(text)
    if not findings:
        return []
    if professional is None:
        from mindwell.professionals.selectors import current_badge

        professional = current_badge(author) is not None
    if not professional:
        findings = [
            f for f in findings if f.kind in EVERYONE_KINDS and not _JUST_A_PLACE.fullmatch(f.found)
        ]
        if not findings:
            return []
    if any(f.kind != LEARNED for f in findings):
        # The rules' own findings say why, in fewer words (a review item's reason is cut at
        # 300 characters); the model's is named only when it alone holds the post.
        findings = [f for f in findings if f.kind != LEARNED]
    parts = []
    for kind in KIND_ORDER:
        first = next((f.found for f in findings if f.kind == kind), None)
        if first is not None:
            parts.append(WHAT[kind].format(found=f" ({_quote(first, 40)})" if first else ""))
    what = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    if not professional:
        return [f"This post {what}. {WHY_EVERYONE}"]
    rules = (MEET_RULE if any(f.kind == MEET for f in findings) else "") + (
        TESTIMONIAL_RULE if any(f.kind == TESTIMONIAL for f in findings) else ""
    )
    return [f"Your post {what}. {WHY}{rules}"]


def boundary_rule_ids(text: str) -> list[str]:
    """The kinds of finding that would hold this text for a verified professional
    (for `screen_text` and the evaluation), in a fixed order; [] when it would pass."""
    kinds = {f.kind for f in boundary_findings(text)}
    return [k for k in KIND_ORDER if k in kinds]


def second_look(*, author: Any, text: str) -> str:
    """For a verified professional's post that the rules let through: why a moderator should
    look at it after it is published, when the learned model (boundary_model.py) reads it as
    solicitation but below its hold band (`boundary_findings` holds those), or "". In this
    band the model is not sure enough to hold a post: ordinary answers such as "in my
    practice I see this often" score here too. One query (the badge) only when the model
    fires."""
    model = boundary_model.load()
    if model is None or not model.looks(text):
        return ""
    from mindwell.professionals.selectors import current_badge

    if current_badge(author) is None:
        return ""
    quoted = _quote(model.telling_sentence(text), 80)
    return (
        f"A professional's post that may solicit clients or contact ({quoted}); published, "
        "please check it against the boundary rules."
    )


def second_look_ids(text: str) -> list[str]:
    """["learned"] when the learned model would ask a moderator to look after publication
    (for `screen_text` and the evaluation), else []; a score in the hold band is in
    `boundary_rule_ids` instead."""
    model = boundary_model.load()
    return [LEARNED] if model is not None and model.looks(text) else []
