from django.contrib import admin

from ktxh.exchange.models import Dhis2Mapping


@admin.register(Dhis2Mapping)
class Dhis2MappingAdmin(admin.ModelAdmin):
    list_display = ["kind", "uid", "code"]
    list_filter = ["kind"]
    search_fields = ["uid", "code"]
