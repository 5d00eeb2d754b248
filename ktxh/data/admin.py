from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ktxh.data import entry_admin  # noqa: F401  (rounds, data sets, reports)
from ktxh.data.models import DataValue


@admin.register(DataValue)
class DataValueAdmin(SimpleHistoryAdmin):
    """Read-only here: values are entered through the entry screens and uploads."""

    list_display = ["indicator", "org_unit", "period", "kind", "value", "source", "updated_at"]
    list_filter = ["period", "kind", "org_unit"]
    search_fields = ["indicator__code", "indicator__name", "source"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
