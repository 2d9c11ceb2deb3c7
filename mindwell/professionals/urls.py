from django.urls import path

from mindwell.professionals import views

app_name = "professionals"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("application/", views.application, name="application"),
    path("competence/", views.competence, name="competence"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:profile_id>/", views.decide, name="decide"),
    path("questions/<int:question_id>/recusal/", views.recusal, name="recusal"),
]
