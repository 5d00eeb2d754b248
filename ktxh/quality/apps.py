from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "ktxh.quality"
    verbose_name = "Kiểm tra chất lượng số liệu"
