from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from mindwell.core import runtime
from mindwell.core.models import SiteConfiguration, SitePage


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin[SitePage]):
    list_display = ("title", "slug", "show_in_footer", "position", "updated_at")
    prepopulated_fields = {"slug": ("title",)}  # noqa: RUF012

    def save_model(self, request: HttpRequest, obj: SitePage, form: object, change: bool) -> None:
        from django.core.cache import cache

        super().save_model(request, obj, form, change)
        cache.delete("footer-pages")


# The configuration's own fields, in the group they belong to.
MODEL_FIELDS = {
    "general": ["maintenance", "maintenance_message"],
    "posting": ["allow_anonymous_posts"],
    "viewing": ["noindex_anonymous_questions"],
}


def field_name(key: str) -> str:
    return "rt__" + key.replace(".", "__")


class SiteConfigurationForm(forms.ModelForm[SiteConfiguration]):
    """The site's configuration and every run-time setting, each checked by its own limits
    and by the rules across settings (core/runtime.py)."""

    class Meta:
        model = SiteConfiguration
        fields = ("allow_anonymous_posts", "noindex_anonymous_questions")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        values = runtime.current()
        for declared in runtime.registered():
            name = field_name(declared.key)
            self.fields[name] = declared.form_field()
            self.fields[name].initial = values[declared.key]
        self.before = values

    def runtime_values(self) -> dict[str, Any]:
        return {s.key: self.cleaned_data.get(field_name(s.key)) for s in runtime.registered()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(field_name(s.key) in self.errors for s in runtime.registered()):
            for key, message in runtime.check(self.runtime_values()).items():
                self.add_error(field_name(key), message)
        return data

    def save(self, commit: bool = True) -> SiteConfiguration:
        self.instance.overrides = runtime.overrides_for(self.runtime_values())
        return super().save(commit)


@admin.register(SiteConfiguration)
class SiteConfigurationAdmin(admin.ModelAdmin[SiteConfiguration]):
    """One page for every setting an owner tunes while the site runs, grouped as
    Question2Answer groups its options. Each change is audited (old and new value)."""

    form = SiteConfigurationForm
    save_on_top = True

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        keys: dict[str, list[str]] = {group: [] for group in runtime.GROUPS}
        for declared in runtime.registered():
            keys[declared.group].append(field_name(declared.key))
        fieldsets = []
        for group, label in runtime.GROUPS.items():
            fields = [*MODEL_FIELDS.get(group, []), *keys[group]]
            notes = runtime.notes(group)
            if fields or notes:
                options: dict[str, Any] = {"fields": fields}
                if notes:
                    options["description"] = " ".join(notes)
                fieldsets.append((label, options))
        return fieldsets

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        # The run-time fields are added by the form itself, not from the model.
        kwargs["fields"] = [
            *SiteConfigurationForm.Meta.fields,
            "maintenance",
            "maintenance_message",
        ]
        return super().get_form(request, obj, change, **kwargs)

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        return SiteConfiguration.objects.filter(pk=object_id).first()

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """There is one configuration: open it (made with the defaults on first use)."""
        config = SiteConfiguration.load()
        url = reverse("admin:core_siteconfiguration_change", args=[config.pk])
        return HttpResponseRedirect(url)

    def save_model(
        self, request: HttpRequest, obj: SiteConfiguration, form: Any, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        found = runtime.changes(form.before, form.runtime_values())
        for name in form.changed_data:
            if not name.startswith("rt__"):
                label = str(form.fields[name].label or name)
                found.append((name, label, form.initial.get(name), form.cleaned_data.get(name)))
        if found:
            runtime.settings_changed.send(
                sender=SiteConfiguration, actor=request.user, changes=found
            )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: SiteConfiguration | None = None
    ) -> bool:
        return False
