from django.apps import AppConfig


class PovertyConfig(AppConfig):
    name = "ktxh.poverty"
    label = "poverty"
    verbose_name = "Hộ nghèo, hộ cận nghèo"

    def ready(self):
        from ktxh.poverty import jobs  # noqa: F401 — registers the recovery of interrupted list imports
