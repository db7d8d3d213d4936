"""Top-level URL routes: the admin, the REST API and the public pages."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.cache import cache_control


@cache_control(max_age=86400, public=True)
def no_favicon(request):
    """Browsers ask for /favicon.ico on every admin page: an empty answer, not a logged 404."""
    return HttpResponse(status=204)


urlpatterns = [
    path("favicon.ico", no_favicon),
    path("admin/", admin.site.urls),
    # /api/v1/ is the canonical prefix (the app namespace "api": reverse() gives it); /api/ is
    # kept as an alias serving the same views, for the clients and examples written before it.
    path("api/v1/", include("api.urls")),
    path("api/", include("api.urls", namespace="api-alias")),
    path("", include("provenance.public.urls")),
]

handler404 = "api.errors.not_found"
handler500 = "api.errors.server_error"
