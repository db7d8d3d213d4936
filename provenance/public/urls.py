"""Public page routes, mounted at the site root (config/urls.py)."""

from django.urls import path
from django.views.generic import RedirectView

from provenance.public import views

app_name = "public"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="public:claims"), name="home"),
    path("claims/", views.claim_index, name="claims"),
    path("claims/<int:claim_id>/", views.claim_detail, name="claim"),
    path("sources/<int:source_id>/", views.source_detail, name="source"),
]
