from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ktxh.reports"
    verbose_name = "Báo cáo"

    def ready(self) -> None:
        from ktxh.reports import jobs  # noqa: F401 — registers the recovery of interrupted report jobs
