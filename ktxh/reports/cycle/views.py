"""The form on a draft resolution's page that records its number and date once passed."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ktxh.accounts import access
from ktxh.reports.cycle.services import ResolutionInvalid, resolution_record


class ResolutionPassedForm(forms.Form):
    number = forms.CharField(label="Số nghị quyết", max_length=40, help_text="Ví dụ 150/NQ-HĐND")
    passed_on = forms.DateField(label="Ngày thông qua", widget=forms.DateInput(attrs={"type": "date"}))


@require_POST
def resolution_passed(request, pk):
    report = access.access_report_by_id(request.user, pk)
    if report.kind != "resolution" or not access.can_write_reports(request.user, report.org_unit):
        raise Http404("Bạn không có quyền ghi nhận nghị quyết này.")
    form = ResolutionPassedForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy nhập số nghị quyết và ngày thông qua hợp lệ.")
        return redirect("report", pk=report.pk)
    try:
        basis, count = resolution_record(actor=request.user, report=report, number=form.cleaned_data["number"],
                                         passed_on=form.cleaned_data["passed_on"])
    except ResolutionInvalid as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Đã ghi nhận Nghị quyết số {basis.number} ngày {basis.date:%d/%m/%Y}; "
                                  f"{count} chỉ tiêu kế hoạch đã gắn với nghị quyết này.")
    return redirect("report", pk=report.pk)
