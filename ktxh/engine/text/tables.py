"""Tab-separated results tables ("BIỂU KẾT QUẢ THỰC HIỆN"): plan / actual / next plan / ratio.

Cells embed operators (">17600", "Duy trì 98,5", "15-20"). Tables exported from
spreadsheets may use the dot as the decimal mark ("27.60"); when a table does, a cell
like "61.000" is read as a decimal for money and rates and as thousands for counts.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ktxh.engine.numbers import format_number
from ktxh.engine.ratios import pct_of_plan

from .context import DocContext
from .fold import fold
from .model import Fact, Finding

_TAG = re.compile(r"</?[a-z]+>")
_DOT_DECIMAL = re.compile(r"^\d+\.(?:\d{1,2}|\d{4,})$")
_CELL_NUMBER = re.compile(
    r"^(?P<op>>=|<=|>|<|≥|≤|duy trì|trên|dưới)?\s*(?P<num>\d[\d.,]*)(?:\s*-\s*(?P<hi>\d[\d.,]*))?"
)
_OPS = {">": ">", "trên": ">", "<": "<", "dưới": "<", ">=": ">=", "≥": ">=", "<=": "<=",
        "≤": "<=", "duy trì": "maintain"}  # fmt: skip
_PAGE_BREAK = re.compile(r"\f*\s*(?:-\s*\d{1,4}\s*-|(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?|\(tiếp(?: theo)?\)|\f)\s*\f*", re.I)
_DOWN = re.compile(r"suy dinh duong|^ty le ho ngheo|^ty le ho can ngheo")


def _roles(header: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, cell in enumerate(header):
        f = fold(_TAG.sub("", cell))
        if "/" in f and ("%" in f or "kh" in f):
            roles.setdefault("ratio", i)
        elif "chi tieu" in f or "noi dung" in f:
            roles.setdefault("name", i)
        elif f in ("dvt", "don vi tinh", "don vi"):
            roles.setdefault("unit", i)
        elif f.startswith(("ke hoach", "kh ")):
            roles.setdefault("plan", i) if "plan" not in roles else roles.setdefault("next_plan", i)
        elif f.startswith(("th ", "thuc hien", "uoc th", "uoc thuc hien")):
            roles.setdefault("actual", i)
    return roles


def _number(text: str, unit: str, dot_decimal: bool) -> Decimal | None:
    s = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        money_or_rate = any(w in fold(unit) for w in ("ty", "trieu", "%", "‰"))
        if not (dot_decimal and money_or_rate):
            return Decimal(s.replace(".", ""))
    if dot_decimal and re.fullmatch(r"\d+\.\d+", s):
        return Decimal(s)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?", s):
        return Decimal(s.replace(".", "").replace(",", "."))
    return None


def _cell(text: str, unit: str, dot_decimal: bool) -> tuple[str, Decimal | None]:
    m = _CELL_NUMBER.match(text.strip().lower())
    if not m:
        return "=", None
    op = _OPS.get((m.group("op") or "").strip(), "=")
    if m.group("hi"):
        op = "range"
    return op, _number(m.group("num"), unit, dot_decimal)


def _met(op: str, actual: Decimal, plan: Decimal, down: bool) -> bool:
    if op == ">":
        return actual > plan
    if op == "<":
        return actual < plan
    return actual <= plan if down else actual >= plan


def extract_tables(text: str, ctx: DocContext) -> tuple[list[Fact], list[Finding]]:
    facts: list[Fact] = []
    findings: list[Finding] = []
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    roles: dict[str, int] = {}
    rows: list[tuple[int, list[str]]] = []
    for i, line in enumerate(lines):
        cells = line.rstrip("\r").split("\t")
        if len(cells) < 4:
            # a table cut by a page break goes on after the page number or form feed
            if line.strip() and "\t" not in line and not _PAGE_BREAK.fullmatch(line.strip()):
                roles = {}
            continue
        found = _roles(cells)
        if "name" in found and "actual" in found:
            roles = found
            continue
        if roles:
            rows.append((i, cells))
            rows[-1] = (i, cells)
            _row(i, cells, roles, lines, offsets, ctx, facts, findings)
    return facts, findings


def _row(i, cells, roles, lines, offsets, ctx, facts, findings) -> None:
    def get(role: str) -> str:
        k = roles.get(role)
        return _TAG.sub("", cells[k]).strip() if k is not None and k < len(cells) else ""

    name, unit = get("name"), get("unit")
    if not name or not unit:
        return
    all_cells = [get(r) for r in ("plan", "actual", "next_plan", "ratio")]
    dot_decimal = any(_DOT_DECIMAL.match(c) for c in all_cells) or "," not in "".join(all_cells)
    plan_op, plan = _cell(get("plan"), unit, dot_decimal)
    _, actual = _cell(get("actual"), unit, dot_decimal)
    next_op, next_plan = _cell(get("next_plan"), unit, dot_decimal)
    ratio_text = get("ratio")
    _, ratio = _cell(ratio_text, "%", dot_decimal)
    folded_ratio = fold(ratio_text)
    stated = "not_met" if "khong dat" in folded_ratio else ("met" if folded_ratio == "dat" else None)
    line_text = lines[i]
    unit_code = "‰" if unit == "‰" else ("%" if unit == "%" else unit.lower())

    def make(role: str, value: Decimal, kind: str, period: str | None, op: str) -> Fact:
        raw = get(role)
        k = roles[role]
        col = sum(len(c) + 1 for c in cells[:k]) + max(cells[k].find(raw), 0)
        start = offsets[i] + col
        indicator = re.sub(r"^(?:trong đó:?\s*)?[+\-]?\s*", "", name.lower()).rstrip(". :")
        fact = Fact(indicator=indicator, value=value, unit=unit_code,
                    quote=raw, line=i + 1, start=start, end=start + len(raw), period=period,
                    kind=kind, org_unit=ctx.org_unit, comparator=op, raw=raw, confidence=0.85)
        fact.extra["table"] = True
        facts.append(fact)
        return fact

    year = ctx.year
    if plan is not None:
        make("plan", plan, "target", str(year) if year else None, plan_op)
    if actual is not None:
        fact = make("actual", actual, "actual", str(year) if year else None, "=")
        fact.plan_value = plan
        fact.pct_of_plan = ratio
        fact.status = stated
        if plan is not None and plan != 0:
            down = bool(_DOWN.search(fold(name)))
            computed = "met" if _met(plan_op, actual, plan, down) else "not_met"
            if stated and stated != computed:
                findings.append(Finding(
                    "status_mismatch",
                    f"Bảng ghi “{ratio_text}” cho “{name}” nhưng thực hiện {get('actual')} "
                    f"so với kế hoạch {get('plan')} là {'đạt' if computed == 'met' else 'không đạt'}.",
                    i + 1, line_text.strip(), ratio_text, computed, fact.start, fact.end))
            if ratio is not None and plan_op in ("=", "maintain"):
                pct = pct_of_plan(actual, plan)
                if abs(pct - ratio) > 1:
                    findings.append(Finding(
                        "pct_mismatch",
                        f"Bảng ghi TH/KH = {ratio_text}% cho “{name}” nhưng {get('actual')} / "
                        f"{get('plan')} = {format_number(pct, 2)}%.",
                        i + 1, line_text.strip(), ratio_text, format_number(pct, 2), fact.start,
                        fact.end))
    if next_plan is not None and year:
        make("next_plan", next_plan, "target", str(year + 1), next_op)
