from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "ktxh.quality"
    verbose_name = "Kiểm tra chất lượng số liệu"

    def ready(self) -> None:
        from ktxh.quality import jobs  # noqa: F401 — registers the recovery of interrupted quality jobs
