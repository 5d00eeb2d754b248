from django.urls import path

from ktxh.reports import views
from ktxh.reports.cycle import views as cycle_views

urlpatterns = [
    path("", views.report_list, name="reports"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/tao/<str:fmt>/", views.report_generate_view, name="report-generate"),
    path("<int:pk>/tep/<int:file_id>/", views.report_file_download, name="report-file"),
    path("<int:pk>/tac-vu/<int:job_id>/", views.report_job, name="report-job"),
    path("<int:pk>/nghi-quyet/", cycle_views.resolution_passed, name="report-resolution-passed"),
]
