"""Everything a report shows, as one JSON-serialisable dict (the "content").

The builders (DOCX, XLSX, PDF) and the HTML preview read only this dict, and a
generated file keeps it as its snapshot, so a file can be rebuilt exactly from what
it was made of. Figures come from evaluation.table.evaluation_table (the engine);
sentences from phrasing.py.
"""

import hashlib
import json
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ktxh.core.display import ILLUSTRATIVE_LABEL, change_text, target_text
from ktxh.engine.evaluate import summarize, summary_sentence_vi
from ktxh.engine.fold import fold
from ktxh.engine.numbers import format_number
from ktxh.engine.periods import Period
from ktxh.engine.semantics import TargetBasis
from ktxh.evaluation.table import Table, evaluation_table, evaluation_tables
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import children_for_period
from ktxh.reports import phrasing
from ktxh.reports.kinds import KINDS, PROSE_LABELS, report_period
from ktxh.reports.programme_content import capital_block, ntm_block
from ktxh.values.models import DataValue

CENT = Decimal("0.01")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_KIND_WORDS = ("thị trấn", "huyện", "xã", "tỉnh", "phường", "thành phố", "thị xã", "quận", "đặc khu")
_NTM_WORDS = ("nong thon moi", "tieu chi")


def _short_name(unit: OrgUnit) -> str:
    """"Huyện Phong Thổ" -> "Phong Thổ" (the place line of the header)."""
    for word in _KIND_WORDS:
        if unit.name.lower().startswith(word + " "):
            return unit.name[len(word) + 1:]
    return unit.name


def _recipients(report, period: Period) -> str:
    """The report's recipients; the generic default follows the unit (province, district,
    commune before or after the 2025 reform)."""
    from ktxh.orgunits.models import REFORM_DATE
    from ktxh.reports.models import DEFAULT_RECIPIENTS, default_recipients

    if report.recipients == DEFAULT_RECIPIENTS:
        return default_recipients(report.org_unit, reform_done=period.end >= REFORM_DATE)
    return report.recipients


def _date_line(place: str, issued: date | None, year: int) -> str:
    """Decree 30/2020: days below 10 and months below 3 get a leading zero."""
    if issued is None:
        return f"{place}, ngày      tháng      năm {year}"
    day = f"{issued.day:02d}" if issued.day < 10 else str(issued.day)
    month = f"{issued.month:02d}" if issued.month < 3 else str(issued.month)
    return f"{place}, ngày {day} tháng {month} năm {issued.year}"


def _num(value: Decimal | None, computed: bool = False) -> dict | None:
    """A number for the annexes: exact value `v` (computed figures rounded half-up to
    2 places, as displayed) and its Vietnamese text `t`."""
    if value is None:
        return None
    if computed:
        value = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return {"v": str(value), "t": format_number(value, 2 if computed else None)}


def _filtered(table: Table, keep) -> Table:
    """The same table limited to some indicators, its summary recounted by the engine."""
    groups = [(g, [r for r in rows if keep(r.indicator)]) for g, rows in table.groups]
    out = Table(unit=table.unit, period=table.period, groups=[(g, rows) for g, rows in groups if rows])
    out.summary = summarize([(g.name, [(r.indicator.name, r.evaluation.status) for r in rows])
                             for g, rows in out.groups])
    out.summary_sentence = summary_sentence_vi(out.summary)
    return out


def _is_ntm(indicator) -> bool:
    return any(word in fold(indicator.name) for word in _NTM_WORDS)


def _paragraphs(text: str) -> list[str]:
    """One paragraph per line; tabs, runs of spaces and control characters become one space
    (XML cannot carry most control characters, and the DOCX builder relies on it)."""
    lines = _CONTROL.sub(" ", (text or "").replace("\r", "")).split("\n")
    return [" ".join(line.split()) for line in lines if line.strip()]


def _legal_basis(table: Table):
    counts: dict = {}
    for row in table.rows:
        if row.target is not None and row.target.legal_basis is not None:
            counts[row.target.legal_basis] = counts.get(row.target.legal_basis, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _intro_default(basis, unit: OrgUnit) -> list[str]:
    if basis is None:
        return []
    when = f" ngày {basis.date:%d/%m/%Y}" if basis.date else ""
    title = f" {basis.title}" if basis.title else ""
    return [f"Căn cứ {basis.kind} số {basis.number}{when} của {basis.issuer}{title}, UBND "
            f"{phrasing.lower_first(unit.name)} báo cáo kết quả thực hiện như sau:"]


def _plan(target, indicator) -> dict | None:
    """A plan cell: its number ("v", written as a number in the XLSX) and its text ("t"). A
    target stated against last year has no plan number of its own: only its words."""
    if target is None:
        return None
    number = target.value is not None and target.basis == TargetBasis.ABSOLUTE
    return {"v": str(target.value) if number else None, "t": target_text(target, indicator)}


def _annex_row(stt: str, row, next_row) -> dict:
    ev, ind = row.evaluation, row.indicator
    change = ev.change
    change_value = None if change is None else (change.rel if change.rel is not None else change.pp)
    pct = ev.progress if ev.progress is not None else ev.pct_of_plan
    return {
        "kind": "item", "stt": stt, "code": ind.code, "name": ind.name, "unit": ind.unit,
        # a figure carried from the units before the 2025 reform is computed: rounded as printed
        "prior": _num(row.prior.value if row.prior else None, computed=getattr(row.prior, "is_carried", False)),
        "plan": _plan(row.target, ind),
        "value": _num(row.value.value if row.value else None, computed=getattr(row.value, "is_carried", False)),
        "value_kind": row.value.kind if row.value else None,
        "pct": _num(pct, computed=True),
        "change": _num(change_value, computed=True),
        "change_text": change_text(ev, ind.unit),
        "change_unit": "%" if change is not None and change.rel is not None else (
            phrasing.points_word(ind.unit) if change_value is not None else ""),
        "next_plan": _plan(next_row.target, ind) if next_row else None,
        "status": ev.status.value, "status_text": ev.status.label_vi,
    }


def _annex_main(table: Table, next_table: Table | None, labels: dict) -> dict:
    next_rows = {r.indicator.pk: r for r in next_table.rows} if next_table else {}
    rows, notes = [], []
    for number, (group, items) in enumerate(table.groups, 1):
        rows.append({"kind": "group", "stt": str(number), "name": group.name})
        for k, row in enumerate(items, 1):
            rows.append(_annex_row(f"{number}.{k}", row, next_rows.get(row.indicator.pk)))
            # provenance of figures computed from the units before the 2025 reform (docs/units.md)
            carried = [(label, cv) for label, cv in (("", row.carried), ("cùng kỳ: ", row.prior_carried)) if cv]
            if row.illustrative:  # a demo figure: the label goes into the document with it
                rows[-1]["illustrative"] = True
                if not any(cv.illustrative for _, cv in carried):  # else the provenance note says it
                    notes.append(f"({number}.{k}) {row.indicator.name} — {ILLUSTRATIVE_LABEL}.")
            for label, cv in carried:
                if cv is not None:
                    notes.append(f"({number}.{k}) {row.indicator.name} — {label}{cv.source}")
                    rows[-1]["carried" if not label else "prior_carried"] = {
                        "from": [p.code for p in cv.result.parts], "rule": cv.result.rule.value,
                        "complete": cv.result.complete}
    return {"title": "Biểu 01", "heading": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU", "labels": labels,
            "rows": rows, "notes": notes}


def _annex_communes(unit: OrgUnit, period: Period, keep) -> dict | None:
    """Per-commune results, only where commune values exist for the period."""
    children = children_for_period(unit, period.end)  # the units of the period, never old and new together
    with_values = set(DataValue.objects.filter(org_unit__parent=unit, period=period.code)
                      .values_list("org_unit_id", flat=True))
    # the communes' tables read together (a few queries for all, not four per commune)
    tables = [_filtered(t, keep) for t in evaluation_tables(units=[c for c in children if c.pk in with_values],
                                                            period=period.code)]
    by_indicator: dict = {}
    for t in tables:
        for row in t.rows:
            if row.value is not None:
                by_indicator.setdefault(row.indicator, []).append((t.unit, row))
    if not by_indicator:
        return None, tables
    rows, groups = [], []
    order = sorted(by_indicator, key=lambda i: (i.group.order, i.group.code, i.order, i.code))
    for number, indicator in enumerate(order, 1):
        rows.append({"kind": "group", "stt": str(number), "name": indicator.name, "unit": indicator.unit})
        groups.append({**rows[-1], "start": len(rows)})
        for k, (commune, row) in enumerate(by_indicator[indicator], 1):
            ev = row.evaluation
            pct = ev.progress if ev.progress is not None else ev.pct_of_plan
            rows.append({"kind": "item", "stt": f"{number}.{k}", "name": commune.name, "unit": indicator.unit,
                         "plan": _plan(row.target, indicator),
                         "value": _num(row.value.value), "pct": _num(pct, computed=True),
                         "status": ev.status.value, "status_text": ev.status.label_vi,
                         "illustrative": row.illustrative})
    # One small table per indicator in the DOCX: LibreOffice lays out a single table of
    # thousands of rows very slowly (bench/report.py), many short tables quickly.
    for group, end in zip(groups, [g["start"] - 1 for g in groups[1:]] + [len(rows)], strict=True):
        group["rows"] = rows[group.pop("start"):end]
        # No commune has a plan for it: said once under the indicator, not on every row.
        if all(r["plan"] is None for r in group["rows"]):
            group["note"] = "Các xã, thị trấn chưa được giao kế hoạch chỉ tiêu này; chỉ ghi kết quả thực hiện."
            for r in group["rows"]:
                r["status_text"] = ""
        # a demo figure: the label goes into the document with it (the communes it is for)
        group["illustrative"] = [r["name"] for r in group["rows"] if r["illustrative"]]
    return {"title": "Biểu 02", "heading": "KẾT QUẢ THỰC HIỆN CHỈ TIÊU CHỦ YẾU THEO XÃ, THỊ TRẤN",
            "communes": len(tables), "rows": rows, "groups": groups}, tables


def _carried_input(table: Table, row, cv) -> list:
    """A carried figure in the snapshot: what it was computed from (a correction of an
    old value changes the digest)."""
    r = cv.result
    return [row.indicator.code, table.unit.key, cv.period, r.rule.value, None if cv.value is None else str(cv.value),
            [[p.code, None if p.share is None else str(p.share)]
             + [None if x is None else str(x) for x in (p.value, p.numerator, p.denominator, p.weight)]
             for p in r.parts]]


def _inputs(tables: list[Table]) -> dict:
    values, targets, carried = {}, {}, {}
    for table in tables:
        for row in table.rows:
            for cv in (row.carried, row.prior_carried):
                if cv is not None:
                    carried[(row.indicator.code, table.unit.key, cv.period)] = _carried_input(table, row, cv)
            for v in (row.value, row.prior):
                if v is not None and not getattr(v, "is_carried", False):
                    values[v.pk] = [v.pk, row.indicator.code, table.unit.code, v.period, v.kind, str(v.value),
                                    v.updated_at.isoformat() if v.updated_at else ""]
            if row.target is not None:
                t = row.target
                targets[t.pk] = [t.pk, row.indicator.code, table.unit.code, t.period, t.comparator,
                                 None if t.value is None else str(t.value),
                                 None if t.value_high is None else str(t.value_high)]
    return {"values": [values[k] for k in sorted(values)], "targets": [targets[k] for k in sorted(targets)],
            "carried": [carried[k] for k in sorted(carried)]}


def inputs_digest(content: dict) -> str:
    blob = json.dumps(content["inputs"], sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()


def _number_annexes(annexes: list[dict], programmes: dict) -> None:
    """Biểu 01, 02, 03 ... in the order the document prints them, with no gap: only the annexes
    the report has are numbered (the capital annex takes two numbers, its lines and its summary)."""
    titles = iter(f"Biểu {n:02d}" for n in range(1, 100))
    for annex in annexes:
        annex["title"] = next(titles)
    if programmes.get("ntm"):
        programmes["ntm"]["title"] = next(titles)
    if programmes.get("capital"):
        programmes["capital"]["titles"] = [next(titles), next(titles)]


def build_content(report, *, internal_notes: bool = False) -> dict:
    """The whole report for `report` (a Report, saved or not) from the current data.
    internal_notes: add the internal annex of data checks (off by default: the signed document
    carries no check notes; the app's pages show them)."""
    spec = KINDS[report.kind]
    period = report_period(report.kind, report.period)
    unit = report.org_unit
    year = period.year
    table = evaluation_table(unit=unit, period=period.code)
    keep = _is_ntm if report.kind == "ntm" else (lambda indicator: True)
    if report.kind == "ntm":
        table = _filtered(table, keep)
    next_table = evaluation_table(unit=unit, period=str(year + 1))
    if report.kind == "ntm":
        next_table = _filtered(next_table, keep)
    prior = period.same_period_last_year()
    interim = period.kind != "year"
    prior_label = "cùng kỳ năm trước" if interim else f"năm {prior.year}"
    basis = _legal_basis(table)
    issuer = f"UBND {phrasing.lower_first(unit.name)}"
    words = {
        "year": year, "next_year": year + 1, "issuer": issuer,
        "period_label_upper": period.label_vi.upper(),
        "rest_label_upper": ("6 THÁNG CUỐI NĂM" if report.kind == "half-year" else "3 THÁNG CUỐI NĂM")
        + f" {year}",
        "basis": f" ĐÃ GIAO TẠI {basis.kind.upper()} {basis.number}"
                 + (f" CỦA {basis.issuer.upper()}" if basis.issuer else "") if basis else "",
    }
    if report.kind == "half-year":
        words["period_label_upper"] = f"6 THÁNG ĐẦU NĂM {year}"
    elif report.kind == "nine-month":
        words["period_label_upper"] = f"9 THÁNG ĐẦU NĂM {year}"

    capital = capital_block(unit, report.kind, period)
    ntm = ntm_block(unit, report.kind, year)
    sections = report.sections or {}
    body = []
    for item, value in spec.outline:
        if item == "prose":
            paragraphs = _paragraphs(sections.get(value, ""))
            if not paragraphs and value == "intro":
                paragraphs = _intro_default(basis, unit)
            if paragraphs:
                body += [{"type": "text", "text": p} for p in paragraphs]
            else:
                body.append({"type": "missing", "text": f"(Chưa soạn nội dung: {PROSE_LABELS[value]}.)"})
        elif value == "results":
            body.append({"type": "text", "text": phrasing.summary_paragraph(table)})
            for number, (_, rows) in enumerate(table.groups, 1):
                body.append({"type": "text", "text": phrasing.group_paragraph(number, rows, prior_label)})
        elif value in ("capital", "ntm"):
            block = capital if value == "capital" else ntm
            if block:
                body += [{"type": "text", "text": p} for p in block["sentences"]]
            elif value == "ntm":
                body.append({"type": "missing", "text": f"(Chưa có bảng tiêu chí nông thôn mới của các xã năm {year}.)"})
        elif value == "next_targets":
            body += [{"type": "text", "text": p} for p in phrasing.targets_paragraphs(next_table)]
        else:
            body.append({"type": item, "text": value.format(**words)})

    labels = {
        "prior": f"TH {prior.label_vi.lower()}" if interim else f"TH năm {prior.year}",
        "plan": f"KH năm {year}",
        "value": ("Ước TH " if any(r.value and r.value.kind == "estimate" for r in table.rows) else "TH ")
        + period.label_vi.lower(),
        "pct": "% so KH năm (tiến độ)" if interim else "% so KH",
        "change": f"So {prior_label} (tăng +, giảm −)",
        "next_plan": f"KH năm {year + 1}",
    }
    annexes = [_annex_main(table, next_table, labels)]
    communes, commune_tables = _annex_communes(unit, period, keep)
    if communes:
        communes["labels"] = {"plan": labels["plan"], "value": labels["value"], "pct": labels["pct"]}
        annexes.append(communes)

    place = report.place or _short_name(unit)
    content = {
        "meta": {"kind": report.kind, "kind_label": spec.label, "unit": unit.code, "unit_name": unit.name,
                 "period": period.code, "period_label": period.label_vi, "report_id": report.pk},
        "header": {
            "issuer_parent": "ỦY BAN NHÂN DÂN",
            "issuer": unit.name.upper(),
            "number": f"Số: {report.number}" if report.number else "Số:         /BC-UBND",
            "place_date": _date_line(place, report.issued_on, year),
            "issuer_name": issuer,
        },
        "title": "BÁO CÁO",
        "subtitle": spec.title.format(**words),
        "body": body,
        "closing": spec.closing.format(**words),
        "recipients": _paragraphs(_recipients(report, period)),
        "signer": {"authority": report.signer_authority, "title": report.signer_title,
                   "name": report.signer_name},
        "summary_sentence": table.summary_sentence,
        "annexes": annexes,
        "inputs": _inputs([table, next_table, *commune_tables]),
        # Annexes of the programme modules (docs/reports.md): None when there is no data.
        "programmes": {"capital": capital["annex"] if capital else None, "ntm": ntm["annex"] if ntm else None},
    }
    _number_annexes(content["annexes"], content["programmes"])
    content["quality_notes"] = [*(capital["notes"] if capital else []), *(ntm["notes"] if ntm else [])]
    content["meta"]["internal_notes"] = internal_notes
    content["inputs"]["capital"] = capital["inputs"] if capital else []
    content["inputs"]["ntm_cells"] = ntm["inputs"] if ntm else []
    return content
