from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = "ktxh — Quản trị danh mục"
admin.site.site_title = "ktxh"
admin.site.index_title = "Danh mục, đơn vị, chỉ tiêu kế hoạch"

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", include("ktxh.api.urls")),
    path("dhis2/", include("ktxh.exchange.dhis2_urls")),
    path("trao-doi/", include("ktxh.exchange.urls")),
    path("nhap-lieu/", include("ktxh.entry.urls")),
    path("bao-cao/", include("ktxh.reports.urls")),
    path("", include("ktxh.quality.urls")),
    path("chuong-trinh/", include("ktxh.programmes.urls")),
    path("nhap-bao-cao/", include("ktxh.imports.urls")),
    path("ho-ngheo/", include("ktxh.poverty.urls")),
    path("don-vi/", include("ktxh.accounts.urls")),
    path("", include("ktxh.dashboards.urls")),
]

# JSON for unknown paths under /api/ and /dhis2/, the usual page elsewhere.
handler404 = "ktxh.api.errors.not_found"
