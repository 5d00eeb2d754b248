from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "ktxh.programmes"
    label = "programmes"
    verbose_name = "Chương trình, vốn, nhiệm vụ"
