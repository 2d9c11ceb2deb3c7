from django.urls import path

from mindwell.search import views

app_name = "search"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/similar/", views.similar, name="similar"),
]
