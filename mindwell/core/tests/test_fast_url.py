"""`{% url %}` without arguments is reversed once per process, and still right when the site
is served under a prefix, inside a namespace or with arguments."""

import pytest
from django.template import engines
from django.urls import NoReverseMatch, reverse, set_script_prefix


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_links_follow_the_script_prefix_they_are_served_under():
    assert render("{% url 'qa:question_list' %}") == reverse("qa:question_list")
    try:
        set_script_prefix("/community/")
        assert render("{% url 'qa:question_list' %}") == "/community/questions/"
    finally:
        set_script_prefix("/")
    assert render("{% url 'qa:question_list' %}") == "/questions/"


def test_arguments_and_as_var_are_reversed_as_django_does():
    assert render("{% url 'qa:question_detail' 7 'a-slug' %}") == reverse(
        "qa:question_detail", args=[7, "a-slug"]
    )
    assert render("{% url 'qa:unanswered' as link %}[{{ link }}]") == "[/unanswered/]"
    assert render("{% url 'no:such' as link %}[{{ link }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        render("{% url 'no:such' %}")
