from django.urls import path

from mindwell.safety import flow, views

app_name = "safety"
urlpatterns = [
    path("help/", views.help_page, name="help"),
    path("account/reading/", views.reading_settings, name="reading_settings"),
    path("safety/check/", flow.draft_check, name="draft_check"),
]
