from django.contrib import admin

from mindwell.reputation.models import PointEvent


@admin.register(PointEvent)
class PointEventAdmin(admin.ModelAdmin[PointEvent]):
    list_display = ("user", "kind", "amount", "question", "answer", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("user", "question", "answer")
