"""Top-level URL routes: the admin, the REST API and the public pages."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("provenance.public.urls")),
]

handler404 = "api.errors.not_found"
handler500 = "api.errors.server_error"
