import io

import pytest
from docx import Document


@pytest.fixture
def draft(phong_tho):
    """draft(kind, period, **fields) -> an unsaved Report of Phong Thổ."""
    from ktxh.reports.models import Report

    def make(kind="annual", period="2023", **fields):
        return Report(org_unit=phong_tho, kind=kind, period=period, **fields)

    return make


def docx_text(data: bytes) -> str:
    """Every paragraph of the body and of its tables, one per line."""
    document = Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)
