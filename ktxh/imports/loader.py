"""`ktxh load FILE`: catalog (YAML or CSV/XLSX) and targets/values (long format).

A file is validated whole first; one bad row rejects it with every problem listed
(row, column, reason) and nothing is written. Writes go through the services.

Long format columns (CSV UTF-8 or the first sheet of an .xlsx):
    indicator, org_unit, period, kind, value, comparator, [value_high, basis, legal_basis, source, comment]
kind is target | estimate | official | revised; value in Vietnamese notation (36.595,83).
A target's comparator is written as people write it ("dưới", "trên", "không quá", "≥");
its value may also be the whole phrase ("dưới 30%", "tăng 8% so với cùng kỳ", "giảm 5,43
điểm %"); basis (absolute | prior_pct | prior_points) states a signed change from last
year's value without words (docs/evaluation.md §1).
"""

import re
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from ktxh.catalog import services as catalog_services
from ktxh.catalog.models import Indicator, LegalBasis
from ktxh.core.safefiles import UnsafeFile, load_yaml
from ktxh.core.writes import write_transaction
from ktxh.engine.bounds import value_errors
from ktxh.engine.numbers import NumberFormatError, parse_number, storable_number
from ktxh.engine.periods import Period, PeriodError
from ktxh.engine.semantics import Comparator, TargetBasis
from ktxh.engine.targets import parse_target
from ktxh.imports.catalog_file import CATALOG_COLUMNS, catalog_rows_load, yaml_load
from ktxh.imports.lineage_file import LINEAGE_COLUMNS, lineage_rows_load
from ktxh.imports.load_result import LoadError, LoadResult, Problem  # noqa: F401  (callers import them from here)
from ktxh.imports.tabular import FileRejected, read_rows
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import UnitNotFound, orgunit_find
from ktxh.values.models import DataValue
from ktxh.values.staging import (
    LoadRefused,
    StagedRow,
    load_end,
    load_publish,
    load_stage,
    load_write,
)

FACT_COLUMNS = ["indicator", "org_unit", "period", "kind", "value", "comparator"]
OPTIONAL_FACT_COLUMNS = ["value_high", "basis", "legal_basis", "source", "comment"]
_BASIS_TEXT = {"": "absolute", **{b.value: b.value for b in TargetBasis},
               "so với cùng kỳ (%)": "prior_pct", "so với cùng kỳ (điểm)": "prior_points"}
FACT_KINDS = {"target", *DataValue.KIND_PRIORITY}


def load_file(path: str | Path, *, actor=None) -> LoadResult:
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            if path.stat().st_size > settings.KTXH_MAX_UPLOAD_BYTES:
                raise UnsafeFile(f"Tệp {path.name} lớn hơn giới hạn "
                                 f"{settings.KTXH_MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
            document = load_yaml(path.read_text(encoding="utf-8"), path.name) or {}
        except (OSError, UnicodeDecodeError) as error:
            raise LoadError(path.name, [Problem("-", "-", f"không đọc được YAML: {error}")]) from None
        except UnsafeFile as error:
            raise LoadError(path.name, [Problem("-", "-", str(error))]) from None
        return yaml_load(document, source=path.name, actor=actor)
    header, rows = _fact_rows(path, source=path.name)
    if set(FACT_COLUMNS) <= set(header):
        return facts_load(header, rows[1:], source=path.name, actor=actor)
    return _other_sheet(path, header, rows, actor=actor)


def _fact_rows(path: Path, *, source: str) -> tuple[list[str], list[list[str]]]:
    try:
        _sheet, rows = read_rows(path)
    except FileRejected as error:
        raise LoadError(source, [Problem("-", "-", str(error))]) from None
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise LoadError(source, [Problem(1, "-", "tệp trống")])
    return [c.strip().lower() for c in rows[0]], rows


def facts_file_load(path: str | Path, *, source: str, actor, may_write=None, dry_run: bool = False) -> LoadResult:
    """A long-format targets/values file only (the API's bulk upload): the same checks and
    writes as `ktxh load`, plus `may_write(kind, unit, indicator)` -> a reason or None for
    each row, and `dry_run` (check everything, write nothing)."""
    header, rows = _fact_rows(Path(path), source=source)
    if not set(FACT_COLUMNS) <= set(header):
        missing = ", ".join(c for c in FACT_COLUMNS if c not in header)
        raise LoadError(source, [Problem(1, "-", f"thiếu cột: {missing} (xem docs/data-files.md)")])
    return facts_load(header, rows[1:], source=source, actor=actor, may_write=may_write, dry_run=dry_run)


def _other_sheet(path: Path, header: list[str], rows: list[list[str]], *, actor) -> LoadResult:
    if set(CATALOG_COLUMNS) <= set(header):
        return catalog_rows_load(header, rows[1:], source=path.name, actor=actor)
    if set(LINEAGE_COLUMNS) <= set(header):
        return lineage_rows_load(header, rows[1:], source=path.name, actor=actor)
    missing = ", ".join(c for c in FACT_COLUMNS if c not in header)
    raise LoadError(path.name, [Problem(1, "-", f"thiếu cột: {missing} (xem docs/data-files.md)")])


def _number(text: str, row: int, column: str, problems: list[Problem]) -> Decimal | None:
    try:
        return storable_number(parse_number(text))
    except NumberFormatError as error:
        problems.append(Problem(row, column, str(error)))
        return None


def _is_phrase(text: str) -> bool:
    """A target written as people write it ("dưới 30%", "tăng 8% so với cùng kỳ", ">17600"):
    it has a word or a comparator sign. Anything else ("1e16", "١٢") is read as a number, so
    a malformed number gets the number's own message."""
    try:
        parse_number(text)
    except NumberFormatError:
        return bool(re.search(r"[^\W\d_]{2,}|[<>≤≥=~≈]", text))
    return False


def facts_load(header: list[str], rows: list[list[str]], *, source: str, actor=None, may_write=None,
               dry_run: bool = False) -> LoadResult:
    unknown = [c for c in header if c and c not in FACT_COLUMNS + OPTIONAL_FACT_COLUMNS]
    problems = [Problem(1, c, "cột không được hỗ trợ") for c in unknown]
    indicators = {i.code: i for i in Indicator.objects.all()}
    bases = {b.number: b for b in LegalBasis.objects.all()}
    units: dict[tuple, OrgUnit | None] = {}
    parsed = []
    for number, cells in enumerate(rows, start=2):
        cell = dict(zip(header, (c.strip() for c in cells), strict=False))
        before = len(problems)
        indicator = indicators.get(cell.get("indicator", ""))
        if indicator is None:
            problems.append(Problem(number, "indicator", f"không có chỉ tiêu mã '{cell.get('indicator', '')}'"))
        code = cell.get("org_unit", "")
        try:  # a code or name means the unit in force in the row's period (identity is code + vintage)
            as_of = Period.parse(cell.get("period", "")).end
        except PeriodError:
            as_of = None  # the period's own problem is reported below
        if (code, as_of) not in units:
            try:
                units[(code, as_of)] = orgunit_find(code, as_of=as_of)
            except UnitNotFound as error:
                units[(code, as_of)] = None
                problems.append(Problem(number, "org_unit", str(error)))
        elif units[(code, as_of)] is None:
            problems.append(Problem(number, "org_unit", f"không tìm thấy đơn vị '{code}'"))
        try:
            period = Period.parse(cell.get("period", "")).code
        except PeriodError as error:
            problems.append(Problem(number, "period", str(error)))
        kind = cell.get("kind", "")
        if kind not in FACT_KINDS:
            problems.append(Problem(number, "kind", f"'{kind}' không phải target, estimate, official hoặc revised"))
        written = None  # a target written as a phrase in the value cell
        if kind == "target" and cell.get("value") and _is_phrase(cell["value"]):
            try:
                written = parse_target(cell["value"], kind=indicator.measure_kind if indicator else None)
            except NumberFormatError as error:
                problems.append(Problem(number, "value", str(error)))
            value = written.value if written else None
        else:
            value = _number(cell.get("value", ""), number, "value", problems) if cell.get("value") else None
        high = _number(cell["value_high"], number, "value_high", problems) if cell.get("value_high") else None
        legal = None
        if cell.get("legal_basis"):
            legal = bases.get(cell["legal_basis"])
            if legal is None:
                problems.append(Problem(number, "legal_basis", f"chưa có văn bản '{cell['legal_basis']}'"))
        comparator, basis = ">=", "absolute"
        if kind == "target":
            try:
                # "trên", "≥", "duy trì" ... as people write them; empty means "at least".
                comparator = Comparator.from_text(cell.get("comparator") or ">=").value
            except ValueError as error:
                problems.append(Problem(number, "comparator", str(error)))
            basis_text = " ".join(cell.get("basis", "").split()).lower()
            if basis_text not in _BASIS_TEXT:
                problems.append(Problem(number, "basis", f"'{cell['basis']}' không phải absolute, prior_pct "
                                                         "hoặc prior_points"))
            basis = _BASIS_TEXT.get(basis_text, "absolute")
            if written is not None:
                stated = Comparator.from_text(cell["comparator"]) if cell.get("comparator") and not any(
                    p.row == number and p.column == "comparator" for p in problems) else None
                if stated is not None and stated is not written.comparator:
                    problems.append(Problem(number, "comparator", f"'{cell['comparator']}' khác với điều kiện "
                                                                  f"trong giá trị '{cell['value']}'"))
                if basis_text and basis != written.basis:
                    problems.append(Problem(number, "basis", f"'{cell['basis']}' khác với cách ghi "
                                                             f"'{cell['value']}'"))
                comparator, basis = written.comparator.value, written.basis.value
                high = written.high if written.high is not None else high
            reasons = catalog_services.target_check(comparator=comparator, value=value, value_high=high,
                                                    basis=basis)
            problems += [Problem(number, "comparator", r) for r in reasons]
        elif kind in FACT_KINDS and value is None and not any(p.column == "value" and p.row == number for p in problems):
            problems.append(Problem(number, "value", "thiếu giá trị"))
        elif kind in FACT_KINDS and value is not None and indicator is not None:
            # value_set's hard limits (engine.bounds), with every other problem of the file
            problems += [Problem(number, "value", e) for e in
                         value_errors(value, measure_kind=indicator.measure_kind, unit=indicator.unit)]
        if may_write is not None and len(problems) == before:
            if reason := may_write(kind, units[(code, as_of)], indicator):
                problems.append(Problem(number, "org_unit", reason))
        if len(problems) == before:
            parsed.append((number, (kind, indicator, units[(code, as_of)], period, value, high, comparator, basis,
                                    legal, cell)))
    if problems:
        raise LoadError(source, problems)

    return facts_write(parsed, source=source, actor=actor, dry_run=dry_run)


def facts_write(parsed: list, *, source: str, actor=None, dry_run: bool = False) -> LoadResult:
    """Write checked rows: values staged and written beside the live ones in short
    transactions, invisible, then the targets (`target_set`) and the values' publication in
    one short transaction (values.staging) - the whole file or nothing, without holding the
    write lock for the whole load."""
    problems: list[Problem] = []
    targets, values = [], []
    for number, (kind, indicator, unit, period, value, high, comparator, basis, legal, cell) in parsed:
        if kind == "target":
            targets.append((number, indicator, unit, period, value, high, comparator, basis, legal, cell))
            continue
        values.append(StagedRow(row=number, indicator=indicator, org_unit=unit, period=period, kind=kind, value=value,
                                raw_text=cell.get("value", ""), comment=cell.get("comment", ""),
                                source=cell.get("source", "")))
    if problems:
        raise LoadError(source, problems)
    counts = {"chỉ tiêu kế hoạch": len(targets), "số liệu": len(values)}
    if dry_run:
        return LoadResult(source, counts)
    run = load_stage(actor=actor, source=source, rows=values) if values else None
    try:
        try:
            if run is not None:
                load_write(actor=actor, run=run)  # short chunks, nothing visible yet
            with write_transaction():  # the targets and the values' publication: one short transaction
                for number, indicator, unit, period, value, high, comparator, basis, legal, cell in targets:
                    try:
                        catalog_services.target_set(
                            actor=actor, indicator=indicator, org_unit=unit, period=period,
                            source=cell.get("source", ""), comment=cell.get("comment", ""), comparator=comparator,
                            value=value, value_high=high, legal_basis=legal, basis=basis,
                            is_derived=cell.get("source", "").startswith("derived"))
                    except ValueError as error:  # a service refusal is a row problem too
                        problems.append(Problem(number, "value", str(error)))
                if problems:
                    raise LoadError(source, problems)  # inside atomic(): every row written so far is undone
                if run is not None:
                    load_publish(run)
        except LoadRefused as refused:
            raise LoadError(source, [Problem(row, "value", reason) for row, reason in refused.problems]) from None
    finally:
        if run is not None:
            load_end(run)  # settles a published load, removes any other
    return LoadResult(source, counts)
