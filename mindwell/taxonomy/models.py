from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models

from mindwell.core.reversing import reverse_fast

MAX_CATEGORY_DEPTH = 4


class Category(models.Model):
    """A category; categories nest up to MAX_CATEGORY_DEPTH levels and are admin-managed."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=300, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)
    # Materialised path of ids ("3/7/"), so a category with its descendants is one
    # prefix filter; kept by save().
    path = models.CharField(max_length=200, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=1)
    question_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["path"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs = {}
        old_path = self.path
        parent_path = self.parent.path if self.parent else ""
        self.path = f"{parent_path}{self.pk}/"
        self.depth = self.path.count("/")
        super().save(
            update_fields=["name", "slug", "description", "parent", "position", "path", "depth"]
        )
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    def get_absolute_url(self) -> str:
        return reverse_fast("taxonomy:category_detail", slug=self.slug)

    def clean(self) -> None:
        parent, depth = self.parent, 1
        while parent is not None:
            if self.pk is not None and parent.pk == self.pk:
                raise ValidationError({"parent": "A category cannot be inside itself."})
            depth += 1
            parent = parent.parent
        subtree = 0
        if self.pk is not None:
            deepest = Category.objects.filter(path__startswith=self.path).aggregate(
                m=models.Max("depth")
            )["m"]
            subtree = (deepest or self.depth) - self.depth
        if depth + subtree > MAX_CATEGORY_DEPTH:
            raise ValidationError(
                {"parent": f"Categories nest at most {MAX_CATEGORY_DEPTH} levels deep."}
            )


class Tag(models.Model):
    """A tag, created on first use; names are lower case with hyphens."""

    name = models.CharField(max_length=40, unique=True)
    question_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["-question_count", "name"], name="tag_popularity")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_fast("taxonomy:tag_detail", name=self.name)
