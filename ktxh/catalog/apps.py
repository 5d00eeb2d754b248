from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "ktxh.catalog"
    verbose_name = "Danh mục chỉ tiêu"
