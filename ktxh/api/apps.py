from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ktxh.api"
    verbose_name = "Giao diện lập trình (API)"
