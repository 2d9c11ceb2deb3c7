from django.urls import path

from mindwell.accounts import views

app_name = "accounts"
urlpatterns = [
    path("users/", views.member_list, name="member_list"),
    path("users/<str:username>/", views.profile, name="profile"),
    path("account/profile/", views.edit_profile, name="edit_profile"),
]
