"""REST API routes."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from api import errors, views
from api.views.health import PingView
from api.views.ingest import IngestView

app_name = "api"

router = DefaultRouter()
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("sources", views.SourceViewSet, basename="source")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("assertions", views.AssertionViewSet, basename="assertion")
router.register("citations", views.CitationViewSet, basename="citation")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("chains", views.ChainViewSet, basename="chain")

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="token"),
    path("ping/", PingView.as_view(), name="ping"),
    path("ingest/", IngestView.as_view(), name="ingest"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    # Unknown API addresses answer in the API's error shape, DEBUG or not.
    re_path(r"^.*$", errors.not_found, name="not-found"),
]
