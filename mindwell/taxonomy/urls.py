from django.urls import path

from mindwell.taxonomy import views

app_name = "taxonomy"
urlpatterns = [
    path("categories/", views.category_list, name="category_list"),
    path("categories/<slug:slug>/", views.category_detail, name="category_detail"),
    path("tag-suggestions/", views.tag_suggestions, name="tag_suggestions"),
    path("tags/", views.tag_list, name="tag_list"),
    path("tags/<str:name>/", views.tag_detail, name="tag_detail"),
]
