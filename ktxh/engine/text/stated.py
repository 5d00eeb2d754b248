"""Shared by the checks of one figure (checks.py) and across figures (crosschecks.py):
how a stated figure is printed in a finding, how much printing rounds it, the
finding itself, and the text inside a bracket."""

from __future__ import annotations

import re
from decimal import Decimal

from ktxh.engine.numbers import format_number
from ktxh.engine.periods import Period, PeriodError

from .fold import fold
from .model import Fact, Finding


def printed(v: Decimal) -> str:
    """A figure as a finding quotes it: at most two decimals."""
    return format_number(v.quantize(Decimal("0.01")) if v != v.to_integral() else v)


def period_printed(code: str | None) -> str:
    """A period as a finding names it to its reader: "6 tháng đầu năm 2024", not the code "2024-H1"."""
    if not code:
        return "không rõ kỳ"
    try:
        label = Period.parse(code).label_vi
    except PeriodError:
        return code
    return label[0].lower() + label[1:]


def tolerance(stated: Decimal) -> Decimal:
    """One unit of the last printed digit: "75%" may be 74,5..75,5; "78,09" ±0,01."""
    exp = stated.normalize().as_tuple().exponent
    return Decimal(1).scaleb(min(int(exp), 0)) + Decimal("0.005")


def apart(a: Decimal, b: Decimal) -> bool:
    """Two printed figures that differ beyond the printed digits of both ("8,5" and "8,48" do not)."""
    return abs(a - b) > max(tolerance(a), tolerance(b))


def finding(kind: str, fact: Fact, message: str, stated, computed) -> Finding:
    return Finding(kind, message, fact.line, fact.quote, stated, computed, fact.start, fact.end)


def paren_body(text: str, start: int) -> str | None:
    """Text inside the bracket opened at ``start`` (nested brackets dropped); None if unclosed."""
    depth, out = 0, []
    for ch in text[start:]:
        if ch == "(":
            depth += 1
            if depth == 1:
                continue
        elif ch == ")":
            depth -= 1
            if depth <= 0:
                return "".join(out)
        if depth == 1:
            out.append(ch)
    return None


# folded words that never tell two indicators apart ("tổng số", "tỷ lệ", "năm", "toàn huyện")
STOP_WORDS = frozenset("tong so ty le muc toc do ca cac nhung trong nam toan huyen da duoc dat uoc la co "
                       "va cua tren dia ban voi hien nay den tang giam binh quan".split())  # fmt: skip
_VERDICT = re.compile(r"không đạt|chưa đạt|chưa hoàn thành|hoàn thành vượt|hoàn thành|vượt|đạt", re.IGNORECASE)


def verdict(fact) -> str:
    """The verdict a count carries right after its number ("7 chỉ tiêu vượt kế hoạch", "14/15 chỉ
    tiêu hoàn thành"): two counts with different verdicts count different things."""
    sentence, offset = fact.extra.get("sentence"), fact.extra.get("offset")
    if sentence is None:
        return ""
    clause = re.split(r"[,;.:(]", sentence[offset + len(fact.raw) :][:40])[0]  # before any comma
    match = _VERDICT.search(clause)
    return match.group(0).lower() if match else ""


# "tỉnh Hưng Yên", "thành phố Đà Nẵng", "xã Tân Lập": a place named by its level and a proper name
_PLACE = re.compile(r"\b(?:tỉnh|huyện|thành phố|TP\.?|thị xã|quận|xã|thị trấn)\s((?:[A-ZĐÀ-Ỹ][^\s,.;:()]*\s?){1,3})")


def line_before(fact, original: str) -> str:
    """The figure's own line of the text up to it, 300 characters back at most (linear)."""
    lo = max(0, fact.start - 300)
    return original[original.rfind("\n", lo, fact.start) + 1 or lo : fact.start]


def paragraph_before(fact, original: str) -> str:
    """The figure's paragraph (up to a blank line) before it, 1.500 characters back at most (linear)."""
    lo = max(0, fact.start - 1500)
    start = original.rfind("\n\n", lo, fact.start)
    return original[start + 1 if start >= 0 else lo : fact.start]


def place(fact, original: str) -> str | None:
    """The last place named in the figure's paragraph before it ("Đối với tỉnh Thái Bình, … tổng
    thu …"); None when the paragraph names none."""
    found = _PLACE.findall(paragraph_before(fact, original))
    return " ".join(found[-1].split()) if found else None


def other_places(a, b, original: str) -> bool:
    """Two figures whose paragraphs name two different places are of two places."""
    pa, pb = place(a, original), place(b, original)
    return pa is not None and pb is not None and pa != pb


def growth_base(f) -> str:
    """What a growth is counted against: "so với tháng trước" is not "so với cùng kỳ"; none written
    is the same period a year before."""
    sentence, offset = f.extra.get("sentence") or "", f.extra.get("offset") or 0
    m = re.match(r"[^.;()]{0,20}?so\s(?:với\s)?(\S+(?:\s\S+)?)", sentence[offset + len(f.raw) : offset + len(f.raw) + 80])
    base = fold(m.group(1)).strip(",.") if m else "cung ky"
    return "cung ky" if base.startswith(("cung ky", "nam truoc")) else base
