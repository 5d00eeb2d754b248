from django.contrib import admin

from ktxh.accounts.models import RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "org_unit", "agency"]
    list_filter = ["role"]
    autocomplete_fields = ["org_unit"]
