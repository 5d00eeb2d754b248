"""What a document is about: its unit, its period, and which parts are plans.

A report on 2023 gives period "2023"; a 6-month report "2024-H1"; the section that
sets next year's plan makes every figure in it a target for that year.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .fold import fold

_YEAR = re.compile(r"năm\s(20\d\d)", re.IGNORECASE)
_ORG = re.compile(r"\b(?:huyện|HUYỆN|thị xã|thành phố)\s((?:[A-ZĐÀ-Ỹ][^\s,.;:()]*\s?){1,3})")
_PLAN_HEADING = re.compile(
    r"ke hoach|nhiem vu|phuong huong|muc tieu|giai phap|chi tieu chu yeu nam|phan thu hai"
)
_RESULT_HEADING = re.compile(r"ket qua|tinh hinh|danh gia|thuc trang|phan thu nhat")
# "Phong Thổ, ngày 15 tháng 12 năm 2024". [ \t]*, not \s*: \s* ran across every blank line
# from each line start (100.000 newlines took 64 s); the name stays on its own line.
_PLACE_DATE = re.compile(r"^[ \t]*([A-ZĐ][^\d,\n]{2,30}), ngày", re.MULTILINE)
_HEADING_LINE = re.compile(r"^\s*(?:[IVX]+[.\-]\s|[A-D]\.\s|Phần thứ|PHẦN THỨ|\d\.\s)")


@dataclass
class Section:
    start: int  # offset in the body segment
    is_plan: bool
    year: int | None


@dataclass
class DocContext:
    year: int | None = None
    half: str = ""  # "-H1", "-9M", "-Q1".. for interim reports
    org_unit: str | None = None
    is_plan_document: bool = False
    sections: list[Section] = field(default_factory=list)

    @property
    def period(self) -> str | None:
        return f"{self.year}{self.half}" if self.year else None

    def section_at(self, offset: int) -> Section | None:
        found = None
        for s in self.sections:
            if s.start <= offset:
                found = s
        return found


def _title_text(text: str) -> str:
    """The header and title: lines before the preamble ("Căn cứ ...") starts."""
    lines = []
    for ln in text.splitlines():
        ln = ln.strip()
        if re.match(r"(Căn cứ|Thực hiện|Phần thứ)", ln) or len(lines) >= 10:
            break
        if ln:
            lines.append(ln)
    return " ".join(lines)


def _leading_capitalised(words: list[str]) -> list[str]:
    out = []
    for w in words:
        if not w[:1].isupper():
            break
        out.append(w.title() if w.isupper() else w)
    return out


def _uppercase_ratio(line: str) -> float:
    letters = [c for c in line if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def build_context(original: str, body: str) -> DocContext:
    ctx = DocContext()
    title = _title_text(original)
    folded_title = fold(title)
    years = [int(y) for y in _YEAR.findall(title)]
    if years:
        ctx.year = min(years) if "nhiem vu nam" in folded_title else years[0]
    if "6 thang dau nam" in folded_title:
        ctx.half = "-H1"
    elif "9 thang" in folded_title:
        ctx.half = "-9M"
    elif m := re.search(r"quy (i{1,3}|iv)\b", folded_title):
        ctx.half = "-Q" + str({"i": 1, "ii": 2, "iii": 3, "iv": 4}[m.group(1)])
    preamble = fold(original[:4000])
    ctx.is_plan_document = bool(
        re.search(r"\bke hoach\b", folded_title) or "ban hanh ke hoach" in preamble
    ) and not re.search(r"tinh hinh|ket qua|bao cao", folded_title)
    names = Counter(
        name
        for m in _ORG.finditer(original)
        if (name := " ".join(_leading_capitalised(m.group(1).split())))
    )
    if names:
        ctx.org_unit = names.most_common(1)[0][0]
    elif m := _PLACE_DATE.search(original):
        ctx.org_unit = m.group(1).strip()
    if ctx.is_plan_document and years:
        ctx.year = max(years)
    ctx.sections.append(Section(0, ctx.is_plan_document, ctx.year))
    pos = 0
    body_lines = body.split("\n")
    for i, line in enumerate(body_lines):
        if _HEADING_LINE.match(line) and (_uppercase_ratio(line) > 0.7 or "Phần thứ" in line):
            if "Phần thứ" in line and i + 1 < len(body_lines):
                line = line + " " + body_lines[i + 1]
            folded = fold(line)
            head_years = [int(y) for y in re.findall(r"20\d\d", line)]
            if _PLAN_HEADING.search(folded) and not _RESULT_HEADING.search(folded):
                year = max(head_years) if head_years else ((ctx.year or 0) + 1 if not ctx.is_plan_document else ctx.year)
                if ctx.half and not head_years:
                    year = ctx.year  # "nhiệm vụ 6 tháng cuối năm": same year
                ctx.sections.append(Section(pos, True, year or None))
            elif _RESULT_HEADING.search(folded) or not ctx.is_plan_document:
                ctx.sections.append(Section(pos, False, ctx.year))
        pos += len(line) + 1
    return ctx
