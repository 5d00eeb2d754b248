import datetime

from django import forms

from ktxh.engine.periods import Period, PeriodError
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import unit_choices, unit_pick
from ktxh.reports.kinds import KIND_CHOICES, PROSE_LABELS, prose_keys
from ktxh.reports.models import Report


class ReportCreateForm(forms.Form):
    kind = forms.ChoiceField(label="Loại báo cáo", choices=KIND_CHOICES)
    unit = forms.CharField(label="Đơn vị", max_length=40, widget=forms.Select)
    period = forms.CharField(label="Kỳ", max_length=20, initial="2023",
                             help_text="2023; 2024-H1 (6 tháng); 2024-9M (9 tháng); 2023-2025 (kế hoạch nhiều năm)")

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units = list(units)
        # grouped by vintage; a code reused by a new unit is sent with its vintage ("03439@2025")
        self.fields["unit"].widget.choices = [
            (label, [(value, u.name) for value, u in members])
            for label, members in unit_choices(self.units, datetime.date.today())]

    def clean(self):
        """The unit is resolved by the date of the report's period: a bare code names the
        unit in force at its end, CODE@2025 / CODE@cu the vintage."""
        data = super().clean()
        if "unit" not in data or "period" not in data:
            return data
        try:
            period = Period.parse(data["period"])
        except PeriodError:
            return data  # report_save gives the period's own message
        unit = unit_pick(OrgUnit.objects.filter(pk__in=[u.pk for u in self.units]), data["unit"], period.end)
        if unit is None:
            self.add_error("unit", "Không có đơn vị này hoặc bạn không được lập báo cáo cho đơn vị này.")
        else:  # report_save refuses a unit dissolved before the period, naming its successors
            data["org_unit"] = unit
        return data


class ReportEditForm(forms.ModelForm):
    """The report's metadata plus one text area per prose section of its kind."""

    class Meta:
        model = Report
        fields = ["number", "issued_on", "place", "signer_authority", "signer_title", "signer_name", "recipients"]
        widgets = {"issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "recipients": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in prose_keys(self.instance.kind):
            self.fields[f"section_{key}"] = forms.CharField(
                label=PROSE_LABELS[key], required=False, widget=forms.Textarea(attrs={"rows": 5}),
                initial=(self.instance.sections or {}).get(key, ""))

    def section_values(self) -> dict:
        return {name.removeprefix("section_"): value for name, value in self.cleaned_data.items()
                if name.startswith("section_")}

    def metadata(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
