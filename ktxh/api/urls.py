from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from ktxh.api import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("units", views.OrgUnitViewSet, basename="api-unit")
router.register("indicator-groups", views.IndicatorGroupViewSet, basename="api-indicator-group")
router.register("indicators", views.IndicatorViewSet, basename="api-indicator")
router.register("legal-bases", views.LegalBasisViewSet, basename="api-legal-basis")
router.register("targets", views.TargetViewSet, basename="api-target")
router.register("values", views.ValueViewSet, basename="api-value")
router.register("rounds", views.RoundViewSet, basename="api-round")
router.register("data-sets", views.DataSetViewSet, basename="api-data-set")
router.register("submissions", views.SubmissionViewSet, basename="api-submission")
router.register("capital-lines", views.CapitalLineViewSet, basename="api-capital-line")
router.register("tasks", views.TaskViewSet, basename="api-task")
router.register("ntm-matrix", views.NtmCellViewSet, basename="api-ntm-cell")

urlpatterns = [
    path("values/bulk/", views.ValuesBulkView.as_view(), name="api-values-bulk"),
    path("evaluation/", views.EvaluationView.as_view(), name="api-evaluation"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI and Redoc set element styles from their scripts (Redoc: styled-components'
    # <style> elements, a search worker from a blob:); those two pages alone allow that. No
    # inline script anywhere: the Swagger initialiser is a separate file (the split view).
    path("docs/", csp_update({"style-src": ["'unsafe-inline'"]})(
        SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("redoc/", csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]})(
        SpectacularRedocView.as_view(url_name="api-schema")), name="api-redoc"),
    path("", include(router.urls)),
]
