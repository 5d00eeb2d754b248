from django.apps import AppConfig


class OrgunitsConfig(AppConfig):
    name = "ktxh.orgunits"
    verbose_name = "Đơn vị hành chính"
