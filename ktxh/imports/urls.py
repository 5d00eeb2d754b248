from django.urls import path

from ktxh.imports import views

urlpatterns = [
    path("", views.upload_page, name="import_upload"),
    path("tac-vu/<int:job_id>/", views.job_page, name="import_job"),
    path("<int:pk>/", views.review_page, name="import_review"),
    path("<int:pk>/nhan-so-lieu/", views.accept_view, name="import_accept"),
    path("<int:pk>/ky-bao-cao/", views.period_view, name="import_period"),
]
