"""Admin of reporting set-up (data sets, rounds, per-province defaults) and a read-only
view of reports and their transitions: the workflow itself happens in the entry
pages, and its log is never edited or deleted."""

from django import forms
from django.contrib import admin

from ktxh.core.admin import ReadOnlyMixin
from ktxh.engine.periods import Period, PeriodError
from ktxh.entry.models import DataSet, ReportingRound, RoundDefaults, Submission, Transition
from ktxh.entry.services import round_default_dates
from ktxh.orgunits.selectors import province_of


@admin.register(DataSet)
class DataSetAdmin(admin.ModelAdmin):
    list_display = ["name", "reporter_unit", "agency", "period_kind"]
    list_filter = ["period_kind", "agency"]
    filter_horizontal = ["indicators"]

    def save_model(self, request, obj, form, change):
        obj.province = province_of(obj.reporter_unit)
        super().save_model(request, obj, form, change)


class RoundForm(forms.ModelForm):
    """Dates left empty follow the province's Decree 09/2019 defaults."""

    class Meta:
        model = ReportingRound
        fields = ["province", "period", "name", "opens_on", "due_on", "closes_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "opens_on", "due_on", "closes_on"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        try:
            period = Period.parse(data.get("period") or "")
        except PeriodError as exc:
            raise forms.ValidationError({"period": str(exc)}) from exc
        data["period"] = period.code
        if data.get("province"):
            opens, due, closes = round_default_dates(data["province"], period.code)
            data["opens_on"] = data.get("opens_on") or opens
            data["due_on"] = data.get("due_on") or due
            data["closes_on"] = data.get("closes_on") or max(closes, data["due_on"])
        data["name"] = data.get("name") or period.label_vi
        return data


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin):
    form = RoundForm
    list_display = ["name", "province", "period", "opens_on", "due_on", "closes_on"]


@admin.register(RoundDefaults)
class RoundDefaultsAdmin(admin.ModelAdmin):
    list_display = ["province", "cutoff_day", "due_days_after_cutoff", "close_days_after_due"]


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["data_set", "round", "state", "submitted_at", "approved_at"]
    list_filter = ["state", "round"]


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ["at", "submission", "action", "from_state", "to_state", "actor", "reason"]
    list_filter = ["action"]
