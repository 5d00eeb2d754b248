from django.apps import AppConfig


class ValuesConfig(AppConfig):
    name = "ktxh.values"
    # The app was called "data" before the split: the label keeps its tables
    # (data_datavalue, ...) and its migration history, so `migrate` upgrades in place.
    label = "data"
    verbose_name = "Số liệu"
