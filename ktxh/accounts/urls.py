from django.urls import path

from ktxh.accounts import unit_load_views as views

urlpatterns = [
    path("nap-du-lieu-quoc-gia/", views.units_load_page, name="units_load"),
    path("nap-du-lieu-quoc-gia/tac-vu/<int:pk>/", views.units_load_job_view, name="units_load_job"),
]
