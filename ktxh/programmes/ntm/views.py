"""The NTM matrix page (communes × criteria, coloured), a commune's edit form and
'Cập nhật vào chỉ tiêu'. Every figure comes from ntm.selectors / ktxh.engine.ntm."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ktxh.accounts import access
from ktxh.accounts.unit_pages import page
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import unit_choices
from ktxh.programmes.common import ProgrammeError
from ktxh.programmes.ntm import services
from ktxh.programmes.ntm.models import CommuneCriterion, CriteriaSet
from ktxh.programmes.ntm.selectors import criteria_sets_for, ntm_view
from ktxh.programmes.views_common import parse_int, pick_unit

DEFAULT_YEAR = 2023


def _criteria_set(request, district, year) -> CriteriaSet | None:
    code = request.GET.get("bo") or request.POST.get("bo")
    if code:
        cs = CriteriaSet.objects.filter(code=code, level=CriteriaSet.Level.COMMUNE).first()
        if cs is None:
            raise Http404("Không có bộ tiêu chí này.")
        return cs
    sets = criteria_sets_for(district, year)
    return sets[0] if sets else None


@page
def ntm_page(request):
    year, error = parse_int(request.GET.get("year"), DEFAULT_YEAR)
    if not 2000 <= year <= 2100:
        year, error = DEFAULT_YEAR, f"Năm {year} không hợp lệ."
    unit, units = pick_unit(request, day=date(year, 12, 31), start=date(year, 1, 1), label=f"Năm {year}",
                            query={"year": str(year)})
    if unit is None:
        return render(request, "dashboards/no_access.html", status=403)
    district = unit if unit.kind == OrgUnit.Kind.DISTRICT else unit.parent
    if unit.kind == OrgUnit.Kind.PROVINCE or district is None:
        # a province's planning office (Sở Tài chính, 2025): the matrix is kept per district
        district = units.filter(kind=OrgUnit.Kind.DISTRICT, path__startswith=unit.path).first()
        if district is None:
            return render(request, "dashboards/no_access.html", status=403)
    sees_district = access.can_view_unit(request.user, district)
    view = ntm_view(district=district, year=year, criteria_set=_criteria_set(request, district, year))
    if not sees_district:
        # A commune clerk sees their own commune's row, not the district's figures.
        visible = set(access.units_visible(request.user).values_list("pk", flat=True))
        view.communes = [c for c in view.communes if c.pk in visible]
    editable = {c.pk for c in view.communes if access.can_edit_ntm_criteria(request.user, c)}
    return render(request, "programmes/ntm.html", {
        "view": view, "unit": district, "page_unit": district if sees_district else unit, "units": units.filter(kind=OrgUnit.Kind.DISTRICT) if sees_district else [],
        "unit_choices": unit_choices(units.filter(kind=OrgUnit.Kind.DISTRICT), date(year, 12, 31)),
        "year": year, "years": range(2021, date.today().year + 1), "error": error, "sees_district": sees_district,
        "editable": editable, "sets": CriteriaSet.objects.filter(level=CriteriaSet.Level.COMMUNE),
        "can_publish": sees_district and access.can_manage_programmes(request.user, district),
        "findings_open": [f for f in view.findings if f.severity != "ok"],
        "findings_ok": [f for f in view.findings if f.severity == "ok"],
    })


def commune_edit(request, code: str, year: int):
    commune = access.access_unit_by_code(request.user, code, kind=OrgUnit.Kind.COMMUNE, day=date(year, 12, 31))
    if not access.can_edit_ntm_criteria(request.user, commune):
        return HttpResponseForbidden("Bạn không có quyền cập nhật tiêu chí của xã này.")
    criteria_set = _criteria_set(request, commune.parent, year)
    if criteria_set is None:
        raise Http404("Chưa có bộ tiêu chí xã.")
    criteria = list(criteria_set.criteria.order_by("number"))
    cells = {c.criterion.number: c for c in CommuneCriterion.objects.filter(
        commune=commune, year=year, criterion__criteria_set=criteria_set).select_related("criterion")}
    error = None
    if request.method == "POST":
        submitted = {}
        for key in request.POST:
            if key.startswith("state_"):
                number = key.removeprefix("state_")
                submitted[number] = {"state": request.POST[key],
                                     "evidence": request.POST.get(f"evidence_{number}", "")[:4000],
                                     "note": request.POST.get(f"note_{number}", "")[:4000],
                                     "source": f"nhập tay: {request.user.get_username()}"}
        try:
            changed = services.commune_criteria_save(actor=request.user, commune=commune, year=year,
                                                     criteria_set=criteria_set, cells=submitted)
        except ProgrammeError as exc:
            error = str(exc)
        else:
            messages.success(request, f"Đã lưu {changed} tiêu chí của {commune.name} năm {year}.")
            back = commune.parent if access.can_view_unit(request.user, commune.parent) else commune
            url = reverse("ntm") + f"?unit={back.key}&year={year}&bo={criteria_set.code}"
            return redirect(url)
    rows = [(c, cells.get(c.number)) for c in criteria]
    return render(request, "programmes/ntm_commune.html", {
        "commune": commune, "year": year, "criteria_set": criteria_set, "rows": rows, "error": error,
        "states": CommuneCriterion.State.choices}, status=400 if error else 200)


@require_POST
def ntm_publish(request):
    year, error = parse_int(request.POST.get("year"), DEFAULT_YEAR)
    unit, _ = pick_unit(request, day=date(year, 12, 31) if 2000 <= year <= 2100 else None)
    if unit is None or unit.kind != OrgUnit.Kind.DISTRICT:
        raise Http404("Chọn một huyện.")
    if not access.can_manage_programmes(request.user, unit):
        return HttpResponseForbidden("Chỉ phòng Tài chính - Kế hoạch cập nhật số liệu vào chỉ tiêu.")
    back = reverse("ntm") + f"?unit={unit.key}&year={year}"
    try:
        if error:
            raise ProgrammeError(error)
        codes = services.ntm_publish(actor=request.user, district=unit, year=year,
                                     criteria_set=_criteria_set(request, unit, year))
    except ProgrammeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã cập nhật số chính thức năm {year} cho các chỉ tiêu {', '.join(codes)}.")
    return redirect(back)
