from django.urls import path

from mindwell.accounts import privacy_views, token_views, views

app_name = "accounts"
urlpatterns = [
    path("users/", views.member_list, name="member_list"),
    path("users/<str:username>/", views.profile, name="profile"),
    path("users/<str:username>/<slug:tab>/", views.profile, name="profile_tab"),
    path("account/profile/", views.edit_profile, name="edit_profile"),
    path("account/avatar/", views.upload_avatar, name="upload_avatar"),
    path("account/avatar/remove/", views.remove_avatar, name="remove_avatar"),
    path("avatars/<int:colour>/<str:letters>.svg", views.generated_avatar, name="generated_avatar"),
    path("media/avatars/<str:name>", views.media_file, name="media_file"),
    path("account/privacy/", privacy_views.privacy_page, name="privacy"),
    path("account/tokens/", token_views.api_tokens, name="api_tokens"),
    path(
        "account/tokens/<int:token_id>/revoke/",
        token_views.api_token_revoke,
        name="api_token_revoke",
    ),
    path("account/privacy/download/", privacy_views.download_data, name="privacy_download"),
    path("account/privacy/delete/", privacy_views.delete_account, name="delete_account"),
    path("account/deleted/", privacy_views.account_deleted, name="account_deleted"),
]
