from django.contrib import admin

from ktxh.orgunits import services
from ktxh.orgunits.models import OrgUnit, OrgUnitLineage


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "name_folded"]
    readonly_fields = ["path", "level"]

    def save_model(self, request, obj, form, change):
        services.orgunit_save(actor=request.user, unit=obj)


@admin.register(OrgUnitLineage)
class OrgUnitLineageAdmin(admin.ModelAdmin):
    list_display = ["source_unit", "target_unit", "event", "date", "basis"]
    list_filter = ["event"]
