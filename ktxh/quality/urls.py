from django.urls import path

from ktxh.quality import views

urlpatterns = [
    path("chat-luong/", views.quality_page, name="quality"),
    path("chat-luong/kiem-tra/", views.quality_run_view, name="quality_run"),
    path("chat-luong/tac-vu/<int:pk>/", views.quality_job_view, name="quality_job"),
    path("chat-luong/<int:pk>/xac-minh/", views.violation_check_view, name="violation_check"),
]
