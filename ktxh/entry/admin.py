"""Admin of reporting set-up (data sets, rounds, per-province defaults) and a read-only
view of reports and their transitions: the workflow itself happens in the entry
pages, and its log is never edited or deleted."""

from django import forms
from django.contrib import admin

from ktxh.core.admin import ReadOnlyMixin
from ktxh.engine.periods import Period, PeriodError
from ktxh.entry.models import DataSet, ReportingRound, RoundDefaults, Submission, Transition
from ktxh.entry.services import data_set_save, round_save


@admin.register(DataSet)
class DataSetAdmin(admin.ModelAdmin):
    list_display = ["name", "reporter_unit", "agency", "period_kind"]
    list_filter = ["period_kind", "agency"]
    filter_horizontal = ["indicators"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = data_set_save(actor=request.user, name=data["name"], reporter_unit=data["reporter_unit"],
                              period_kind=data["period_kind"], indicators=data["indicators"],
                              agency=data.get("agency"), data_set=obj)
        obj.pk, obj.province = saved.pk, saved.province

    def save_related(self, request, form, formsets, change):
        """The indicators were saved by data_set_save; only inlines (none today) remain."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class RoundForm(forms.ModelForm):
    """Dates left empty follow the province's Decree 09/2019 defaults."""

    class Meta:
        model = ReportingRound
        fields = ["province", "period", "name", "opens_on", "due_on", "closes_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "opens_on", "due_on", "closes_on"):
            self.fields[name].required = False

    def clean_period(self):
        try:
            return Period.parse(self.cleaned_data.get("period") or "").code
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from exc


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin):
    form = RoundForm
    list_display = ["name", "province", "period", "opens_on", "due_on", "closes_on"]

    def save_model(self, request, obj, form, change):
        """round_save fills the dates left empty (the one place that knows the defaults)."""
        data = form.cleaned_data
        saved = round_save(actor=request.user, province=data["province"], period=data["period"],
                           name=data.get("name") or "", opens_on=data.get("opens_on"), due_on=data.get("due_on"),
                           closes_on=data.get("closes_on"), round_=obj)
        obj.pk = saved.pk


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
