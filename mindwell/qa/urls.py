from django.urls import path

from mindwell.qa import views

app_name = "qa"
urlpatterns = [
    path("", views.home, name="home"),
    path("questions/", views.question_list, name="question_list"),
    path("unanswered/", views.unanswered, name="unanswered"),
    path("answers/", views.recent_answers, name="recent_answers"),
    path("comments/", views.recent_comments, name="recent_comments"),
    path("questions/<int:question_id>/", views.question_detail, name="question_short"),
    path("questions/<int:question_id>/history/", views.question_history, name="question_history"),
    path("answers/<int:answer_id>/", views.answer_permalink, name="answer_permalink"),
    path("answers/<int:answer_id>/history/", views.answer_history, name="answer_history"),
    # Last, so that the action paths (posting's, included before these) win over a slug.
    path("questions/<int:question_id>/<str:slug>/", views.question_detail, name="question_detail"),
]
