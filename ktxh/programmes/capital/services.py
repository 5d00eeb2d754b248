"""Every write to programmes, projects, capital plan lines and disbursements."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum

from ktxh.core.upsert import save_if_changed
from ktxh.core.writes import write_transaction
from ktxh.engine.numbers import NumberOutOfBounds, format_number, storable_number
from ktxh.engine.periods import Period, PeriodError
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of
from ktxh.programmes.capital.models import CapitalLine, Disbursement, Programme, Project
from ktxh.programmes.common import ProgrammeError, actor_or_none


def _storable(amount) -> None:
    try:
        storable_number(amount)
    except NumberOutOfBounds as error:
        raise ProgrammeError(f"{error}.") from None


@write_transaction
def programme_upsert(*, actor, code: str, name: str, **fields) -> Programme:
    return Programme.objects.update_or_create(code=code, defaults={"name": name, **fields})[0]


@write_transaction
def project_upsert(*, actor, org_unit: OrgUnit, code: str, name: str, **fields) -> Project:
    return save_if_changed(Project, lookup={"province": province_of(org_unit), "code": code},
                           fields={"org_unit": org_unit, "name": name, **fields})[0]


@write_transaction
def _line_checked(*, code: str, period: str, amount: Decimal, fund_source: str, capital_type: str) -> str:
    """The line's period code, or ProgrammeError saying what is wrong with the line."""
    try:
        period = Period.parse(period).code
    except PeriodError as error:
        raise ProgrammeError(f"Dòng {code}: {error}") from None
    if fund_source not in CapitalLine.Source.values:
        raise ProgrammeError(f"Dòng {code}: nguồn vốn '{fund_source}' không hợp lệ.")
    if capital_type not in CapitalLine.Type.values:
        raise ProgrammeError(f"Dòng {code}: loại vốn '{capital_type}' không hợp lệ.")
    if amount is not None:
        _storable(amount)  # first: NaN cannot even be compared
    if amount is None or amount < 0:
        raise ProgrammeError(f"Dòng {code}: kế hoạch vốn phải là số không âm.")
    return period


def capital_line_upsert(*, actor, org_unit: OrgUnit, code: str, label: str, period: str, amount: Decimal,
                        fund_source: str, capital_type: str, **fields) -> CapitalLine:
    period = _line_checked(code=code, period=period, amount=amount, fund_source=fund_source,
                           capital_type=capital_type)
    return save_if_changed(CapitalLine, lookup={"province": province_of(org_unit), "org_unit": org_unit, "code": code},
                           fields={"label": label, "period": period, "amount": amount, "fund_source": fund_source,
                                   "capital_type": capital_type, **fields})[0]


@write_transaction
def capital_line_create(*, actor, org_unit: OrgUnit, label: str, period: str, amount: Decimal, fund_source: str,
                        capital_type: str, **fields) -> CapitalLine:
    """A new line typed in by hand, coded "<period>-<n>" with the next free n. Never
    overwrites a line: the unique constraint settles a race and the loser takes the
    next number."""
    try:
        prefix = f"{Period.parse(period).code}-"
    except PeriodError as error:
        raise ProgrammeError(f"Kỳ kế hoạch vốn: {error}") from None
    province = province_of(org_unit)
    taken = CapitalLine.objects.filter(province=province, org_unit=org_unit, code__startswith=prefix)
    numbers = [int(c[len(prefix):]) for c in taken.values_list("code", flat=True) if c[len(prefix):].isdigit()]
    start = max(numbers, default=0) + 1
    for n in range(start, start + 5):
        code = f"{prefix}{n}"
        checked = _line_checked(code=code, period=period, amount=amount, fund_source=fund_source,
                                capital_type=capital_type)
        try:
            with transaction.atomic():
                return CapitalLine.objects.create(
                    province=province, org_unit=org_unit, code=code, label=label, period=checked, amount=amount,
                    fund_source=fund_source, capital_type=capital_type, **fields)
        except IntegrityError:
            continue  # someone took this number a moment ago
    raise ProgrammeError("Không cấp được mã cho dòng kế hoạch vốn mới; hãy thử lại.")


def disbursed_total(line: CapitalLine) -> Decimal:
    return line.disbursements.aggregate(s=Sum("amount"))["s"] or Decimal(0)


@write_transaction
def disbursement_add(*, actor, line: CapitalLine, day: date, amount: Decimal, note: str = "",
                     source: str = "") -> Disbursement:
    """Record a dated disbursement. Refused (nothing written) when it is not positive,
    exceeds what remains of the plan, falls on a parent line made of its parts (a "trong đó" total
    keeps its own entries), or comes after the deadline."""
    if line.parts_complete and line.children.exists():
        raise ProgrammeError(f"'{line.label}' là dòng tổng hợp: hãy ghi giải ngân vào dòng chi tiết.")
    if amount is not None:
        _storable(amount)  # first: NaN cannot even be compared
    if amount is None or amount <= 0:
        raise ProgrammeError("Số tiền giải ngân phải lớn hơn 0.")
    if day is None:
        raise ProgrammeError("Thiếu ngày giải ngân.")
    if line.deadline and day > line.deadline:
        raise ProgrammeError(f"Ngày giải ngân {day:%d/%m/%Y} sau hạn giải ngân {line.deadline:%d/%m/%Y} của "
                             f"'{line.label}' (vốn quá hạn hết nhiệm vụ chi).")
    period = Period.parse(line.period)
    if day < period.start:
        raise ProgrammeError(f"Ngày giải ngân {day:%d/%m/%Y} trước kỳ kế hoạch {period.label_vi}.")
    # Lock the line so two concurrent entries cannot both pass the remaining-plan check.
    CapitalLine.objects.select_for_update().filter(pk=line.pk).first()
    remaining = line.amount - disbursed_total(line)
    if amount > remaining:
        raise ProgrammeError(
            f"Số giải ngân {format_number(amount)} triệu đồng lớn hơn số kế hoạch còn lại "
            f"{format_number(remaining)} triệu đồng của '{line.label}'.")
    return Disbursement.objects.create(province=line.province, line=line, date=day, amount=amount, note=note,
                                       source=source or "nhập tay", created_by=actor_or_none(actor))
