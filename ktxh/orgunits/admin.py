from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ktxh.orgunits import services
from ktxh.orgunits.models import OrgUnit, OrgUnitLineage


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "official_code", "vintage", "name", "kind", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["vintage", "kind"]
    search_fields = ["code", "official_code", "name", "name_folded"]
    readonly_fields = ["path", "level", "vintage"]

    def save_model(self, request, obj, form, change):
        services.orgunit_save(actor=request.user, unit=obj)


@admin.register(OrgUnitLineage)
class OrgUnitLineageAdmin(SimpleHistoryAdmin):
    list_display = ["source_unit", "target_unit", "event", "share", "date", "basis", "source"]
    list_filter = ["event"]
    search_fields = ["source_unit__name", "target_unit__name", "source_unit__code", "target_unit__code", "basis"]
    raw_id_fields = ["source_unit", "target_unit"]

    def save_model(self, request, obj, form, change):
        services.lineage_record(actor=request.user, source=obj.source_unit, target=obj.target_unit,
                                event=obj.event, date=obj.date, basis=obj.basis, share=obj.share,
                                origin=obj.source or f"quản trị: {request.user}")

    def delete_model(self, request, obj):
        services.lineage_delete(actor=request.user, source=obj.source_unit, target=obj.target_unit)
