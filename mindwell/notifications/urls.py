from django.urls import path

from mindwell.notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.inbox, name="inbox"),
    path("notifications/<int:notification_id>/", views.open_notification, name="open"),
    path("notifications/read-all/", views.mark_all_read, name="mark_all_read"),
    path("notifications/unread/", views.unread_badge, name="unread_badge"),
    path("follow/<str:kind>/<str:key>/", views.toggle_follow, name="follow"),
    path("favourites/", views.favourites, name="favourites"),
    path("account/notifications/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
