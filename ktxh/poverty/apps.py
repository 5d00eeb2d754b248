from django.apps import AppConfig


class PovertyConfig(AppConfig):
    name = "ktxh.poverty"
    label = "poverty"
    verbose_name = "Hộ nghèo, hộ cận nghèo"
