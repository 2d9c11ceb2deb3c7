from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from mindwell.api import api
from mindwell.core import pages
from mindwell.core.views import healthz
from mindwell.discovery.urls import seo_urlpatterns

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/", RedirectView.as_view(pattern_name="api:openapi-view"), name="api_root"),
    path("api/v1/", api.urls),
    path("", include("mindwell.accounts.urls")),
    path("", include("mindwell.taxonomy.urls")),
    path("", include("mindwell.search.urls")),
    path("", include("mindwell.discovery.urls")),
    path("", include("mindwell.notifications.urls")),
    path("", include("mindwell.moderation.urls")),
    path("", include("mindwell.safety.urls")),
    path("professionals/", include("mindwell.professionals.urls")),
    *seo_urlpatterns,
    path("pages/<slug:slug>/", pages.page, name="page"),
    path("", include("mindwell.posting.urls")),
    path("", include("mindwell.qa.urls")),
]

handler400 = "mindwell.core.views.bad_request"
handler403 = "mindwell.core.views.permission_denied"
handler404 = "mindwell.core.views.page_not_found"
handler500 = "mindwell.core.views.server_error"
