from django.urls import path

from mindwell.qa import views

app_name = "qa"
urlpatterns = [
    path("", views.home, name="home"),
    path("questions/", views.question_list, name="question_list"),
    path("unanswered/", views.unanswered, name="unanswered"),
    path("ask/", views.ask, name="ask"),
    path("preview/", views.preview, name="preview"),
    path("questions/<int:question_id>/", views.question_detail, name="question_short"),
    path("questions/<int:question_id>/answers/", views.answer_create, name="answer_create"),
    path("questions/<int:question_id>/comments/", views.comment_create, name="comment_create"),
    path("questions/<int:question_id>/best/", views.select_answer, name="select_answer"),
    path("questions/<int:question_id>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:question_id>/noindex/", views.set_noindex, name="set_noindex"),
    path("questions/<int:question_id>/retag/", views.retag, name="retag"),
    path("questions/<int:question_id>/history/", views.question_history, name="question_history"),
    path("answers/<int:answer_id>/", views.answer_permalink, name="answer_permalink"),
    path("answers/<int:answer_id>/edit/", views.answer_edit, name="answer_edit"),
    path("answers/<int:answer_id>/history/", views.answer_history, name="answer_history"),
    path("comments/<int:comment_id>/edit/", views.comment_edit, name="comment_edit"),
    path("vote/<str:kind>/<int:post_id>/", views.vote, name="vote"),
    # Last, so that the action paths above win over a slug.
    path("questions/<int:question_id>/<str:slug>/", views.question_detail, name="question_detail"),
]
