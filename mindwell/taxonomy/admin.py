from django.contrib import admin

from mindwell.taxonomy.models import Category, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ("name", "slug", "parent", "depth", "position", "question_count")
    prepopulated_fields = {"slug": ("name",)}  # noqa: RUF012
    search_fields = ("name",)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    list_display = ("name", "question_count", "created_at")
    search_fields = ("name",)
