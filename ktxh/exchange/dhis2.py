"""DHIS2 dataValueSets in and out (JSON and CSV), with DHIS2's field names, id
schemes, periods and import summary (docs/api.md).

Reading a payload is bounded and whole: an unreadable or oversized payload, or bad
parameters, is refused before any value is looked at. Values are then checked one
by one, as DHIS2 does: each value that passes is written, each that fails is a
conflict with its reason (atomicMode=NONE, the default); with atomicMode=ALL one
conflict writes nothing.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ktxh.engine.periods import Period, PeriodError, period_from_dhis2, period_to_dhis2

STRATEGIES = ("CREATE", "UPDATE", "CREATE_AND_UPDATE", "DELETE")
SCHEMES = ("UID", "CODE", "AUTO")
KINDS = ("estimate", "official", "revised")
DEFAULT_KIND = "official"
# DHIS2's CSV columns, in its order (a header row may name them in any order).
CSV_COLUMNS = ["dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo", "value",
               "storedby", "lastupdated", "comment", "followup", "deleted"]
_CSV_ALIASES = {"catoptcombo": "categoryoptioncombo", "attroptcombo": "attributeoptioncombo",
                "data_element": "dataelement", "org_unit": "orgunit"}
_JSON_FIELDS = {"dataElement": "dataelement", "period": "period", "orgUnit": "orgunit",
                "categoryOptionCombo": "categoryoptioncombo", "attributeOptionCombo": "attributeoptioncombo",
                "value": "value", "storedBy": "storedby", "comment": "comment", "deleted": "deleted",
                "followup": "followup", "lastUpdated": "lastupdated", "created": "created"}


class PayloadError(ValueError):
    """The whole payload is refused (nothing is read further, nothing written)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class Options:
    strategy: str = "CREATE_AND_UPDATE"
    dry_run: bool = False
    atomic_all: bool = False
    data_element_scheme: str = "AUTO"
    org_unit_scheme: str = "AUTO"
    coc_scheme: str = "AUTO"

    def as_dhis2(self) -> dict:
        return {"importStrategy": self.strategy, "dryRun": self.dry_run,
                "atomicMode": "ALL" if self.atomic_all else "NONE",
                "idSchemes": {"dataElementIdScheme": self.data_element_scheme,
                              "orgUnitIdScheme": self.org_unit_scheme,
                              "categoryOptionComboIdScheme": self.coc_scheme}}


def _flag(text: str | None, name: str) -> bool:
    if text in (None, ""):
        return False
    low = str(text).strip().lower()
    if low in ("true", "1"):
        return True
    if low in ("false", "0"):
        return False
    raise PayloadError(f"Tham số {name}={text!r} phải là true hoặc false.")


def options_from(params) -> Options:
    """Import options from the query string (DHIS2's parameter names)."""
    problems = []
    strategy = (params.get("importStrategy") or params.get("strategy") or "CREATE_AND_UPDATE").upper()
    if strategy == "NEW_AND_UPDATES":  # DHIS2's older name
        strategy = "CREATE_AND_UPDATE"
    if strategy not in STRATEGIES:
        problems.append(f"importStrategy={strategy!r} không hợp lệ; dùng {', '.join(STRATEGIES)}.")
    atomic = (params.get("atomicMode") or "NONE").upper()
    if atomic not in ("ALL", "NONE"):
        problems.append(f"atomicMode={atomic!r} không hợp lệ; dùng ALL hoặc NONE.")
    general = (params.get("idScheme") or "AUTO").upper()
    schemes = {}
    for name in ("dataElementIdScheme", "orgUnitIdScheme", "categoryOptionComboIdScheme"):
        value = (params.get(name) or general).upper()
        if value not in SCHEMES:
            problems.append(f"{name}={value!r} không hợp lệ; dùng UID hoặc CODE.")
        schemes[name] = value
    try:
        dry_run = _flag(params.get("dryRun"), "dryRun")
    except PayloadError as error:
        problems.append(str(error))
        dry_run = False
    if problems:
        raise PayloadError("Tham số nhập không hợp lệ.", problems)
    return Options(strategy=strategy, dry_run=dry_run, atomic_all=atomic == "ALL",
                   data_element_scheme=schemes["dataElementIdScheme"], org_unit_scheme=schemes["orgUnitIdScheme"],
                   coc_scheme=schemes["categoryOptionComboIdScheme"])


def read_payload(body: bytes, content_type: str, *, max_values: int) -> list[dict]:
    """Every data value of a JSON or CSV payload as a dict of DHIS2 CSV column names;
    the set's own dataSet/period/orgUnit/attributeOptionCombo fill in what a value leaves out."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PayloadError("Nội dung không phải văn bản UTF-8.") from None
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in ("application/csv", "text/csv") or (kind not in ("application/json", "") and not text.lstrip()
                                                   .startswith("{")):
        return _read_csv(text, max_values)
    try:
        document = json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except ValueError as error:
        raise PayloadError(f"Nội dung không phải JSON hợp lệ: {error}.") from None
    if not isinstance(document, dict):
        raise PayloadError("JSON phải là một đối tượng có trường dataValues.")
    values = document.get("dataValues", [])
    if not isinstance(values, list):
        raise PayloadError("Trường dataValues phải là một danh sách.")
    if len(values) > max_values:
        raise PayloadError(f"Quá nhiều giá trị trong một lần gửi ({len(values)}; tối đa {max_values}).")
    defaults = {"period": document.get("period"), "orgunit": document.get("orgUnit"),
                "attributeoptioncombo": document.get("attributeOptionCombo")}
    rows = []
    for item in values:
        if not isinstance(item, dict):
            rows.append({"_bad": "mỗi phần tử của dataValues phải là một đối tượng"})
            continue
        row = {_JSON_FIELDS[k]: v for k, v in item.items() if k in _JSON_FIELDS}
        for name, default in defaults.items():
            if row.get(name) in (None, "") and default not in (None, ""):
                row[name] = default
        rows.append(row)
    return rows


def _read_csv(text: str, max_values: int) -> list[dict]:
    reader = csv.reader(io.StringIO(text))
    rows = []
    header = None
    for number, cells in enumerate(reader):
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            names = [_CSV_ALIASES.get(c.strip().lower(), c.strip().lower()) for c in cells]
            if "dataelement" in names and "value" in names:
                header = names
                continue
            header = CSV_COLUMNS  # DHIS2 may send no header: its fixed column order
        if len(rows) >= max_values:
            raise PayloadError(f"Quá nhiều giá trị trong một lần gửi (tối đa {max_values}).")
        if len(cells) > len(header):
            raise PayloadError(f"Dòng {number + 1} có {len(cells)} cột, nhiều hơn tiêu đề ({len(header)}).")
        rows.append(dict(zip(header, (c.strip() for c in cells), strict=False)))
    return rows


def dhis2_value(raw) -> Decimal | None:
    """DHIS2 sends numbers as strings with a decimal point ("36595.83")."""
    if isinstance(raw, bool) or raw is None:
        return None
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def dhis2_period(code) -> tuple[Period | None, str | None]:
    try:
        return period_from_dhis2(str(code or "")), None
    except PeriodError as error:
        return None, str(error)


# --- summary ----------------------------------------------------------------------------

@dataclass
class Summary:
    options: Options
    imported: int = 0
    updated: int = 0
    deleted: int = 0
    ignored: int = 0
    conflicts: list[dict] = field(default_factory=list)
    refused: str = ""  # the whole payload refused: nothing read, nothing written

    def conflict(self, index: int, obj: str, reason: str, code: str = "E7600") -> None:
        self.conflicts.append({"object": str(obj)[:100], "objects": {}, "value": reason, "errorCode": code,
                               "indexes": [index]})

    @property
    def status(self) -> str:
        if self.refused or (self.options.atomic_all and self.conflicts):
            return "ERROR"
        return "WARNING" if self.conflicts else "SUCCESS"

    def as_dhis2(self) -> dict:
        """DHIS2 2.38+'s web message with its ImportSummary."""
        status = self.status
        ok = status != "ERROR"
        description = self.refused or ("Không ghi giá trị nào vì có xung đột (atomicMode=ALL)."
                                       if status == "ERROR" else
                                       "Thử trước, không ghi gì (dryRun)." if self.options.dry_run else "")
        return {
            "httpStatus": "OK" if ok else "Conflict", "httpStatusCode": 200 if ok else 409,
            "status": "OK" if status == "SUCCESS" else status,
            "message": ("Import was successful." if status == "SUCCESS" else
                        "One more conflicts encountered, please check import summary." if ok else
                        "Import failed."),
            "response": {
                "responseType": "ImportSummary", "status": status, "importOptions": self.options.as_dhis2(),
                "description": description,
                "importCount": {"imported": self.imported, "updated": self.updated, "ignored": self.ignored,
                                "deleted": self.deleted},
                "conflicts": self.conflicts, "dataSetComplete": "false",
            },
        }


def csv_text(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([row.get(_CSV_TO_JSON[c], "") for c in CSV_COLUMNS])
    return out.getvalue()


_CSV_TO_JSON = {v: k for k, v in _JSON_FIELDS.items()}


def dhis2_period_code(code: str) -> str | None:
    return period_to_dhis2(Period.parse(code))
