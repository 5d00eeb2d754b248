"""The DHIS2 dataValueSets import: every value checked and its outcome decided (DHIS2's
conflicts, with reasons), then the accepted values written through the staged path of
`ktxh load` (values.staging: value_set's rules, set-based) and deletes through
value_delete; history and actor as for every other write."""

from django.db import transaction

from ktxh.accounts import access
from ktxh.catalog.models import Indicator
from ktxh.core.writes import write_transaction
from ktxh.entry.rules import check_value
from ktxh.exchange.codes import Codes, Kind
from ktxh.exchange.dhis2 import DEFAULT_KIND, KINDS, Options, Summary, dhis2_period, dhis2_value
from ktxh.values.models import DataValue
from ktxh.values.services import ValueConflict, ValueLocked, value_delete
from ktxh.values.staging import (
    LoadRefused,
    StagedRow,
    load_end,
    load_publish,
    load_stage,
    load_unstage,
    load_write,
)


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
    allowed: dict[tuple, bool] = {}

    def may_write(unit, indicator) -> bool:  # asked once per unit and indicator, not per value
        key = (unit.pk, indicator.pk)
        if key not in allowed:
            allowed[key] = access.can_write_value(actor, unit, indicator)
        return allowed[key]

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
        if indicator is not None and unit is not None and not may_write(unit, indicator):
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

    # Each row's outcome is decided here, against the rows read above, as DHIS2 does row by
    # row; the accepted values are then written as `ktxh load` writes them (values.staging):
    # staged in short batches, swapped in with a few set-based statements in one transaction
    # (the same rules as value_set, a history row each), deletes in that same transaction.
    writes: list[tuple[StagedRow, bool]] = []  # (row, new)
    deletes: list[tuple[int, str, DataValue]] = []
    for index, indicator, unit, period, kind, value, deleting, row in checked:
        stored = existing.get((indicator.pk, unit.pk, period, kind))
        where = f"{indicator.code} {unit.code} {period}"
        if stored is not None and stored.submission_id:
            summary.conflict(index, where, "Số liệu thuộc báo cáo của đơn vị; nhập qua trang nhập liệu.", "E7641")
            summary.ignored += 1
        elif deleting:
            if stored is None:
                summary.ignored += 1
            else:
                deletes.append((index, where, stored))
        elif stored is None and options.strategy == "UPDATE":
            summary.conflict(index, where, "Chưa có số liệu để cập nhật (importStrategy=UPDATE).", "E7630")
            summary.ignored += 1
        elif stored is not None and options.strategy == "CREATE":
            summary.conflict(index, where, "Đã có số liệu (importStrategy=CREATE chỉ thêm mới).", "E7631")
            summary.ignored += 1
        elif stored is not None and stored.value == value and stored.comment == str(row.get("comment") or ""):
            summary.ignored += 1  # unchanged: nothing to write, no history row
        else:
            writes.append((StagedRow(row=index, indicator=indicator, org_unit=unit, period=period, kind=kind,
                                     value=value, raw_text=str(row.get("value"))[:200],
                                     comment=str(row.get("comment") or "")[:2000], source=source), stored is None))

    def written(done_writes, done_deletes):
        summary.imported += sum(1 for _, new in done_writes if new)
        summary.updated += sum(1 for _, new in done_writes if not new)
        summary.deleted += done_deletes

    if options.dry_run or (options.atomic_all and summary.conflicts):
        if options.dry_run:  # what would be written, nothing is
            written(writes, len(deletes))
        else:  # atomicMode=ALL with a conflict: nothing is written
            summary.ignored += len(writes) + len(deletes)
        return summary
    _write(summary, actor=actor, source=source, writes=writes, deletes=deletes, atomic_all=options.atomic_all,
           written=written)
    return summary


def _write(summary: Summary, *, actor, source, writes, deletes, atomic_all, written) -> None:
    """Stage and write the accepted values (invisible), then the deletes and their publication
    in one transaction. A row that became part of a submitted report since it was read
    (LoadRefused) is a conflict: with atomicMode=ALL nothing is written, otherwise the
    values are written again without it."""
    run = load_stage(actor=actor, source=source, rows=[w for w, _ in writes]) if writes else None
    try:
        while True:
            failed: list[tuple[int, str, str]] = []
            try:
                if run is not None:
                    load_write(actor=actor, run=run)
                with write_transaction():
                    for index, where, stored in deletes:
                        try:
                            with transaction.atomic():
                                value_delete(actor=actor, value=stored)
                        except (ValueConflict, ValueLocked) as error:
                            failed.append((index, where, str(error)))
                    if failed and atomic_all:
                        raise LoadRefused([])
                    if run is not None:
                        load_publish(run)
            except LoadRefused as refused:
                places = {w.row: f"{w.indicator.code} {w.org_unit.code} {w.period}" for w, _ in writes}
                for row, reason in refused.problems:
                    summary.conflict(row, places.get(row, str(row)), reason, "E7641")
                if atomic_all:
                    for index, where, reason in failed:
                        summary.conflict(index, where, reason, "E7641")
                    summary.ignored += len(writes) + len(deletes)
                    return
                rows = {row for row, _ in refused.problems}
                summary.ignored += len(rows)
                writes = [w for w in writes if w[0].row not in rows]
                load_unstage(run, rows)
                continue
            for index, where, reason in failed:
                summary.conflict(index, where, reason, "E7641")
            summary.ignored += len(failed)
            written(writes, len(deletes) - len(failed))
            return
    finally:
        if run is not None:
            load_end(run)
