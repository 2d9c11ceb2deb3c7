from django.urls import path

from mindwell.safety import views

app_name = "safety"
urlpatterns = [
    path("help/", views.help_page, name="help"),
]
