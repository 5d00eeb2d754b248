from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "ktxh.dashboards"
    verbose_name = "Bảng điều khiển"
