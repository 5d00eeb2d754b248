"""Shape the engine's facts and findings for the review page (no arithmetic of its own:
converted values come from ktxh.engine.text.units through services.converted)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ktxh.engine.numbers import format_number
from ktxh.imports import services

FINDING_LABELS = {
    "pct_mismatch": "Tỷ lệ % ghi không khớp",
    "excess_ambiguous": "“Vượt X%” không khớp số liệu",
    "count_mismatch": "Số lượng không khớp danh sách",
    "sum_mismatch": "Tổng không khớp các phần",
    "value_conflict": "Một chỉ tiêu hai giá trị",
    "magnitude": "Nghi sai đơn vị, sai bậc",
    "status_mismatch": "Đánh giá đạt/không đạt không khớp",
}
KIND_LABELS = {"actual": "thực hiện", "estimate": "ước", "target": "kế hoạch"}


@dataclass
class FactRow:
    index: int
    fact: object
    indicator_code: str
    indicator: object
    value: object  # in the indicator's unit, or None
    reason: str
    period: str
    kind: str
    unit_code: str  # what the row's unit field sends (the view sets the picker's value)
    unit: object = None  # the proposed OrgUnit (identity: code + vintage)
    stored: list = None  # descriptions of the values already stored (set by the view)
    differs: bool = False  # a stored value differs from this figure: accepting is a "thay thế"

    @property
    def match_note(self) -> str:
        """Why this indicator was proposed, or the nearest ones when none fits (no arithmetic here)."""
        f = self.fact
        if f.catalog_code:
            words = ", ".join(f.extra.get("match_words") or [])
            return f"độ tin cậy {format_number(round(f.confidence * 100))}% · khớp các từ: {words}"
        near = f.extra.get("candidates") or []
        if not near:
            return "chưa khớp — đề xuất chỉ tiêu mới"
        return "chưa khớp — gần nhất: " + "; ".join(f"{code} {name}" for code, name, _ in near)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.fact.kind, self.fact.kind)

    @property
    def notes(self) -> str:
        """What the sentence states besides the value, as written (nothing recomputed)."""
        f, out = self.fact, [self.kind_label]
        if f.pct_of_plan is not None:
            out.append(f"ghi đạt {format_number(f.pct_of_plan)}% KH")
        if f.excess is not None:
            unit = {"pp": " điểm", "%": "%"}.get(f.excess_unit or "", f" {f.excess_unit or ''}")
            out.append(f"ghi vượt {format_number(f.excess)}{unit.rstrip()} KH")
        if f.change_vs_prior is not None:
            if f.change_unit == "% of prior":
                out.append(f"bằng {format_number(f.change_vs_prior)}% cùng kỳ")
            else:
                unit = {"pp": " điểm", "%": "%"}.get(f.change_unit or "", f" {f.change_unit or ''}")
                sign = "tăng" if f.change_vs_prior >= 0 else "giảm"
                out.append(f"{sign} {format_number(abs(f.change_vs_prior))}{unit.rstrip()} so cùng kỳ")
        return " · ".join(out)


def fact_rows(review, unit_for, *, show_all: bool) -> list[FactRow]:
    rows = []
    for i, fact in enumerate(review.facts):
        if not show_all and not fact.catalog_code:
            continue
        indicator = review.indicators.get(fact.catalog_code or "")
        value, reason = services.converted(fact, indicator) if indicator else (None, "Chưa chọn chỉ tiêu.")
        unit = unit_for(fact)
        rows.append(FactRow(i, fact, fact.catalog_code or "", indicator, value, reason, fact.period or "",
                            services.default_kind(fact), unit.code if unit else "", unit))
    return rows


def source_lines(text: str, facts) -> list[dict]:
    """The text line by line, each line cut into plain parts and highlighted quotes."""
    spans, last = [], -1
    for i, f in sorted(enumerate(facts), key=lambda item: item[1].start):
        if f.start >= last and f.end > f.start:
            spans.append((f.start, f.end, i))
            last = f.end
    lines, offset, k = [], 0, 0
    for no, line in enumerate(text.split("\n"), start=1):
        end = offset + len(line)
        parts, pos = [], offset
        while k < len(spans) and spans[k][0] < end:
            a, b, i = spans[k]
            if a > pos:
                parts.append((text[pos:a], None))
            parts.append((text[max(a, pos) : min(b, end)], i))
            pos = min(b, end)
            if b > end:
                break
            k += 1
        if pos < end:
            parts.append((text[pos:end], None))
        lines.append({"no": no, "parts": parts})
        offset = end + 1
    return lines


def finding_rows(findings) -> list[dict]:
    return [{"label": FINDING_LABELS.get(f.type, f.type), "finding": f} for f in findings]


def unmatched_phrases(facts, limit: int = 40) -> list[tuple[str, int]]:
    """Phrases no catalog indicator matched: suggestions for new indicators, most frequent first."""
    counts = Counter(f.indicator for f in facts if not f.catalog_code and f.indicator and f.kind != "target")
    return counts.most_common(limit)
