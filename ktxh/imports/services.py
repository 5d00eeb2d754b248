"""Upload a report, review its figures, accept the chosen ones as data values.

Writes go through ``ktxh.values.services.value_set`` (the one write path for values) with
the file and line as ``source`` and the sentence's figure as ``source_quote``.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import IntegrityError
from django.utils import timezone

from ktxh.accounts import access
from ktxh.catalog.models import Indicator
from ktxh.core.writes import write_transaction
from ktxh.engine.bounds import value_errors
from ktxh.engine.numbers import format_number
from ktxh.engine.periods import Period, PeriodError
from ktxh.engine.sources import document_reference, file_label
from ktxh.engine.text import CatalogEntry, Fact, Finding, analyse, rules_fingerprint
from ktxh.engine.text.context import build_context, has_title_block, opening_period
from ktxh.engine.text.units import UnitMismatch, convert_measure
from ktxh.imports.models import ImportedDocument
from ktxh.imports.readers import DocumentError, read_document
from ktxh.orgunits.selectors import (
    UnitNotFound,
    orgunit_find,
    province_of,
    unit_not_valid,
    unit_pick,
)
from ktxh.values.models import DataValue
from ktxh.values.services import (
    ValueConflict,
    ValueLocked,
    ValueRejected,
    source_document_record,
    value_set,
)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".docx", ".pdf")
KINDS = {"estimate": "ước", "official": "chính thức"}


class ImportFailed(Exception):
    """Nothing was written; ``problems`` lists every reason, in Vietnamese."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _unit_of_document(text: str, allowed) -> object:
    name = build_context(text, text[:20000]).org_unit
    if name:
        try:
            unit = orgunit_find(name)
        except UnitNotFound:
            unit = None
        if unit is not None and allowed.filter(pk=unit.pk).exists():
            return unit
    return allowed.order_by("level", "path").first()


def short_file_name(name: str, limit: int = 200) -> str:
    """A file name that fits the file system (255 bytes) and the model field: a 224-character
    Vietnamese title is 290 bytes in UTF-8. The stem is cut on a character boundary."""
    stem, suffix = Path(name).stem, Path(name).suffix[:10]
    room = limit - len(suffix.encode("utf-8"))
    stem = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore")  # a cut character is dropped
    return (stem.rstrip() or "bao-cao") + suffix


def upload_check(*, actor, file_name: str, data: bytes) -> tuple[str, object]:
    """The stored file name and the province of an upload the actor may make, checked before
    anything parses it (type, size, permission); raises ImportFailed."""
    name = Path(file_name or "").name.strip() or "bao-cao.txt"
    if Path(name).suffix.lower() not in SUFFIXES:
        raise ImportFailed([f"Tệp {name}: chỉ nhận .txt, .md, .docx hoặc .pdf."])
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportFailed([f"Tệp {name} quá lớn ({len(data) / 1048576:.1f} MB; giới hạn "
                            f"{MAX_UPLOAD_BYTES / 1048576:.0f} MB)."])
    if not data:
        raise ImportFailed([f"Tệp {name} rỗng."])
    allowed = access.units_for_import(actor)
    if not allowed.exists():
        raise ImportFailed(["Bạn không có quyền nhập số liệu từ báo cáo."])
    return short_file_name(name), province_of(allowed.order_by("level", "path").first())


def document_already_uploaded(*, actor, data: bytes) -> ImportedDocument | None:
    """The document the actor can see that was stored from these very bytes, if any: the same
    file again opens it without being read again."""
    digest = hashlib.sha256(data).hexdigest()
    return access.imported_documents_visible(actor).filter(sha256=digest).first()


def document_upload(*, actor, file_name: str, data: bytes) -> tuple[ImportedDocument, bool]:
    """Read and store a report; the same file again returns the stored one (created=False).
    Nothing is stored unless the whole file was read."""
    name, _ = upload_check(actor=actor, file_name=file_name, data=data)
    allowed = access.units_for_import(actor)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            text = read_document(path, max_bytes=MAX_UPLOAD_BYTES)
        except DocumentError as exc:
            raise ImportFailed([str(exc)]) from exc
        except Exception as exc:  # a broken file must give a message, never a 500
            raise ImportFailed([f"Không đọc được tệp {name}: tệp hỏng hoặc sai định dạng."]) from exc
    digest = hashlib.sha256(data).hexdigest()
    unit = _unit_of_document(text, allowed)
    province = province_of(unit)
    existing = ImportedDocument.objects.filter(province=province, sha256=digest).first()
    if existing is not None:
        return existing, False
    try:
        with write_transaction():
            doc = ImportedDocument.objects.create(province=province, org_unit=unit, file_name=name, sha256=digest,
                                                  size=len(data), text=text, uploaded_by=actor)
    except IntegrityError:  # the same file stored by another job a moment ago
        return ImportedDocument.objects.get(province=province, sha256=digest), False
    return doc, True


def catalog_entries() -> list[CatalogEntry]:
    return [CatalogEntry(i.code, i.name, tuple(i.synonyms or ()), i.unit or "")
            for i in Indicator.objects.only("code", "name", "synonyms", "unit")]


@dataclass
class Review:
    facts: list
    findings: list
    indicators: dict = field(default_factory=dict)  # code -> Indicator


def needs_period(doc: ImportedDocument) -> bool:
    """A text without a title block is read only after the user confirms its period and unit."""
    return not doc.period and not has_title_block(doc.text)


def guessed_period(doc: ImportedDocument) -> str:
    year, half = opening_period(doc.text)
    return f"{year}{half}" if year else ""


def _unit_for_period(allowed, text: str, period: Period):
    """The unit a review row names ("03583", "03583@2025", "03583 Xã Khổng Lào"), resolved by the
    period's end among the units the user may import for (orgunits.selectors.unit_pick); a unit
    dissolved before the period is refused with its successors named."""
    unit = unit_pick(allowed, (text or "").split(" ")[0], period.end)
    if unit is None:
        raise ImportFailed([f"Đơn vị “{text}” không có hoặc bạn không được nhập số liệu cho đơn vị này."])
    if unit.valid_to is not None and period.start > unit.valid_to:
        raise ImportFailed([f"{unit_not_valid(unit, period.end)} Số liệu {period.label_vi.lower()} hãy nhập "
                            "cho đơn vị mới."])
    return unit


def document_period_set(*, actor, doc: ImportedDocument, period: str, unit_code: str) -> ImportedDocument:
    """Record the period and unit the user confirmed for an untitled text."""
    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        raise ImportFailed([f"Kỳ báo cáo “{period}” không hợp lệ ({exc})."]) from exc
    code = parsed.code
    unit = _unit_for_period(access.units_for_import(actor), unit_code, parsed)
    with write_transaction():
        doc.period, doc.org_unit = code, unit
        doc.save(update_fields=["period", "org_unit"])
    return doc


def _extraction_key(doc: ImportedDocument, catalog: list[CatalogEntry]) -> str:
    """What a stored extraction was read under: the rules, the confirmed period, the catalog."""
    digest = hashlib.sha256(f"{rules_fingerprint()}|{doc.period}".encode())
    for e in catalog:
        digest.update(repr((e.code, e.name, e.synonyms, e.unit)).encode())
    return digest.hexdigest()[:32]


@write_transaction
def _extraction_store(doc: ImportedDocument, key: str, facts: list, findings: list) -> None:
    data = {"key": key, "facts": [f.to_stored() for f in facts], "findings": [f.to_stored() for f in findings]}
    ImportedDocument.objects.filter(pk=doc.pk).update(extraction=data)
    doc.extraction = data


def document_extraction(doc: ImportedDocument) -> tuple[list, list]:
    """The document's facts and findings: read once (by the import job) and stored with the
    document; read again only when the rules, the period or the catalog changed since."""
    catalog = catalog_entries()
    key = _extraction_key(doc, catalog)
    stored = doc.extraction or {}
    if stored.get("key") == key:
        return [Fact.from_stored(d) for d in stored["facts"]], [Finding.from_stored(d) for d in stored["findings"]]
    facts, findings = analyse(doc.text, catalog=catalog, period=doc.period or None)
    _extraction_store(doc, key, facts, findings)
    return facts, findings


def document_review(doc: ImportedDocument) -> Review:
    facts, findings = document_extraction(doc)
    codes = {f.catalog_code for f in facts if f.catalog_code}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    return Review(facts, findings, indicators)


def default_kind(fact) -> str:
    return "estimate" if fact.kind == "estimate" else "official"


def converted(fact, indicator) -> tuple[Decimal | None, str]:
    """The value in the indicator's unit, or None and the reason it cannot be accepted."""
    if fact.kind == "target":
        return None, "Đây là chỉ tiêu kế hoạch (mục tiêu), không nhập như số liệu thực hiện."
    if fact.comparator not in ("=", "~"):
        return None, "Số liệu ghi dạng so sánh (trên, dưới, từ…), không phải một giá trị."
    try:
        return convert_measure(fact.value, fact.unit, indicator.unit), ""
    except UnitMismatch as exc:
        return None, str(exc)


@dataclass
class Choice:
    index: int
    indicator: str
    period: str
    kind: str
    unit: str
    start: int
    replace: bool = False  # the user ticked "thay thế" for a different stored value
    reason: str = ""


KIND_NAMES = {"estimate": "ước", "official": "chính thức", "revised": "điều chỉnh"}


def stored_values(keys, allowed) -> dict[tuple, list[DataValue]]:
    """Values already stored for (indicator code, unit, period), every kind, newest kind first.

    Keyed by the unit itself (code + vintage, docs/units.md), never by its bare code: a new
    unit reusing an old one's code (03583 Xã Khổng Lào) never shows the other's value.
    Only units the user may import for are read (``allowed`` comes from accounts.access)."""
    keys = {k for k in keys if all(k)}
    if not keys:
        return {}
    rows = (DataValue.objects.filter(org_unit__in=allowed, indicator__code__in={k[0] for k in keys},
                                     period__in={k[2] for k in keys})
            .filter(org_unit__in={k[1].pk for k in keys})
            .select_related("indicator", "org_unit", "updated_by"))
    out: dict[tuple, list[DataValue]] = {}
    for row in rows:
        key = (row.indicator.code, row.org_unit, row.period)
        if key in keys:
            out.setdefault(key, []).append(row)
    for values in out.values():
        values.sort(key=lambda v: -DataValue.KIND_PRIORITY.get(v.kind, 0))
    return out


def describe_stored(row: DataValue) -> str:
    who = (row.updated_by.get_full_name() or row.updated_by.username) if row.updated_by else "không rõ người nhập"
    when = timezone.localtime(row.updated_at).strftime("%d/%m/%Y %H:%M")
    return f"{format_number(row.value)} {row.indicator.unit} ({KIND_NAMES.get(row.kind, row.kind)}, {who}, {when})"


def _stored_problem(c: Choice, where: str, stored: list[DataValue], kind: str, value: Decimal) -> str:
    """Why this write would silently change a stored figure, or "" when it may go ahead."""
    if not stored:
        return ""
    effective = stored[0]
    if kind == "estimate" and DataValue.KIND_PRIORITY.get(effective.kind, 0) > DataValue.KIND_PRIORITY["estimate"]:
        if effective.value != value:
            return (f"{where}: đã có số {KIND_NAMES[effective.kind]} {describe_stored(effective)}; "
                    "số ước không thay số chính thức. Chọn loại “chính thức” nếu báo cáo là số chính thức.")
        return ""
    if effective.value == value:
        return ""
    if not c.replace:
        return (f"{where}: đã lưu {describe_stored(effective)}, khác số trong báo cáo. "
                "Tích “thay thế” và ghi lý do nếu muốn ghi đè.")
    if not c.reason.strip():
        return f"{where}: thay thế số đã lưu cần ghi lý do."
    return ""


def facts_accept(*, actor, doc: ImportedDocument, choices: list[Choice]) -> int:
    """Write every chosen fact, or none of them when one is refused."""
    if not choices:
        raise ImportFailed(["Chưa chọn số liệu nào."])
    facts = document_extraction(doc)[0]  # the figures the review page showed, by index and position
    allowed = access.units_for_import(actor)
    problems, writes = [], []
    for c in choices:
        where = f"Dòng chọn #{c.index + 1}"
        if not 0 <= c.index < len(facts) or facts[c.index].start != c.start:
            problems.append(f"{where}: không khớp với văn bản đã tải lên; hãy tải lại trang.")
            continue
        fact = facts[c.index]
        where = f"Dòng {fact.line} (“{fact.quote}”)"
        indicator = Indicator.objects.filter(code=c.indicator.split(" ")[0].strip()).first()
        try:
            unit = _unit_for_period(allowed, c.unit, Period.parse(c.period))
        except PeriodError:
            unit = unit_pick(allowed, c.unit.split(" ")[0], None)  # the period's own message follows
            if unit is None:
                problems.append(f"{where}: đơn vị “{c.unit}” không có hoặc bạn không được nhập số liệu cho đơn vị này.")
                continue
        except ImportFailed as exc:
            problems.append(f"{where}: {exc.problems[0]}")
            continue
        if indicator is None:
            problems.append(f"{where}: chưa chọn chỉ tiêu có trong danh mục.")
            continue
        if not access.can_import_value(actor, unit, indicator):
            problems.append(f"{where}: bạn không được nhập số liệu chỉ tiêu {indicator.code} cho {unit.name}.")
            continue
        try:
            period = Period.parse(c.period).code
        except PeriodError as exc:
            problems.append(f"{where}: kỳ “{c.period}” không hợp lệ ({exc}).")
            continue
        if c.kind not in KINDS:
            problems.append(f"{where}: loại số liệu phải là ước hoặc chính thức.")
            continue
        value, reason = converted(fact, indicator)
        if value is None:
            problems.append(f"{where}: {reason}")
            continue
        if errors := value_errors(value, measure_kind=indicator.measure_kind, unit=indicator.unit):
            # listed with the others here; value_set refuses the same values in any case
            problems.append(f"{where}: {'; '.join(errors)}.")
            continue
        stored = stored_values([(indicator.code, unit, period)], allowed).get((indicator.code, unit, period), [])
        if problem := _stored_problem(c, where, stored, c.kind, value):
            problems.append(problem)
            continue
        comment = f"Nhập từ báo cáo: {fact.indicator}"
        if stored and stored[0].value != value:
            comment += f". Thay thế {describe_stored(stored[0])}. Lý do: {c.reason.strip()}"
        writes.append((fact, indicator, unit, period, c.kind, value, comment))
    if problems:
        raise ImportFailed(problems)
    try:
        with write_transaction():
            for fact, indicator, unit, period, kind, value, comment in writes:
                value_set(actor=actor, indicator=indicator, org_unit=unit, period=period, kind=kind, value=value,
                          raw_text=fact.quote[:200], comment=comment[:1000],
                          source=f"{doc.file_name}:{fact.line}", source_quote=fact.quote)
            # sources keep "<file>:<line>"; the document is cited by its own header (375/BC-UBND)
            source_document_record(actor=actor, file_name=doc.file_name, citation=document_reference(
                doc.text, fallback=file_label(doc.file_name)))
            doc.accepted_count = len(writes)
            doc.accepted_at = timezone.now()
            doc.save(update_fields=["accepted_count", "accepted_at"])
    except (ValueLocked, ValueConflict, ValueRejected) as exc:
        raise ImportFailed([f"Không ghi được: {exc or 'số liệu đã bị khóa hoặc đã thay đổi.'}"]) from exc
    return len(writes)


def matched_choices(*, actor, doc: ImportedDocument, unit_for) -> tuple[list[Choice], list[str]]:
    """Every matched, acceptable fact with its proposed indicator, period, kind and unit ("Nhận tất
    cả"), and why the others are left for the user (target, no conversion, a different stored value)."""
    review = document_review(doc)
    allowed = access.units_for_import(actor)
    rows = []
    for i, fact in enumerate(review.facts):
        indicator = review.indicators.get(fact.catalog_code or "")
        unit = unit_for(fact)
        if indicator is None or unit is None or not fact.period:
            continue
        value, reason = converted(fact, indicator)
        rows.append((i, fact, indicator, unit, value, reason))
    stored = stored_values([(ind.code, unit, f.period) for _, f, ind, unit, _, _ in rows], allowed)
    choices, skipped = [], []
    for i, fact, indicator, unit, value, reason in rows:
        where = f"Dòng {fact.line} (“{fact.quote}”)"
        if value is None:
            skipped.append(f"{where}: {reason}")
            continue
        kind = default_kind(fact)
        choice = Choice(index=i, indicator=indicator.code, period=fact.period, kind=kind, unit=unit.key, start=fact.start)
        if problem := _stored_problem(choice, where, stored.get((indicator.code, unit, fact.period), []), kind, value):
            skipped.append(problem)
            continue
        choices.append(choice)
    return choices, skipped
