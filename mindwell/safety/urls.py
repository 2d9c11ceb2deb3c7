from django.urls import path

from mindwell.safety import crisis_views, flow, views

app_name = "safety"
urlpatterns = [
    path("help/", views.help_page, name="help"),
    path("account/reading/", views.reading_settings, name="reading_settings"),
    path("safety/check/", flow.draft_check, name="draft_check"),
    path("crisis/duty/", crisis_views.duty_page, name="duty"),
    path("crisis/posts/<str:kind>/<int:post_id>/", crisis_views.outreach, name="outreach"),
    path(
        "crisis/posts/<str:kind>/<int:post_id>/method-details/",
        crisis_views.hold_method_details,
        name="hold_method_details",
    ),
    path("crisis/assessments/<int:record_id>/", crisis_views.assess, name="assess"),
    path("support/messages/", crisis_views.my_threads, name="my_threads"),
    path(
        "support/messages/<str:kind>/<int:post_id>/",
        crisis_views.outreach_thread,
        name="outreach_thread",
    ),
]
