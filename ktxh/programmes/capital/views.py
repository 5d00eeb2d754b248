"""Capital pages: plan lines with disbursed / % / remaining, summaries, lagging lines,
the annex XLSX, and the disbursement entry form (planning office)."""

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ktxh.accounts import access
from ktxh.accounts.unit_pages import page
from ktxh.engine.numbers import NumberFormatError, parse_number
from ktxh.engine.periods import Period, PeriodError
from ktxh.orgunits.selectors import unit_choices
from ktxh.programmes.capital import services as capital_services
from ktxh.programmes.capital.annex import annex_xlsx, capital_annex_data
from ktxh.programmes.capital.models import CapitalLine, Programme
from ktxh.programmes.capital.selectors import capital_periods, capital_view
from ktxh.programmes.capital.services import disbursement_add
from ktxh.programmes.common import ProgrammeError
from ktxh.programmes.views_common import parse_date, pick_unit


def _asked_period(text) -> Period | None:
    try:
        return Period.parse(text) if text else None
    except PeriodError:
        return None


def _view_for(request):
    asked = _asked_period(request.GET.get("period"))
    unit, units = pick_unit(request, day=asked.end if asked else None, start=asked.start if asked else None,
                            label=asked.label_vi if asked else "", query={"period": asked.code} if asked else None)
    if unit is None:
        return None, None, [], ["Bạn chưa được phân quyền xem đơn vị nào."]
    errors = []
    periods = capital_periods(unit)
    period = request.GET.get("period") or (periods[0] if periods else str(date.today().year))
    try:
        period = Period.parse(period).code
    except PeriodError as exc:
        errors.append(str(exc))
        period = periods[0] if periods else str(date.today().year)
    as_of, err = parse_date(request.GET.get("ngay"), date.today())
    if err:
        errors.append(err)
    pace = None
    if request.GET.get("nhip"):
        try:
            pace = parse_number(request.GET["nhip"])
            if not Decimal(0) <= pace <= Decimal(100):
                raise NumberFormatError("ngoài 0–100")
        except (NumberFormatError, ValueError):
            errors.append(f"Tiến độ '{request.GET['nhip']}' không hợp lệ (một số % từ 0 đến 100, ví dụ 60 hoặc 62,5).")
            pace = None
    return capital_view(unit=unit, period=period, as_of=as_of, pace=pace), units, periods, errors


@page
def capital_page(request):
    view, units, periods, errors = _view_for(request)
    if view is None:
        return render(request, "dashboards/no_access.html", status=403)
    can_manage = access.can_manage_programmes(request.user, view.unit)
    return render(request, "programmes/capital.html", {
        "view": view, "unit": view.unit, "units": units,
        "unit_choices": unit_choices(units, Period.parse(view.period).end), "periods": [Period.parse(p) for p in periods],
        "period": Period.parse(view.period), "errors": errors, "can_manage": can_manage,
        "findings_open": view.findings, "findings_ok": [],
        "pace_text": request.GET.get("nhip", ""), "as_of_text": f"{view.as_of:%d/%m/%Y}",
        "programmes": Programme.objects.all(), "sources": CapitalLine.Source.choices,
        "types": CapitalLine.Type.choices,
        "composition": capital_annex_data(view)["composition"] if view.rows else "",
    })


@page
def capital_annex(request):
    view, _units, _periods, errors = _view_for(request)
    if view is None:
        raise Http404("Không có đơn vị.")
    content = annex_xlsx(view)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = f"phu-bieu-von-{view.unit.code}-{view.period}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def disbursement_create(request):
    line = access.access_capital_line_by_id(request.user, request.POST.get("line"))
    if not access.can_manage_programmes(request.user, line.org_unit):
        return HttpResponseForbidden("Chỉ phòng Tài chính - Kế hoạch ghi giải ngân.")
    back = reverse("capital") + f"?unit={line.org_unit.key}&period={line.period}"
    try:
        day, err = parse_date(request.POST.get("date"))
        if err or day is None:
            raise ProgrammeError(err or "Thiếu ngày giải ngân.")
        try:
            amount = parse_number(request.POST.get("amount", ""))
        except (NumberFormatError, ValueError):
            raise ProgrammeError(f"Số tiền '{request.POST.get('amount', '')}' không hợp lệ (ví dụ 1.290 hoặc 12,5).") from None
        disbursement_add(actor=request.user, line=line, day=day, amount=amount,
                         note=request.POST.get("note", "")[:500])
    except ProgrammeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã ghi giải ngân cho '{line.label}'.")
    return redirect(back)


@require_POST
def capital_line_create(request):
    """The planning office adds a plan line (a year's capital, or capital carried over)."""
    post = request.POST
    period = post.get("period", "").strip()
    asked = _asked_period(period)
    unit, _ = pick_unit(request, day=asked.end if asked else None)
    if unit is None:
        raise Http404("Không có đơn vị.")
    if not access.can_manage_programmes(request.user, unit):
        return HttpResponseForbidden("Chỉ phòng Tài chính - Kế hoạch lập kế hoạch vốn.")
    back = reverse("capital") + f"?unit={unit.key}&period={period}"
    try:
        label = post.get("label", "").strip()[:400]
        if not label:
            raise ProgrammeError("Hãy nhập nội dung dòng kế hoạch vốn.")
        try:
            amount = parse_number(post.get("amount", ""))
        except (NumberFormatError, ValueError):
            raise ProgrammeError(f"Kế hoạch vốn '{post.get('amount', '')}' không hợp lệ (ví dụ 3.244 hoặc 12,5).") from None
        deadline, err = parse_date(post.get("deadline"))
        if err:
            raise ProgrammeError(err)
        carried = post.get("carried_from", "").strip()
        if carried and not (carried.isdigit() and 2000 <= int(carried) <= 2100):
            raise ProgrammeError(f"Năm chuyển nguồn '{carried}' không hợp lệ.")
        programme = Programme.objects.filter(code=post.get("programme", "")).first()
        capital_services.capital_line_create(actor=request.user, org_unit=unit, label=label, period=period, amount=amount,
                            fund_source=post.get("fund_source", ""), capital_type=post.get("capital_type", ""),
                            programme=programme, deadline=deadline, carried_from=int(carried) if carried else None,
                            order=10_000, source=f"nhập tay: {request.user.get_username()}")
    except ProgrammeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã thêm dòng kế hoạch vốn '{label}'.")
    return redirect(back)
