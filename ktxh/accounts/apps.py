from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ktxh.accounts"
    verbose_name = "Người dùng và phân quyền"
