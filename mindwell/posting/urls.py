from django.urls import path

from mindwell.posting import views

app_name = "posting"
urlpatterns = [
    path("ask/", views.ask, name="ask"),
    path("preview/", views.preview, name="preview"),
    path("questions/<int:question_id>/answers/", views.answer_create, name="answer_create"),
    path("questions/<int:question_id>/comments/", views.comment_create, name="comment_create"),
    path("questions/<int:question_id>/best/", views.select_answer, name="select_answer"),
    path("questions/<int:question_id>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:question_id>/noindex/", views.set_noindex, name="set_noindex"),
    path("questions/<int:question_id>/retag/", views.retag, name="retag"),
    path("answers/<int:answer_id>/edit/", views.answer_edit, name="answer_edit"),
    path("comments/<int:comment_id>/edit/", views.comment_edit, name="comment_edit"),
    path("answers/<int:answer_id>/convert/", views.convert_answer, name="convert_answer"),
    path("comments/<int:comment_id>/convert/", views.convert_comment, name="convert_comment"),
    path("account/claim-posts/", views.claim_posts, name="claim_posts"),
    path("account/claim-posts/<str:kind>/<int:post_id>/", views.claim_post, name="claim_post"),
    path("vote/<str:kind>/<int:post_id>/", views.vote, name="vote"),
]
