from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "ktxh.imports"
    verbose_name = "Nhập số liệu từ báo cáo"
