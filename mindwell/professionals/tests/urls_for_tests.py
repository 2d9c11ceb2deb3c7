"""The project's URLs plus this app's (what mindwell/urls.py will have)."""

from django.urls import URLResolver, include, path

from mindwell.urls import handler400, handler403, handler404, handler500, urlpatterns

if not any(isinstance(p, URLResolver) and p.namespace == "professionals" for p in urlpatterns):
    urlpatterns = [path("professionals/", include("mindwell.professionals.urls")), *urlpatterns]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
