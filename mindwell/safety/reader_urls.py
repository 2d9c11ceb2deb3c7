from django.urls import path

from mindwell.safety import flow, reader_views

app_name = "safety_reader"
urlpatterns = [
    path("account/reading/", reader_views.reading_settings, name="reading_settings"),
    path("safety/check/", flow.draft_check, name="draft_check"),
]
