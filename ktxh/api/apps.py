from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ktxh.api"
    verbose_name = "Giao diện lập trình (API)"

    def ready(self):
        from ktxh.api import schema  # noqa: F401  (registers the OpenAPI extensions)
