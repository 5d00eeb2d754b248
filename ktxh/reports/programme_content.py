"""What the programme modules add to a report: the MTQG capital (sentences + phụ biểu 04–05
tables) and, in the NTM report, the commune × criterion matrix with its aggregates, goals
and findings. Every figure comes from ktxh.engine.capital / ktxh.engine.ntm through the
programmes' selectors; this module only words and serialises them (JSON, for the snapshot).
"""

from decimal import Decimal

from ktxh.engine.fold import fold
from ktxh.engine.periods import Period
from ktxh.orgunits.models import OrgUnit
from ktxh.programmes.capital.annex import capital_annex_data
from ktxh.programmes.capital.selectors import capital_view
from ktxh.programmes.ntm.models import CommuneCriterion
from ktxh.programmes.ntm.selectors import ntm_view, short_name
from ktxh.reports.phrasing import figure, lower_first

CAPITAL_KINDS = ("annual", "ntm")
MAX_LISTED_CONFLICTS = 5  # the report names a few; the NTM page lists them all
_CELL_MARK = {True: "x", False: "", None: "?"}


def _money(value: str | None) -> str:
    return figure(Decimal(value)) if value is not None else ""


def _programme_words(name: str) -> str:
    """"MTQG xây dựng nông thôn mới" -> "chương trình MTQG ..."; "03 chương trình MTQG" as is."""
    if name[:1].isdigit() or fold(name).startswith(("chuong trinh", "chua gan")):
        return lower_first(name)
    return f"chương trình {name}"


def capital_block(unit: OrgUnit, kind: str, period: Period) -> dict | None:
    """The capital of the report's year, as of the end of the period; None without lines."""
    if kind not in CAPITAL_KINDS:
        return None
    view = capital_view(unit=unit, period=str(period.year), as_of=period.end)
    if not view.rows:
        return None
    annex = capital_annex_data(view)
    programmes = next(g for g in annex["groups"] if g["label"] == "Chương trình")["items"]
    if kind == "ntm":  # the NTM report speaks of its own programme's capital when it has any
        programmes = [p for p in programmes if "nong thon moi" in fold(p["key"])] or programmes
    sentences = []
    for p in programmes:
        pct = (f"đạt {figure(Decimal(p['pct']))}% kế hoạch" if p["pct"] is not None
               else "chưa có kế hoạch vốn để tính tỷ lệ giải ngân")
        sentences.append(f"Tổng vốn {_programme_words(p['key'])} kế hoạch năm {period.year} là "
                         f"{_money(p['plan'])} triệu đồng; đến ngày {annex['as_of']} đã giải ngân "
                         f"{_money(p['disbursed'])} triệu đồng, {pct}, còn lại {_money(p['remaining'])} triệu đồng.")
    if annex["lagging"]:
        sentences.append(f"Có {len(annex['lagging'])} dòng vốn giải ngân chậm so với tiến độ (chi tiết tại biểu "
                         "Chậm giải ngân của bảng tính kèm theo).")
    if annex["findings"]:
        sentences.append("Lưu ý về số liệu vốn: " + " ".join(annex["findings"]))
    inputs = [[r.line.pk, r.line.code, str(r.line.amount),
               sorted([d.pk, f"{d.date:%Y-%m-%d}", str(d.amount)] for d in r.line.disbursements.all())]
              for r in view.rows]
    return {"sentences": sentences, "annex": annex, "inputs": inputs}


def _range(r, places: int = 0) -> str:
    if r is None:
        return ""
    return figure(r.low, places) if r.exact else f"{figure(r.low, places)} đến {figure(r.high, places)}"


def _band_words(label: str, size: int) -> str:
    if label.startswith("<"):
        return f"dưới {label[1:]} tiêu chí"
    if "-" in label:
        low, high = label.split("-")
        return f"từ {low} đến {high} tiêu chí"
    return f"{label} tiêu chí" if label != str(size) else f"đủ {size} tiêu chí"


def _goal_sentence(goals, goal_year: int) -> str | None:
    if goals is None or not goals.lines:
        return None
    verdict = {True: "đạt", False: "chưa đạt", None: "chưa xác định được do còn ô chưa rõ"}
    parts = [f"{lower_first(g.label)} {_range(g.current, g.decimals)}, mục tiêu "
             f"{'không quá ' if g.comparator == '<=' else ''}{figure(g.goal)} ({verdict[g.reached]})"
             for g in goals.lines]
    return f"So với mục tiêu năm {goal_year}: " + "; ".join(parts) + "."


def _findings_paragraph(findings) -> str | None:
    conflicts = [f for f in findings if f.severity == "conflict"]
    unverified = [f for f in findings if f.severity == "unverified"]
    if not findings:
        return None
    text = (f"Đối chiếu số liệu các báo cáo với bảng tiêu chí: {len(conflicts)} điểm mâu thuẫn, "
            f"{len(unverified)} điểm chưa kiểm chứng được, {len(findings) - len(conflicts) - len(unverified)} "
            "điểm khớp.")
    if conflicts:
        text += " " + " ".join(f.message for f in conflicts[:MAX_LISTED_CONFLICTS])
        if len(conflicts) > MAX_LISTED_CONFLICTS:
            text += (f" Và {len(conflicts) - MAX_LISTED_CONFLICTS} điểm mâu thuẫn khác (xem trang Chương trình "
                     "nông thôn mới).")
    return text


def ntm_block(unit: OrgUnit, kind: str, year: int) -> dict | None:
    """The NTM matrix of the district for the NTM report; None when it has no cells."""
    if kind != "ntm":
        return None
    view = ntm_view(district=unit, year=year)
    if view.criteria_set is None or view.figures is None or not view.cells:
        return None
    f, size = view.figures, len(view.criteria)
    n = f.commune_total
    sentences = [
        f"Theo Bộ tiêu chí {view.criteria_set.code}, năm {year} {lower_first(unit.name)} có {n} xã xây dựng "
        f"nông thôn mới; {view.standard_count} xã đã được công nhận đạt chuẩn nông thôn mới.",
        "Kết quả theo bảng tiêu chí: " + "; ".join(
            f"{_range(r)} xã đạt {_band_words(label, size)}" for label, r in f.bands.items()) + ".",
        f"Bình quân đạt {_range(f.average, 2)} tiêu chí/xã"
        + (f" (còn {f.unknown_cells} ô tiêu chí chưa rõ kết quả, số liệu là khoảng từ thấp nhất đến cao nhất)."
           if not f.complete else "."),
        "Số xã đạt từng tiêu chí: " + "; ".join(
            f"tiêu chí {k.number} ({k.name}) {_range(f.per_criterion_met[k.number])}/{n} xã"
            for k in view.criteria) + ".",
    ]
    sentences += [s for s in (_goal_sentence(view.goals, view.goal_year), _findings_paragraph(view.findings)) if s]
    rows = []
    for number, (commune, count, cells, recognition) in enumerate(view.rows(), 1):
        marks = [_CELL_MARK[None if c is None or c.state == CommuneCriterion.State.UNKNOWN
                            else c.state == CommuneCriterion.State.MET] for c in cells]
        rows.append({"stt": str(number), "name": short_name(commune), "cells": marks,
                     "met": str(count.met) if count else "", "unknown": count.unknown if count else 0,
                     "recognised": bool(recognition)})
    totals = [_range(f.per_criterion_met[k.number]).replace(" đến ", "–") for k in view.criteria]
    annex = {"title": "Biểu 03", "heading": "KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI THEO TỪNG XÃ",
             "criteria_set": view.criteria_set.code,
             "criteria": [{"number": k.number, "name": k.name} for k in view.criteria],
             "rows": rows, "totals": totals, "year": year,
             "legend": "x: đạt; để trống: chưa đạt; ?: chưa rõ kết quả; (*) xã đã được công nhận đạt chuẩn"}
    inputs = sorted([c.pk, c.commune_id, c.criterion.number, c.state,
                     c.updated_at.isoformat() if c.updated_at else ""] for c in view.cells.values())
    return {"sentences": sentences, "annex": annex, "inputs": inputs}
