"""Profile fields follow the same rules as posts (settings.PROFILE_CHECKS).

- A display name that claims a licence (LPC, LMFT, LCSW, MFT, psychologist, therapist,
  counselor, Dr., and the same in es/fr/de/pt/it) is for verified professionals only:
  anyone else is refused, with a link to apply for verification.
- A verified professional's display name and about text pass the boundary check that
  their posts pass: no contact details, no offers of sessions, no booking links, no
  "DM me", no offers to meet. Refused with the reason (a profile is public at once, so
  it cannot wait in a queue).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse

from mindwell.professionals.boundaries import boundary_reasons
from mindwell.professionals.selectors import current_badge

CREDENTIAL = re.compile(
    r"\b(?:LPCC?|LCPC|LMFT|LCSW|LICSW|LMHC|LPC-?S|MFT|MFTI?|LCAT|PsyD|Ph\.?\s?D|Dr|Dra|Dott"
    r"|Dott\.?ssa|Mag|Dipl\.?-Psych|M\.?Sc\.?\s?Psych|licensed|licenciad[oa]|psycholog\w*"
    r"|psychiatr\w*|psychotherap\w*|therap(?:ist|eut\w*)|th[ée]rapeute|counsel+or|counsel+ing"
    r"|psic[óo]log[oa]s?|psicolog[oa]|psiquiatra|psichiatra|psicoterapeut[aie]|terapeuta|terapista"
    r"|psychologue|psychiatre|psychoth[ée]rapeute|conseill[eè]re?\s+conjugal\w*|berater(?:in)?"
    r"|consejer[oa]|conselheir[oa]|trabajador[a]?\s+social|assistente\s+sociale|social\s+worker"
    r"|heilpraktiker\w*)\b\.?",
    re.IGNORECASE,
)


def check_profile(user: Any, *, display_name: str, about: str) -> None:
    errors: dict[str, str] = {}
    badge = current_badge(user)
    if badge is None and (found := CREDENTIAL.search(display_name)):
        errors["display_name"] = (
            f"“{found.group(0)}” in a name claims a professional licence, which is for "
            "verified professionals here. Please choose another name, or apply for "
            f"verification at {reverse('professionals:apply')}."
        )
    if badge is not None:
        for field, text in (("display_name", display_name), ("about", about)):
            if reasons := boundary_reasons(author=user, text=text, professional=True):
                errors[field] = (
                    reasons[0]
                    .replace("Your post", "This text")
                    .replace(
                        "A moderator will review this post.", "Please take it out of your profile."
                    )
                )
    if errors:
        raise ValidationError(errors)
