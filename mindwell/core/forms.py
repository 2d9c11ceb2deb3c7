from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Django's renderer with our field template (a wrapper div, no label colon)."""

    field_template_name = "includes/field.html"
