from django.apps import AppConfig


class OrgunitsConfig(AppConfig):
    name = "ktxh.orgunits"
    verbose_name = "Đơn vị hành chính"

    def ready(self) -> None:
        from ktxh.orgunits import jobs  # noqa: F401 — registers the recovery of interrupted unit loads
