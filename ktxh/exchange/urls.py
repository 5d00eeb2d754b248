from django.urls import path

from ktxh.exchange import views

urlpatterns = [
    path("tai-xuong/", views.download, name="exchange-download"),
]
