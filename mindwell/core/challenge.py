"""A simple question visitors answer before posting, when a site setting asks for it.

The expected answer travels signed (and time-limited) in a hidden field, so nothing
is stored on the server."""

from __future__ import annotations

import secrets

from django import forms
from django.core import signing

SALT = "mindwell.challenge"
MAX_AGE_SECONDS = 2 * 3600
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def new_challenge() -> tuple[str, str]:
    """(question text, signed token)."""
    a, b = secrets.randbelow(8) + 1, secrets.randbelow(8) + 1
    question = f"What is {WORDS[a]} plus {WORDS[b]}? (Answer with a number.)"
    return question, signing.dumps(a + b, salt=SALT)


def is_correct(token: str, answer: str) -> bool:
    try:
        expected = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return False
    return answer.strip() == str(expected)


class ChallengeField(forms.CharField):
    pass


def add_challenge(form: forms.Form, data: object) -> None:
    """Add the challenge and its token to a form (keeping the posted token on errors)."""
    token = data.get("challenge_token") if hasattr(data, "get") else None
    question, fresh = new_challenge()
    form.fields["challenge_token"] = forms.CharField(widget=forms.HiddenInput, initial=fresh)
    form.fields["challenge"] = forms.CharField(
        label=question, max_length=10, help_text="This keeps automated spam out."
    )
    if token:
        form.fields["challenge"].label = "Please answer the question again: " + question
        form.initial["challenge_token"] = fresh


def check(form: forms.Form) -> None:
    if "challenge" not in form.fields:
        return
    if not is_correct(form.data.get("challenge_token", ""), form.data.get("challenge", "")):
        form.add_error("challenge", "That answer is not right; please try again.")
