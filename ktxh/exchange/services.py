"""The DHIS2 dataValueSets import: every value checked, then written through
value_set / value_delete (history and actor as for every other write)."""

from django.db import transaction

from ktxh.accounts import access
from ktxh.catalog.models import Indicator
from ktxh.core.writes import write_transaction
from ktxh.entry.rules import check_value
from ktxh.exchange.codes import Codes, Kind
from ktxh.exchange.dhis2 import DEFAULT_KIND, KINDS, Options, Summary, dhis2_period, dhis2_value
from ktxh.values.models import DataValue
from ktxh.values.services import ValueConflict, ValueLocked, value_delete, value_set

BATCH = 1000


class _DryRun(Exception):
    """Raised at the end of a dry run or an atomic import with conflicts: rolls back."""


def _kind_of(codes: Codes, row: dict, options: Options) -> tuple[str | None, str | None]:
    """The value kind, from categoryOptionCombo (or attributeOptionCombo); DHIS2's
    "default" combo (or none) means an official figure."""
    for name in ("categoryoptioncombo", "attributeoptioncombo"):
        ident = str(row.get(name) or "").strip()
        if not ident or ident.lower() in ("default", "hjsnvccuh3m"):  # DHIS2's default combo uid
            continue
        kind = codes.code(Kind.CATEGORY_OPTION_COMBO, ident, options.coc_scheme)
        if kind in KINDS:
            return kind, None
        return None, (f"Loại số liệu {ident!r} không có; dùng estimate, official, revised "
                      "hoặc mã DHIS2 đã ánh xạ.")
    return DEFAULT_KIND, None


def datavalueset_import(*, actor, rows: list[dict], options: Options, source: str = "DHIS2") -> Summary:
    summary = Summary(options)
    codes = Codes()
    indicators = {i.code: i for i in Indicator.objects.all()}
    units = {u.code: u for u in access.units_visible(actor)}
    checked = []
    for index, row in enumerate(rows):
        problems = []
        if "_bad" in row:
            summary.conflict(index, "dataValues", row["_bad"], "E7600")
            summary.ignored += 1
            continue
        de = row.get("dataelement")
        code = codes.code(Kind.DATA_ELEMENT, de, options.data_element_scheme)
        indicator = indicators.get(code or "")
        if indicator is None:
            problems.append((str(de), f"Không có chỉ tiêu (dataElement) {de!r}.", "E7610"))
        ou = row.get("orgunit")
        unit = units.get(codes.code(Kind.ORG_UNIT, ou, options.org_unit_scheme) or "")
        if unit is None:
            problems.append((str(ou), f"Không có đơn vị (orgUnit) {ou!r} hoặc bạn không có quyền với đơn vị này.",
                             "E7612"))
        period, error = dhis2_period(row.get("period"))
        if error:
            problems.append((str(row.get("period")), error, "E7611"))
        kind, error = _kind_of(codes, row, options)
        if error:
            problems.append((str(row.get("categoryoptioncombo")), error, "E7613"))
        deleting = options.strategy == "DELETE" or str(row.get("deleted", "")).lower() == "true"
        value = None
        if not deleting:
            value = dhis2_value(row.get("value"))
            if value is None:
                problems.append((str(row.get("value"))[:40], f"Giá trị {str(row.get('value'))[:40]!r} không phải số.",
                                 "E7619"))
            elif indicator is not None:
                check = check_value(value, measure_kind=indicator.measure_kind, unit=indicator.unit,
                                    compare_with=[])
                problems += [(str(value), f"{indicator.code}: {m}", "E7619") for m in check.errors]
        if indicator is not None and unit is not None and not access.can_write_value(actor, unit, indicator):
            problems.append((indicator.code, f"Bạn không được ghi số liệu chỉ tiêu {indicator.code} cho {unit.name}.",
                             "E7617"))
        if problems:
            for obj, reason, err in problems:
                summary.conflict(index, obj, reason, err)
            summary.ignored += 1
            continue
        checked.append((index, indicator, unit, period.code, kind, value, deleting, row))

    # The rows already stored, in one query per unit.
    existing: dict[tuple, DataValue] = {}
    by_unit: dict[int, set] = {}
    for _, _indicator, unit, period, *_rest in checked:
        by_unit.setdefault(unit.pk, set()).add(period)
    for unit_id, periods in by_unit.items():
        for row in DataValue.objects.filter(org_unit_id=unit_id, period__in=periods):
            existing[(row.indicator_id, row.org_unit_id, row.period, row.kind)] = row

    def write(rows):
        for index, indicator, unit, period, kind, value, deleting, row in rows:
            stored = existing.get((indicator.pk, unit.pk, period, kind))
            where = f"{indicator.code} {unit.code} {period}"
            if stored is not None and stored.submission_id:
                summary.conflict(index, where, "Số liệu thuộc báo cáo của đơn vị; nhập qua trang nhập liệu.",
                                 "E7641")
                summary.ignored += 1
                continue
            if deleting:
                if stored is None:
                    summary.ignored += 1
                    continue
                if _apply(summary, index, where, lambda s=stored: value_delete(actor=actor, value=s)):
                    summary.deleted += 1
                continue
            if stored is None and options.strategy == "UPDATE":
                summary.conflict(index, where, "Chưa có số liệu để cập nhật (importStrategy=UPDATE).", "E7630")
                summary.ignored += 1
                continue
            if stored is not None and options.strategy == "CREATE":
                summary.conflict(index, where, "Đã có số liệu (importStrategy=CREATE chỉ thêm mới).", "E7631")
                summary.ignored += 1
                continue
            if stored is not None and stored.value == value and stored.comment == str(row.get("comment") or ""):
                summary.ignored += 1  # unchanged: nothing to write, no history row
                continue
            done = _apply(summary, index, where, lambda i=indicator, u=unit, p=period, k=kind, v=value, r=row:
                          value_set(actor=actor, indicator=i, org_unit=u, period=p, kind=k, value=v,
                                    raw_text=str(r.get("value"))[:200], comment=str(r.get("comment") or "")[:2000],
                                    source=source))
            if done:
                if stored is None:
                    summary.imported += 1
                else:
                    summary.updated += 1

    # Row by row (atomicMode=NONE, not a dry run): BATCH rows per transaction, so a large
    # payload never holds the write lock for long (issue 13, finding 5); each row is its own
    # savepoint anyway. A dry run or atomicMode=ALL must be undone whole: one transaction.
    if not options.dry_run and not options.atomic_all:
        for start in range(0, len(checked), BATCH):
            with write_transaction():
                write(checked[start:start + BATCH])
        return summary
    try:
        with write_transaction():
            write(checked)
            if options.dry_run or (options.atomic_all and summary.conflicts):
                raise _DryRun
    except _DryRun:
        if options.atomic_all and summary.conflicts and not options.dry_run:
            summary.ignored += summary.imported + summary.updated + summary.deleted
            summary.imported = summary.updated = summary.deleted = 0
    return summary


def _apply(summary: Summary, index: int, where: str, write) -> bool:
    try:
        with transaction.atomic():
            write()
        return True
    except (ValueConflict, ValueLocked) as error:
        summary.conflict(index, where, str(error), "E7641")
        summary.ignored += 1
        return False
