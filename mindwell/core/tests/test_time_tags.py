"""`{% time_ago %}` writes what the two filters it replaced wrote: the moment in the current
time zone for machines (datetime="…") and "3 hours ago" for people."""

from datetime import UTC, datetime, timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone

PAIR = Template(
    "{% load humanize %}<time datetime=\"{{ at|date:'c' }}\">{{ at|naturaltime }}</time>"
)
TAG = Template("{% load mindwell %}{% time_ago at %}")


@pytest.mark.parametrize("zone", ["UTC", "Europe/Lisbon", "America/Sao_Paulo"])
@pytest.mark.parametrize("ago", [timedelta(seconds=5), timedelta(hours=3), timedelta(days=400)])
def test_the_tag_writes_what_the_filters_wrote(zone, ago):
    at = timezone.now() - ago
    with timezone.override(zone):
        tagged = TAG.render(Context({"at": at}))
        assert tagged == PAIR.render(Context({"at": at}))
    assert "ago" in tagged


def test_the_machine_readable_moment_is_in_the_current_time_zone():
    at = datetime(2026, 7, 1, 12, 30, tzinfo=UTC)
    with timezone.override("Europe/Lisbon"):
        assert 'datetime="2026-07-01T13:30:00+01:00"' in TAG.render(Context({"at": at}))


def test_no_moment_writes_nothing():
    assert TAG.render(Context({"at": None})) == ""
