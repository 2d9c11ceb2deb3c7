from django.urls import path

from mindwell.moderation import views

app_name = "moderation"
urlpatterns = [
    path("flag/<str:kind>/<int:post_id>/", views.flag, name="flag"),
    path("report/<str:kind>/<int:post_id>/", views.report_at_risk, name="report_at_risk"),
    path("moderation/queue/", views.queue, name="queue_default"),
    path("moderation/queue/<str:name>/", views.queue, name="queue"),
    path("moderation/items/<int:item_id>/", views.resolve, name="resolve"),
    path("moderation/posts/<str:kind>/<int:post_id>/", views.moderate_post, name="moderate_post"),
    path("moderation/questions/<int:question_id>/close/", views.close, name="close"),
    path(
        "moderation/questions/<int:question_id>/state/", views.question_state, name="question_state"
    ),
    path("moderation/members/<str:username>/", views.restrict, name="restrict"),
    path("moderation/audit/", views.audit_log, name="audit_log"),
    path("moderation/stats/", views.stats, name="stats"),
    path("moderation/maintenance/", views.maintenance_page, name="maintenance"),
    path("moderation/maintenance/<int:run_id>/", views.maintenance_run, name="maintenance_run"),
    path("moderation/on-duty/", views.on_duty, name="on_duty"),
    path("moderation/watched-words/", views.watched_words, name="watched_words"),
]
