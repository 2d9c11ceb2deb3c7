"""Writes for categories and tags."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db.models import F

from mindwell.core import runtime
from mindwell.taxonomy.models import Category, Tag

TAG_MAX_LENGTH = 40
_TAG_SPLIT = re.compile(r"[,\s]+")
_TAG_DISALLOWED = re.compile(r"[^\w+#.-]")


def max_tags() -> int:
    """How many tags a question may have (admin: Posting, Most tags on a question)."""
    return int(runtime.get("posting.max_tags"))


def normalise_tag(raw: str) -> str:
    name = unicodedata.normalize("NFKC", raw).strip().lower().replace("_", "-")
    name = _TAG_DISALLOWED.sub("", name).strip("-.")
    return re.sub(r"-{2,}", "-", name)


def parse_tags(text: str) -> list[str]:
    """Tag names from user input ("Anxiety, sleep work-stress"), normalised and deduplicated.

    Raises ValidationError for more tags than the site allows (max_tags(), admin:
    Posting) or a tag that is too long.
    """
    names: list[str] = []
    for raw in _TAG_SPLIT.split(text or ""):
        name = normalise_tag(raw)
        if name and name not in names:
            names.append(name)
    if len(names) > (most := max_tags()):
        raise ValidationError(f"Use at most {most} tags.", code="too_many_tags")
    too_long = [n for n in names if len(n) > TAG_MAX_LENGTH]
    if too_long:
        raise ValidationError(
            f"Tags can be at most {TAG_MAX_LENGTH} characters long.", code="tag_too_long"
        )
    return names


def get_or_create_tags(names: list[str]) -> list[Tag]:
    """The Tag rows for these names, creating the new ones, in the given order."""
    existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    missing = [n for n in names if n not in existing]
    if missing:
        Tag.objects.bulk_create([Tag(name=n) for n in missing], ignore_conflicts=True)
        existing.update({t.name: t for t in Tag.objects.filter(name__in=missing)})
    return [existing[n] for n in names]


def adjust_tag_counts(*, added: list[Tag], removed: list[Tag]) -> None:
    if added:
        Tag.objects.filter(pk__in=[t.pk for t in added]).update(
            question_count=F("question_count") + 1
        )
    if removed:
        Tag.objects.filter(pk__in=[t.pk for t in removed], question_count__gt=0).update(
            question_count=F("question_count") - 1
        )


def adjust_category_count(*, category_id: int, delta: int) -> None:
    Category.objects.filter(pk=category_id).update(question_count=F("question_count") + delta)
