from django.urls import path

from ktxh.dashboards import views

urlpatterns = [
    path("", views.home, name="home"),
    path("danh-gia/", views.evaluation_page, name="evaluation"),
]
