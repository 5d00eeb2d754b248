from django.apps import AppConfig


class EntryConfig(AppConfig):
    name = "ktxh.entry"
    verbose_name = "Nhập liệu và duyệt báo cáo"
