from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ktxh.reports"
    verbose_name = "Báo cáo"
