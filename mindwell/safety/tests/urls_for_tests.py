"""The project's URLs plus the safety app's, until mindwell/urls.py includes them."""

from django.urls import include, path

from mindwell.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("", include("mindwell.safety.urls")),
    *project_urlpatterns,
]
