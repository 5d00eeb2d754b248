from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ktxh.core.admin import ReadOnlyMixin
from ktxh.values.models import DataValue


@admin.register(DataValue)
class DataValueAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    """Read-only here: values are entered through the entry screens and uploads."""

    list_display = ["indicator", "org_unit", "period", "kind", "value", "source", "updated_at"]
    list_filter = ["period", "kind", "org_unit"]
    search_fields = ["indicator__code", "indicator__name", "source"]
