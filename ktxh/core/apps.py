from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ktxh.core"
    verbose_name = "Chung"
