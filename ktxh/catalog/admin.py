from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ktxh.catalog import services
from ktxh.catalog.models import Agency, Indicator, IndicatorGroup, LegalBasis, Target


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "group", "unit", "measure_kind", "direction", "responsible_agency", "is_main"]
    list_filter = ["group", "measure_kind", "direction", "is_main", "responsible_agency"]
    search_fields = ["code", "name", "name_folded"]

    def save_model(self, request, obj, form, change):
        services.indicator_save(actor=request.user, indicator=obj)


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "date", "issuer", "title"]
    search_fields = ["number", "title", "issuer"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "org_unit", "period", "comparator", "value", "value_high", "basis", "legal_basis",
                    "is_derived"]
    list_filter = ["period", "org_unit", "is_derived", "legal_basis"]
    search_fields = ["indicator__code", "indicator__name"]
    autocomplete_fields = ["indicator", "org_unit"]

    def save_model(self, request, obj, form, change):
        services.target_set(
            actor=request.user, indicator=obj.indicator, org_unit=obj.org_unit, period=obj.period,
            comparator=obj.comparator, value=obj.value, value_high=obj.value_high, basis=obj.basis,
            legal_basis=obj.legal_basis, is_derived=obj.is_derived, source=obj.source, comment=obj.comment,
        )
