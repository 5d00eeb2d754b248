from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "ktxh.exchange"
    verbose_name = "Trao đổi dữ liệu (DHIS2, SDMX)"
