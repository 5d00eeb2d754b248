"""Catalog files: org units, agencies, indicator groups, indicators and legal bases.

YAML (`ktxh/demo/data/*.yaml` are examples) or a CSV/XLSX sheet of indicators with
the columns in CATALOG_COLUMNS. Validated whole, then written in one transaction.
"""

import datetime
from decimal import Decimal

from ktxh.catalog import services as catalog_services
from ktxh.catalog.models import Agency, Indicator, IndicatorGroup
from ktxh.core.writes import write_transaction
from ktxh.engine.numbers import STORED_DECIMALS, NumberFormatError, parse_number, storable_number
from ktxh.engine.semantics import Aggregation, Direction, ExcessMode, MeasureKind
from ktxh.imports.load_result import LoadError, LoadResult, Problem
from ktxh.orgunits import services as orgunit_services
from ktxh.orgunits.models import LAST_OLD_DAY, OrgUnit, OrgUnitLineage
from ktxh.orgunits.selectors import orgunit_find

CATALOG_COLUMNS = ["code", "name", "group", "unit", "measure_kind", "direction"]
OPTIONAL_CATALOG_COLUMNS = ["aggregation", "decimals", "agency", "is_main", "flow", "excess_mode", "order", "synonyms",
                            "source", "numerator", "denominator"]
_YES = ("1", "true", "có", "x", "yes")
SECTIONS = ("org_units", "lineage", "agencies", "groups", "indicators", "legal_bases")


def catalog_rows_load(header, rows, *, source, actor=None):
    """A CSV/XLSX sheet of indicators; `synonyms` is a ';'-separated list."""
    indicators = []
    for cells in rows:
        item = {k: v for k, v in zip(header, (c.strip() for c in cells), strict=False) if k and v != ""}
        if "synonyms" in item:
            item["synonyms"] = [s.strip() for s in item["synonyms"].split(";") if s.strip()]
        for key in ("is_main", "flow"):
            if key in item:
                item[key] = item[key].lower() in _YES
        indicators.append(item)
    return yaml_load({"indicators": indicators}, source=source, actor=actor, first_row=2)


def _date(value, where, problems):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        problems.append((*where, f"ngày '{value}' không đúng dạng YYYY-MM-DD"))
        return None


def _tolerance(value, where, problems) -> Decimal:
    if value in (None, ""):
        return Decimal(0)
    try:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise NumberFormatError(str(value))
        # YAML gives 0.5 as a float: its shortest repr is what was written.
        number = Decimal(repr(value)) if isinstance(value, float) else (
            Decimal(value) if isinstance(value, int) else parse_number(value))
        number = storable_number(number)
        if number < 0:
            raise NumberFormatError(str(value))
        return number
    except (NumberFormatError, ArithmeticError):
        problems.append((where, "tolerance", f"'{value}' không phải số không âm (ví dụ 0,5)"))
        return Decimal(0)


def _enum(enum, value, where, problems, default=None):
    if value in (None, ""):
        return default
    if str(value) not in {m.value for m in enum}:
        allowed = ", ".join(m.value for m in enum)
        problems.append((*where, f"'{value}' không hợp lệ (cho phép: {allowed})"))
    return str(value)


_TEXT_FIELDS = {"code", "name", "group", "unit", "measure_kind", "direction", "aggregation", "agency",
                "excess_mode", "source", "kind", "parent", "issuer", "number", "title", "from", "to", "event",
                "basis"}


def _scalars(item: dict, where, problems) -> None:
    """A code, name or label given as a list or mapping is a problem, not a crash later."""
    for key in _TEXT_FIELDS & set(item):
        if isinstance(item[key], list | dict | set):
            problems.append((where, key, "phải là một giá trị (chữ hoặc số), không phải danh sách"))
            item[key] = ""
        elif isinstance(item[key], int | float) and not isinstance(item[key], bool):
            item[key] = str(item[key])  # "code: 01" read by YAML as a number


def _whole_number(item: dict, key: str, where, problems, *, most: int) -> None:
    value = item.get(key)
    if value in (None, ""):
        return
    text = str(value).strip()
    # ASCII only: "²".isdigit() is True but int("²") fails.
    if isinstance(value, bool) or not (text.isascii() and text.isdigit()) or int(text) > most:
        problems.append((where, key, f"phải là số nguyên từ 0 đến {most}"))


def yaml_load(document: dict, *, source: str, actor=None, first_row: int = 1):
    if not isinstance(document, dict) or not set(document) & set(SECTIONS):
        raise LoadError(source, [Problem("-", "-", f"cần ít nhất một mục: {', '.join(SECTIONS)}")])
    problems: list[tuple] = []
    sections = {}
    for name in SECTIONS:
        items = document.get(name) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            problems.append((name, "-", "phải là danh sách các mục"))
            items = []
        sections[name] = items
        for i, item in enumerate(items, start=first_row):
            _scalars(item, f"{name}[{i}]" if first_row == 1 else i, problems)

    for name in ("agencies", "groups"):
        for i, item in enumerate(sections[name], start=first_row):
            for key in ("code", "name"):
                if item.get(key) in (None, ""):
                    problems.append((f"{name}[{i}]", key, "bắt buộc"))
            if name == "groups":
                _whole_number(item, "order", f"{name}[{i}]", problems, most=100_000)
    unit_codes = {u["code"] for u in sections["org_units"] if u.get("code")} | set(
        OrgUnit.objects.values_list("code", flat=True))
    for i, unit in enumerate(sections["org_units"], start=first_row):
        where = (f"org_units[{i}]", "")
        for key in ("code", "name", "kind"):
            if not unit.get(key):
                problems.append((where[0], key, "bắt buộc"))
        _enum(OrgUnit.Kind, unit.get("kind"), (where[0], "kind"), problems)
        if unit.get("parent") and str(unit["parent"]) not in unit_codes:
            problems.append((where[0], "parent", f"không có đơn vị mã '{unit['parent']}'"))
        unit["valid_from"] = _date(unit.get("valid_from"), (where[0], "valid_from"), problems)
        unit["valid_to"] = _date(unit.get("valid_to"), (where[0], "valid_to"), problems)
    for i, link in enumerate(sections["lineage"], start=first_row):
        for key in ("from", "to"):
            if str(link.get(key, "")) not in unit_codes:
                problems.append((f"lineage[{i}]", key, f"không có đơn vị mã '{link.get(key)}'"))
        _enum(OrgUnitLineage.Event, link.get("event"), (f"lineage[{i}]", "event"), problems)
        link["date"] = _date(link.get("date"), (f"lineage[{i}]", "date"), problems)

    group_codes = {str(g.get("code")) for g in sections["groups"]} | set(
        IndicatorGroup.objects.values_list("code", flat=True))
    agency_codes = {str(a.get("code")) for a in sections["agencies"]} | set(Agency.objects.values_list("code", flat=True))
    indicator_codes = {str(i.get("code")) for i in sections["indicators"]} | set(
        Indicator.objects.values_list("code", flat=True))
    for i, item in enumerate(sections["indicators"], start=first_row):
        row = f"indicators[{i}]" if first_row == 1 else i
        for key in CATALOG_COLUMNS:
            if item.get(key) in (None, ""):
                problems.append((row, key, "bắt buộc"))
        if item.get("group") not in (None, "") and str(item["group"]) not in group_codes:
            problems.append((row, "group", f"không có nhóm mã '{item['group']}'"))
        if item.get("agency") and str(item["agency"]) not in agency_codes:
            problems.append((row, "agency", f"không có cơ quan mã '{item['agency']}'"))
        _enum(MeasureKind, item.get("measure_kind"), (row, "measure_kind"), problems)
        if item.get("measure_kind") == MeasureKind.CHANGE_PP and "‰" in str(item.get("unit") or ""):
            # its excess would be sent as percentage points (docs/evaluation.md §3)
            problems.append((row, "measure_kind", "mức tăng/giảm của một tỷ suất ‰ là change_permille, không phải "
                                                  "change_pp"))
        _enum(Direction, item.get("direction"), (row, "direction"), problems)
        _enum(Aggregation, item.get("aggregation"), (row, "aggregation"), problems)
        _enum(ExcessMode, item.get("excess_mode"), (row, "excess_mode"), problems)
        _whole_number(item, "decimals", row, problems, most=STORED_DECIMALS)
        _whole_number(item, "order", row, problems, most=100_000)
        synonyms = item.get("synonyms")
        if synonyms not in (None, "") and not (
                isinstance(synonyms, list) and all(isinstance(x, str | int) for x in synonyms)):
            problems.append((row, "synonyms", "phải là danh sách tên gọi (mỗi tên một dòng '- tên')"))
        item["tolerance"] = _tolerance(item.get("tolerance"), row, problems)
        if item.get("flow") not in (None, True, False):
            problems.append((row, "flow", "phải là true (cộng dồn trong năm) hoặc false (số tại một thời điểm)"))
        elif item.get("flow") and item.get("measure_kind") in {k.value for k in MeasureKind if k.is_rate_like}:
            problems.append((row, "flow", "một tỷ lệ, tốc độ hay mức thay đổi không cộng dồn trong năm"))
        # A rate's numerator and denominator (or a weighted mean's weight): other indicator codes,
        # so that a ratio can be recomputed instead of averaged (docs/units.md).
        for key in ("numerator", "denominator"):
            if item.get(key) not in (None, "") and str(item[key]) not in indicator_codes:
                problems.append((row, key, f"không có chỉ tiêu mã '{item[key]}'"))
            elif item.get(key) not in (None, "") and str(item[key]) == str(item.get("code")):
                problems.append((row, key, "không thể là chính chỉ tiêu này"))
    for i, basis in enumerate(sections["legal_bases"], start=first_row):
        for key in ("number", "kind", "issuer"):
            if not basis.get(key):
                problems.append((f"legal_bases[{i}]", key, "bắt buộc"))
        basis["date"] = _date(basis.get("date"), (f"legal_bases[{i}]", "date"), problems)
    if problems:
        raise LoadError(source, [Problem(*p) for p in problems])

    with write_transaction():
        _write(sections, actor)
    counts = {label: len(sections[key]) for key, label in [
        ("org_units", "đơn vị"), ("lineage", "quan hệ sáp nhập"), ("agencies", "cơ quan"),
        ("groups", "nhóm"), ("indicators", "chỉ tiêu"), ("legal_bases", "văn bản")] if sections[key]}
    return LoadResult(source, counts)


def _write(sections: dict, actor) -> None:
    for item in sections["org_units"]:
        # Identity is code + vintage (docs/data-files.md); the parent is the unit of that code
        # in force when the unit begins.
        vintage = OrgUnit.vintage_of(item.get("valid_from"))
        unit = (OrgUnit.objects.filter(code=str(item["code"]), vintage=vintage).first()
                or OrgUnit(code=str(item["code"])))
        unit.name, unit.kind = item["name"], item["kind"]
        unit.parent = (orgunit_find(str(item["parent"]), as_of=item.get("valid_from") or LAST_OLD_DAY)
                       if item.get("parent") else None)
        unit.valid_from, unit.valid_to = item.get("valid_from"), item.get("valid_to")
        unit.source = item.get("source") or ""
        orgunit_services.orgunit_save(actor=actor, unit=unit)
    for link in sections["lineage"]:
        orgunit_services.lineage_record(
            actor=actor, source=orgunit_find(str(link["from"]), as_of=link["date"] - datetime.timedelta(days=1)),
            target=orgunit_find(str(link["to"]), as_of=link["date"]), event=link["event"], date=link["date"],
            basis=link.get("basis") or "",
        )
    for item in sections["agencies"]:
        catalog_services.agency_upsert(actor=actor, code=str(item["code"]), name=item["name"])
    for order, item in enumerate(sections["groups"], start=1):
        catalog_services.group_upsert(actor=actor, code=str(item["code"]), name=item["name"],
                                      order=int(item.get("order") or order))
    for item in sections["indicators"]:
        catalog_services.indicator_upsert(
            actor=actor, code=str(item["code"]), name=item["name"],
            group=IndicatorGroup.objects.get(code=str(item["group"])), unit=str(item["unit"]),
            measure_kind=item["measure_kind"], direction=item["direction"],
            aggregation=item.get("aggregation") or "sum", excess_mode=item.get("excess_mode") or "",
            decimals=int(item.get("decimals") or 2), order=int(item.get("order") or 0),
            is_main=bool(item.get("is_main", True)), flow=bool(item.get("flow", False)),
            responsible_agency=Agency.objects.get(code=str(item["agency"])) if item.get("agency") else None,
            synonyms=list(item.get("synonyms") or []), source=item.get("source") or "",
            tolerance=item["tolerance"],
        )
    for item in sections["indicators"]:
        if item.get("numerator") or item.get("denominator"):
            links = {key: Indicator.objects.get(code=str(item[key])) if item.get(key) else None
                     for key in ("numerator", "denominator")}
            catalog_services.indicator_upsert(actor=actor, code=str(item["code"]), name=item["name"], **links)
    for item in sections["legal_bases"]:
        catalog_services.legal_basis_upsert(
            actor=actor, number=item["number"], kind=item["kind"], date=item.get("date"),
            issuer=item["issuer"], title=item.get("title") or "", source=item.get("source") or "",
        )
