"""What the programme modules add to a report: the MTQG capital (sentences + phụ biểu 04–05
tables) and, in the NTM report, the commune × criterion matrix with its aggregates, goals
and findings. Every figure comes from ktxh.engine.capital / ktxh.engine.ntm through the
programmes' selectors; this module only words and serialises them (JSON, for the snapshot).
"""

from decimal import Decimal

from ktxh.engine.fold import fold
from ktxh.engine.numbers import format_number
from ktxh.engine.periods import Period
from ktxh.orgunits.models import OrgUnit
from ktxh.programmes.capital.annex import capital_annex_data
from ktxh.programmes.capital.selectors import capital_view
from ktxh.programmes.ntm.models import CommuneCriterion
from ktxh.programmes.ntm.selectors import ntm_view, short_name
from ktxh.reports.phrasing import figure, lower_first

CAPITAL_KINDS = ("annual", "ntm")
MAX_LISTED_CONFLICTS = 5  # the internal annex names a few; the NTM page lists them all
MAX_LISTED_LAGGING = 5
_CELL_MARK = {True: "x", False: "", None: "?"}


def _money(value: str | None) -> str:
    return figure(Decimal(value)) if value is not None else ""


def _programme_words(name: str) -> str:
    """"MTQG xây dựng nông thôn mới" -> "chương trình MTQG ..."; "03 chương trình MTQG" as is."""
    if name[:1].isdigit() or fold(name).startswith(("chuong trinh", "chua gan")):
        return lower_first(name)
    return f"chương trình {name}"


def _pct_words(pct: str | None) -> str:
    return (f"đạt {figure(Decimal(pct))}% kế hoạch" if pct is not None
            else "chưa có kế hoạch vốn để tính tỷ lệ giải ngân")


def _lag_words(lag: dict) -> str:
    pct = Decimal(lag["pct"])
    return "chưa giải ngân" if not pct else f"giải ngân {format_number(pct, 2)}%"


def _programme_sentence(p: dict, year: int, as_of: str) -> str:
    return (f"Tổng vốn {_programme_words(p['key'])} kế hoạch năm {year} là {_money(p['plan'])} triệu đồng; "
            f"đến ngày {as_of} đã giải ngân {_money(p['disbursed'])} triệu đồng, {_pct_words(p['pct'])}, "
            f"còn lại {_money(p['remaining'])} triệu đồng.")


def _total_sentence(annex: dict, year: int) -> str:
    """The total and what it is made of: the top-level lines, each with its "trong đó" items, so
    a reader sees that 188.685 already includes NTM's 3.244 (never added twice)."""
    rows, parts = annex["rows"], []
    for i, r in enumerate(rows):
        if r["depth"] != 0:
            continue
        inner = []
        for c in rows[i + 1:]:
            if c["depth"] == 0:
                break
            if c["depth"] == 1 and not c.get("rest"):
                inner.append(f"{lower_first(c['label'])} {_money(c['plan'])} triệu đồng")
        of_which = f" (trong đó {'; '.join(inner)})" if inner and len(inner) <= 3 else ""
        parts.append(f"{lower_first(r['label'])} {_money(r['plan'])} triệu đồng{of_which}")
    total = annex["total"]
    made = f", gồm: {'; '.join(parts)}" if 1 < len(parts) <= 8 else ""
    return (f"Tổng kế hoạch vốn các chương trình năm {year} là {_money(total['plan'])} triệu đồng{made}; "
            f"đến ngày {annex['as_of']} đã giải ngân {_money(total['disbursed'])} triệu đồng, "
            f"{_pct_words(total['pct'])}, còn lại {_money(total['remaining'])} triệu đồng.")


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
        programmes = [p for p in programmes if "nong thon moi" in fold(p["key"])]
    # The annual report gives the total and how it is made (a programme's sum may be only the
    # unsplit rest of a "trong đó" total); the NTM report its programme's own capital.
    sentences = [_programme_sentence(p, period.year, annex["as_of"]) for p in programmes] if kind == "ntm" else []
    if not sentences:
        sentences.append(_total_sentence(annex, period.year))
    if annex["lagging"]:
        named = "; ".join(f"{lag['label']} ({_lag_words(lag)})"
                          for lag in annex["lagging"][:MAX_LISTED_LAGGING])
        more = len(annex["lagging"]) - MAX_LISTED_LAGGING
        sentences.append(f"Có {len(annex['lagging']):02d} dòng vốn giải ngân chậm so với tiến độ: {named}"
                         + (f" và {more:02d} dòng khác." if more > 0 else "."))
    # The checks of the capital figures (a printed % against disbursed / plan) are for the office,
    # not for the signed text: the app shows them, the internal annex lists them (quality_notes).
    inputs = [[r.line.pk, r.line.code, str(r.line.amount),
               sorted([d.pk, f"{d.date:%Y-%m-%d}", str(d.amount)] for d in r.line.disbursements.all())]
              for r in view.rows]
    return {"sentences": sentences, "annex": annex, "inputs": inputs,
            "notes": [f"Vốn MTQG: {m}" for m in annex["findings"]]}


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
    sentences += [s for s in (_goal_sentence(view.goals, view.goal_year),) if s]
    # what the seed reports state against the matrix is a check for the office (internal annex)
    notes = [f"Nông thôn mới: {p}" for p in (_findings_paragraph(view.findings),) if p]
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
    return {"sentences": sentences, "annex": annex, "inputs": inputs, "notes": notes}
