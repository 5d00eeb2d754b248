from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "ktxh.imports"
    verbose_name = "Nhập số liệu từ báo cáo"

    def ready(self):
        from ktxh.imports import jobs  # noqa: F401 — registers the recovery of interrupted import jobs
