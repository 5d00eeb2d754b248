"""Reference data of the programme modules in the admin (criteria sets, programmes,
plans). Per-commune cells, disbursements and updates are entered on the pages, through
the services, never here."""

from django.contrib import admin

from ktxh.programmes.capital.models import Programme, Project
from ktxh.programmes.ntm.models import CriteriaSet, Criterion
from ktxh.programmes.tasks.models import TaskPlan


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "issuer", "valid_from", "valid_to")
    list_filter = ("level",)
    inlines = [CriterionInline]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "decision", "is_national_target", "order")


class ViewOnly(admin.ModelAdmin):
    """Per-unit rows are written by the services (they set province_id), not by the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(ViewOnly):
    list_display = ("code", "name", "org_unit", "programme")


@admin.register(TaskPlan)
class TaskPlanAdmin(ViewOnly):
    list_display = ("code", "title", "org_unit", "start", "end")
