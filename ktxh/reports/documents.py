"""The one entry point from a report to its content and DOCX, whatever its kind: the
People's Committee's reports (content.py, docx_builder.py) or the planning-cycle
documents (cycle/: party, plan, resolution), which have their own templates."""

from ktxh.reports.kinds import CYCLE_KINDS

# Formats each kind can be downloaded in (the cycle documents have no XLSX annex workbook).
FORMATS = {"cycle": ("docx", "pdf"), "report": ("docx", "xlsx", "pdf")}


def formats_for(kind: str) -> tuple[str, ...]:
    return FORMATS["cycle" if kind in CYCLE_KINDS else "report"]


def has_internal_annex(kind: str) -> bool:
    """The People's Committee's reports have an internal annex of data checks; the cycle documents none."""
    return kind not in CYCLE_KINDS


def build_content(report, *, internal_notes: bool = False) -> dict:
    """`internal_notes`: the report's internal check annex (the People's Committee's reports
    only; the cycle documents have none)."""
    if report.kind in CYCLE_KINDS:
        from ktxh.reports.cycle.party import build_party
        from ktxh.reports.cycle.plan import build_plan
        from ktxh.reports.cycle.resolution import build_resolution

        return {"party": build_party, "plan": build_plan, "resolution": build_resolution}[report.kind](report)
    from ktxh.reports.content import build_content as build_report_content

    return build_report_content(report, internal_notes=internal_notes)


def build_docx(content: dict) -> bytes:
    if content["meta"]["kind"] in CYCLE_KINDS:
        from ktxh.reports.cycle.docx import build_cycle_docx

        return build_cycle_docx(content)
    from ktxh.reports.docx_builder import build_docx as build_report_docx

    return build_report_docx(content)
