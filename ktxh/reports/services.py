"""Every write of reports and generated files goes through here (web and CLI)."""

import hashlib
import re

from ktxh.core.writes import write_transaction
from ktxh.orgunits.models import REFORM_DATE, OrgUnit
from ktxh.orgunits.selectors import province_of, unit_not_valid
from ktxh.reports.content import inputs_digest
from ktxh.reports.documents import build_content
from ktxh.reports.kinds import CYCLE_KINDS, PROSE_LABELS, report_period
from ktxh.reports.models import Report, ReportFile, default_recipients

MAX_SECTION_CHARS = 60_000  # a long section of a real report is ~15.000 characters
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # not allowed in XML; tabs become spaces
_NUMBER_RE = re.compile(r"^[0-9A-Za-zÀ-ỹĐđ/\-. ]{0,60}$")


class ReportInvalid(ValueError):
    """Input a report cannot take; the message is Vietnamese and names the field."""


def _clean(fields: dict) -> dict:
    sections = fields.get("sections")
    if sections is not None:
        unknown = set(sections) - set(PROSE_LABELS)
        if unknown:
            raise ReportInvalid(f"Mục nội dung không hợp lệ: {', '.join(sorted(unknown))}.")
        for key, text in sections.items():
            if len(text or "") > MAX_SECTION_CHARS:
                raise ReportInvalid(f"Mục '{PROSE_LABELS[key]}' dài quá {MAX_SECTION_CHARS:,} ký tự.".replace(",", "."))
        fields["sections"] = {k: (v or "").replace("\r\n", "\n").strip() for k, v in sections.items()}
    for name in ("place", "signer_name", "signer_title", "signer_authority"):
        if isinstance(fields.get(name), str):
            fields[name] = " ".join(_CONTROL.sub(" ", fields[name]).split())
    if isinstance(fields.get("recipients"), str):
        fields["recipients"] = _CONTROL.sub(" ", fields["recipients"].replace("\r\n", "\n"))
    number = fields.get("number")
    if number is not None and not _NUMBER_RE.match(number.strip()):
        raise ReportInvalid("Số, ký hiệu chỉ gồm chữ, số và các dấu / - . (ví dụ 375/BC-UBND).")
    return fields


@write_transaction
def report_save(*, actor, org_unit: OrgUnit, kind: str, period: str, report: Report | None = None,
                **fields) -> Report:
    """Create or update a report's metadata and prose; nothing is written on bad input."""
    code = report_period(kind, period).code  # raises ReportKindError (a ValueError)
    end = report_period(kind, code).end if kind != "plan" else report_period(kind, code).start  # issued at its start
    if org_unit.valid_to is not None and end > org_unit.valid_to and (moved := unit_not_valid(org_unit, end)):
        raise ReportInvalid(f"{moved} Hãy lập báo cáo của đơn vị mới.")
    fields = _clean(fields)
    if report is None:
        report = Report(created_by=actor if getattr(actor, "pk", None) else None)
        if kind in CYCLE_KINDS:  # who signs a party report, a plan, a submission
            from ktxh.reports.cycle.defaults import signer_defaults

            fields = {**signer_defaults(org_unit, kind), **fields}
        if "recipients" not in fields and kind not in CYCLE_KINDS:
            report.recipients = default_recipients(org_unit, reform_done=report_period(kind, code).end >= REFORM_DATE)
    report.org_unit, report.kind, report.period = org_unit, kind, code
    report.province = province_of(org_unit)
    for name, value in fields.items():
        setattr(report, name, value.strip() if isinstance(value, str) else value)
    report.updated_by = actor if getattr(actor, "pk", None) else None
    report.full_clean(exclude=["province", "created_by", "updated_by"])
    report.save()
    return report


def build_document(content: dict, fmt: str) -> bytes:
    from ktxh.reports.documents import build_docx, formats_for

    if fmt not in formats_for(content["meta"]["kind"]):
        raise ReportInvalid(f"{content['meta']['kind_label']} chỉ tải được dạng "
                            f"{', '.join(formats_for(content['meta']['kind'])).upper()}.")
    if fmt == "docx":
        return build_docx(content)
    if fmt == "xlsx":
        from ktxh.reports.xlsx_builder import build_xlsx

        return build_xlsx(content)
    if fmt == "pdf":
        from ktxh.reports.pdf import docx_to_pdf

        return docx_to_pdf(build_docx(content))
    raise ReportInvalid(f"Định dạng '{fmt}' không hợp lệ (docx, xlsx, pdf).")


def filename_for(content: dict, fmt: str) -> str:
    meta = content["meta"]
    internal = "-noi-bo" if meta.get("internal_notes") else ""
    return f"bao-cao-{meta['kind']}-{meta['unit']}-{meta['period']}{internal}.{fmt}"


def report_generate(*, actor, report: Report, fmt: str, internal_notes: bool = False) -> ReportFile:
    """Build the document from the current data and keep it with its content snapshot.
    internal_notes: the office's copy with the internal annex of data checks.
    PdfUnavailable propagates (nothing is written)."""
    content = build_content(report, internal_notes=internal_notes)
    return report_file_keep(actor=actor, report=report, fmt=fmt, content=content,
                            data=build_document(content, fmt))


def report_file_keep(*, actor, report: Report, fmt: str, content: dict, data: bytes) -> ReportFile:
    """Keep a generated document with the content it was made of (its snapshot)."""
    with write_transaction():
        return ReportFile.objects.create(
            province=report.province, report=report, format=fmt, filename=filename_for(content, fmt),
            data=data, size=len(data), sha256=hashlib.sha256(data).hexdigest(), snapshot=content,
            inputs_digest=inputs_digest(content), internal=bool(content["meta"].get("internal_notes")),
            created_by=actor if getattr(actor, "pk", None) else None,
        )


def report_file_rebuild(report_file: ReportFile) -> bytes:
    """The same document again, from the snapshot it was made of (not from today's data)."""
    return build_document(report_file.snapshot, report_file.format)
