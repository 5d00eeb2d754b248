from django import forms

from ktxh.reports.kinds import KIND_CHOICES, PROSE_LABELS, prose_keys
from ktxh.reports.models import Report


class ReportCreateForm(forms.Form):
    kind = forms.ChoiceField(label="Loại báo cáo", choices=KIND_CHOICES)
    unit = forms.ChoiceField(label="Đơn vị")
    period = forms.CharField(label="Kỳ", max_length=20, initial="2023",
                             help_text="2023; 2024-H1 (6 tháng); 2024-9M (9 tháng); 2023-2025 (kế hoạch nhiều năm)")

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        # a new unit may reuse an old unit's code (docs/data-files.md): such codes are
        # written with their vintage ("03439@2025")
        units = list(units)
        codes = [u.code for u in units]
        self.units = {(u.code if codes.count(u.code) == 1 else u.key): u for u in units}
        value = {u.pk: k for k, u in self.units.items()}
        self.fields["unit"].choices = [
            (label, [(value[u.pk], u.name) for u in units if u.vintage == vintage])
            for vintage, label in (("2025", "Đơn vị từ 01/07/2025"), ("cu", "Đơn vị trước 01/07/2025"))
            if any(u.vintage == vintage for u in units)]


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
