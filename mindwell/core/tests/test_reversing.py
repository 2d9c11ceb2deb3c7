"""reverse_fast gives exactly what Django's reverse gives, for any value."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from hypothesis import given
from hypothesis import strategies as st

from mindwell.core.reversing import reverse_fast

TEXT = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{1,30}", fullmatch=True),
    st.text(alphabet="aZ7_- ./%~?#üд", max_size=6),  # what a URL must quote, or refuses
    st.text(max_size=20),
)


def both(viewname, **kwargs):
    try:
        expected = reverse(viewname, kwargs=kwargs)
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            reverse_fast(viewname, **kwargs)
        return None
    assert reverse_fast(viewname, **kwargs) == expected
    return expected


@given(question_id=st.one_of(st.integers(min_value=-5, max_value=10**12), TEXT), slug=TEXT)
def test_question_links_are_django_s(question_id, slug):
    both("qa:question_detail", question_id=question_id, slug=slug)


@given(name=TEXT)
def test_member_tag_and_category_links_are_django_s(name):
    both("accounts:profile", username=name)
    both("taxonomy:tag_detail", name=name)
    both("taxonomy:category_detail", slug=name)


@given(colour=st.integers(min_value=-3, max_value=40), letters=TEXT)
def test_avatar_links_are_django_s(colour, letters):
    both("accounts:generated_avatar", colour=colour, letters=letters)


def test_a_site_under_a_prefix_gets_its_own_links():
    assert reverse_fast("qa:question_detail", question_id=7, slug="sleep") == "/questions/7/sleep/"
    set_script_prefix("/forum/")
    try:
        assert reverse_fast("qa:question_detail", question_id=7, slug="sleep") == (
            "/forum/questions/7/sleep/"
        )
    finally:
        set_script_prefix("/")
    assert reverse_fast("accounts:profile", username="ana.b") == "/users/ana.b/"
