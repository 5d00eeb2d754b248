from django.apps import AppConfig


class DataConfig(AppConfig):
    name = "ktxh.data"
    verbose_name = "Số liệu"
