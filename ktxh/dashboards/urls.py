from django.urls import path

from ktxh.dashboards import views

urlpatterns = [
    path("", views.home, name="home"),
    path("danh-gia/", views.evaluation_page, name="evaluation"),
    path("chi-tieu/<str:code>/", views.indicator_page, name="indicator"),
    path("so-sanh-xa/", views.communes_page, name="communes"),
    path("tien-do/", views.progress_page, name="progress"),
]
