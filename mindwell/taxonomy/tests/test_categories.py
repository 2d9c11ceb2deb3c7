import pytest
from django.core.exceptions import ValidationError

from mindwell.qa.tests.factories import CategoryFactory
from mindwell.taxonomy.services import parse_tags


def test_categories_nest_at_most_four_levels(db):
    parent = None
    for depth in range(1, 5):
        parent = CategoryFactory(name=f"Level {depth}", slug=f"level-{depth}", parent=parent)
        assert parent.depth == depth
    too_deep = CategoryFactory.build(name="Level 5", slug="level-5", parent=parent)
    with pytest.raises(ValidationError, match="at most 4 levels"):
        too_deep.full_clean()


def test_moving_a_category_updates_its_descendants(db):
    a = CategoryFactory(name="A", slug="a")
    b = CategoryFactory(name="B", slug="b")
    child = CategoryFactory(name="Child", slug="child", parent=a)
    leaf = CategoryFactory(name="Leaf", slug="leaf", parent=child)
    child.parent = b
    child.save()
    leaf.refresh_from_db()
    assert leaf.path == f"{b.pk}/{child.pk}/{leaf.pk}/"


def test_a_category_cannot_be_inside_itself(db):
    a = CategoryFactory(name="A", slug="a")
    b = CategoryFactory(name="B", slug="b", parent=a)
    a.parent = b
    with pytest.raises(ValidationError, match="inside itself"):
        a.full_clean()


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("Anxiety, SLEEP work_stress", ["anxiety", "sleep", "work-stress"]),
        ("  ", []),
        ("<script> c++ c# ", ["script", "c++", "c#"]),
        ("élan Élan", ["élan"]),
    ],
)
def test_parse_tags_normalises(db, text, tags):  # db: the tag limit is a site setting
    assert parse_tags(text) == tags
