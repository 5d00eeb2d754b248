"""Checks written on other localities' texts (issue 14): each speaks only when the arithmetic is
certain for the same indicator, unit, period and place, and names both quotes and the figure.

- "2.032 người, bằng 150% kế hoạch (kế hoạch 1.070 người)": the stated % against value ÷ the
  plan written in the bracket right after it.
- "320/411 xã đạt chuẩn NTM, tương đương 80,86%": the stated share against the ratio.
- "Tổng thu ... 285,3 tỷ đồng ...; trong đó, thu trên địa bàn 24,023 tỷ đồng, thu bổ sung 270,5
  tỷ đồng": the parts listed after "trong đó" in the sentence may not exceed the total.
- A headline ("Thu ngân sách 9 tháng đầu năm đạt 36,6 tỷ đồng") against the body's figure of the
  same indicator and unit.
Every comparison allows one unit of the last printed digit (stated.tolerance; both printed figures: stated.apart).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ktxh.engine.ratios import pct_of_plan

from .fold import fold
from .model import Fact, Finding
from .patterns import to_decimal
from .stated import apart, verdict
from .stated import finding as _finding
from .stated import printed as _n
from .stated import tolerance as _tol

_BRACKET_PLAN = re.compile(
    r"^[^()]{0,40}?\(\s*(?:kế hoạch|KH|chỉ tiêu|dự toán)(?:\s(?:giao|năm\s20\d\d|tỉnh giao|huyện giao))?\s*:?\s*"
    r"(?P<v>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(?P<u>[^\s\d()][^()]{0,20}?)?\s*\)",
    re.IGNORECASE,
)
_SHARE_CUE = re.compile(r"(?:tương đương|tương ứng)(?:\s(?:với|tỷ lệ))?\s*$", re.IGNORECASE)
_TRONG_DO = re.compile(r"^[^.\n]{0,120}?(?P<cut>[;,]|\.(?!\d))\s*trong đó\s*[:,]?\s", re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"\.(?!\d)")  # not the dot of "1.574"


def _upper_bound(total: Fact) -> Decimal:
    """The most a printed total can be: its value plus the tolerance; for "hơn / trên X" (a
    lower bound, rounded down) X plus one unit of its last non-zero digit, and never less than
    X + 10 % ("hơn 1.690" is under 1.700; a writer does not write "hơn 1.690" for 1.860)."""
    if total.comparator != ">":
        return total.value + _tol(total.value)
    digits = total.value.normalize()
    unit = Decimal(1).scaleb(digits.as_tuple().exponent)
    return total.value + max(unit, total.value / 10)
_WEAK = set("tong so ty le dat uoc thuc hien duoc la co cua cac nhung trong nam thang dau 6 9 tren dia ban "
            "huyen tinh xa toan nha nuoc hon gan khoang".split())  # fmt: skip


def _after(f: Fact) -> str:
    sentence, offset = f.extra.get("sentence"), f.extra.get("offset")
    return "" if sentence is None else sentence[offset + len(f.raw) :]


def plan_in_brackets(facts: list[Fact]) -> list[Finding]:
    """"bằng 150% kế hoạch (kế hoạch 1.070 người)": the plan is the bracket's number."""
    out = []
    for f in facts:
        if f.pct_of_plan is None or f.plan_value is not None or f.extra.get("table") or not f.unit:
            continue
        m = _BRACKET_PLAN.match(_after(f).split("%", 1)[-1]) if "%" in _after(f)[:40] else None
        if m is None:
            continue
        unit = (m.group("u") or "").strip()
        if unit and not f.unit.startswith(unit.split()[0]):
            continue  # the bracket's plan is in another unit: not certain
        plan = to_decimal(m.group("v"))
        if not plan:
            continue
        ratio = pct_of_plan(f.value, plan)
        if abs(ratio - f.pct_of_plan) > _tol(f.pct_of_plan):
            out.append(_finding(
                "pct_mismatch", f,
                f"Ghi “{f.quote}” bằng {_n(f.pct_of_plan)}% kế hoạch, nhưng kế hoạch ghi trong ngoặc là "
                f"{_n(plan)} {f.unit}: {_n(f.value)} / {_n(plan)} = {_n(ratio)}%.",
                _n(f.pct_of_plan), _n(ratio)))
    return out


def share_of_ratio(facts: list[Fact]) -> list[Finding]:
    """"320/411 xã đạt chuẩn NTM, tương đương 80,86%": the share must be 320/411."""
    out = []
    for prev, f in zip(facts, facts[1:], strict=False):
        if f.unit != "%" or prev.plan_value in (None, Decimal(0)) or prev.extra.get("sentence") is not f.extra.get("sentence"):
            continue
        sentence = f.extra["sentence"]
        between = sentence[prev.extra["offset"] + len(prev.raw) : f.extra["offset"]]
        if len(between) > 60 or not _SHARE_CUE.search(between) or re.search(r"\d", between):
            continue
        ratio = pct_of_plan(prev.value, prev.plan_value)
        if abs(ratio - f.value) > _tol(f.value):
            out.append(_finding(
                "pct_mismatch", f,
                f"Ghi tương đương {_n(f.value)}% nhưng “{prev.quote}” là {_n(prev.value)}/{_n(prev.plan_value)} "
                f"= {_n(ratio)}%.", _n(f.value), _n(ratio)))
    return out


def parts_after_trong_do(facts: list[Fact], original: str) -> list[Finding]:
    """Parts listed after "trong đó" in the sentence (not a bracket) must not exceed the total."""
    out = []
    for i, total in enumerate(facts):
        if not total.unit or total.unit in ("%", "‰") or total.extra.get("table") or total.comparator not in ("=", ">"):
            continue
        # a list of parts is one sentence's: at most 1.000 characters after its "trong đó", so the
        # line is looked at no further (a search to the end of a text without line breaks was quadratic)
        horizon = min(len(original), total.end + 1200)
        line_end = original.find("\n", total.end, horizon)
        line_end = horizon if line_end < 0 else line_end
        tail = original[total.end : line_end]
        m = _TRONG_DO.match(tail)
        if m is None or "(" in tail[: m.end()] or ")" in tail[: m.end()]:
            continue  # "giảm 0,58% (5.240 tấn) so với năm 2018; trong đó …": a change, not the total
        if m.group("cut") not in ";," and not re.search(r"(?:^|\s)tổng\s", total.indicator or ""):
            continue  # "…. Trong đó, …" in the next sentence: only after a stated total ("Tổng chi …")
        start = total.end + m.end()
        stop = _SENTENCE_STOP.search(original, start, line_end)
        end = min(stop.start() if stop else line_end, start + 1000)
        # rates among the parts ("chi bảo đảm xã hội đạt 27,3%") are shares or % of plan, not parts
        parts = []
        for j in range(i + 1, len(facts)):  # facts are in text order: stop at the sentence's end
            p = facts[j]
            if p.start >= end:
                break  # (a filter over every later figure was quadratic on a text with no line break)
            if p.start >= start and p.unit not in ("%", "‰"):
                parts.append(p)
        semi = original.find(";", start, end)
        if semi > 0 and _sibling_after(original, total, start, semi):
            parts = [p for p in parts if p.start < semi]
        if semi > 0 and sum(1 for p in parts if p.start < semi) >= 2:
            # "…; trong đó đúng hạn 3.543 hồ sơ, trễ hạn 22 hồ sơ; tiếp nhận trực tuyến …": the list
            # ends at the ";" when it already holds its parts there
            parts = [p for p in parts if p.start < semi]
        # every part in the total's unit; "trên X" is a lower bound, which still may not exceed the total
        if len(parts) < 2 or any(p.unit != total.unit or p.comparator not in ("=", ">", "≥") for p in parts):
            continue
        listed = sum(p.value for p in parts)
        if listed > _upper_bound(total):
            out.append(_finding(
                "sum_mismatch", total,
                f"Tổng ghi “{'hơn ' if total.comparator == '>' else ''}{total.quote}” nhưng trong đó đã liệt kê "
                f"{' + '.join('“' + p.quote + '”' for p in parts)} = {_n(listed)} {total.unit}, lớn hơn tổng.",
                _n(total.value), _n(listed)))
    return out


# "…; tiếp đến là khu vực dịch vụ …": the words that may open the next item of a list
_NEXT_ITEM = re.compile(r"\s*(?:(?:tiếp\s(?:đến|theo)|sau\sđó|thứ\shai|thứ\sba)(?:\slà)?\s|còn\s)?(\S+\s\S+)", re.IGNORECASE)


def _sibling_after(original: str, total: Fact, start: int, semi: int) -> bool:
    """"khu vực công nghiệp, xây dựng đóng góp 8,22 điểm, trong đó ngành công nghiệp 7,59 điểm; tiếp đến
    là khu vực dịch vụ 3,22 điểm": the item after the ";" is named as the total is ("khu vực"), not as its
    first part ("ngành"), so it is the total's sibling and the parts end at the ";"."""
    nxt = _NEXT_ITEM.match(original, semi + 1, semi + 60)
    first = re.match(r"\s*(\S+\s\S+)", original[start : start + 40])
    if nxt is None or first is None:
        return False
    name = fold(nxt.group(1)).strip(",:")
    own = fold(original[max(0, total.start - 120) : total.start])  # the total's clause, bounded
    return name in own and fold(first.group(1)).strip(",:") != name


# verbs a headline and its body choose freely ("Thu hút 2,5 triệu lượt khách" / "đón 2,8 triệu lượt
# khách"), and the period words the headline may repeat
_HEAD_VERBS = set("thu hut don tiep phuc vu trong sau chin quy i ii iii iv".split())  # fmt: skip


def _words(f: Fact) -> set[str]:
    return {w for w in fold(f.indicator).replace(",", " ").replace(":", " ").split() if w not in _WEAK}


def _head_words(f: Fact) -> set[str]:
    return _words(f) - _HEAD_VERBS


def heading_vs_body(facts: list[Fact], original: str) -> list[Finding]:
    """The document's headline figure against the body's figure of the same indicator and unit."""
    first_break = original.find("\n")
    if first_break < 0 or first_break > 200 or original[:first_break].rstrip().endswith("."):
        return []
    heads = [f for f in facts if f.end <= first_break and f.comparator == "=" and f.unit]
    out = []
    for h in heads:
        hw = _head_words(h)
        if len(hw) < 2:
            continue
        for b in facts:
            if b.start <= first_break or b.unit != h.unit or b.period != h.period or b.kind == "target":
                continue
            # with the verbs dropped the words must be the same ("đón 2,8 triệu lượt khách du lịch quốc
            # tế" is a part); else, as before, the body's words hold the headline's own
            same = _head_words(b) == hw or _words(h) <= _words(b)
            if b.comparator != "=" or not same or len(hw & _head_words(b)) < 2:
                continue
            if verdict(b) != verdict(h):  # "7 chỉ tiêu vượt kế hoạch" is not "14/15 chỉ tiêu hoàn thành"
                continue
            if apart(b.value, h.value):
                out.append(_finding(
                    "value_conflict", b,
                    f"Tiêu đề ghi “{h.quote}” ({h.indicator}) nhưng dòng {b.line} ghi “{b.quote}” "
                    f"({b.indicator}).", _n(b.value), _n(h.value)))
            break
    return out


# "…, tăng 15% so với cùng kỳ (cùng kỳ đạt 1.200 tỷ đồng)": the bracket names the compared period
# only, so its figure is the level the change is counted from
_CHANGE_THEN_PRIOR = re.compile(
    r"^\s*,?\s*(?:ước\s)?(?:tăng|giảm)\s(?:khoảng\s)?\d+(?:,\d+)?\s?%\sso\s(?:với\s)?[^()%;]{0,40}?"
    r"\(\s*(?:cùng\skỳ(?:\snăm\s(?:trước|20\d\d))?|năm\s(?:trước|20\d\d))\s*(?:đạt|là|:)?\s*$",
    re.IGNORECASE,
)


def _span(v: Decimal) -> tuple[Decimal, Decimal]:
    t = _tol(v) - Decimal("0.005")  # half a unit either way is what printing rounds away
    return v - t / 2, v + t / 2


def change_against_prior(facts: list[Fact], original: str) -> list[Finding]:
    """"đạt 1.150 tỷ đồng, tăng 15% so với cùng kỳ (cùng kỳ đạt 1.200 tỷ đồng)": the change must be
    value ÷ the bracket's level − 1, for any values within the printed digits of both."""
    out = []
    for f, prior in zip(facts, facts[1:], strict=False):
        if f.change_vs_prior is None or f.change_unit != "%" or not f.unit or f.unit in ("%", "‰"):
            continue
        if prior.unit != f.unit or not prior.value or prior.start - f.end > 120:
            continue
        if not _CHANGE_THEN_PRIOR.match(original[f.end : prior.start]):
            continue
        if not re.match(r"\s*\)", original[prior.end : prior.end + 3]):
            continue  # the bracket holds more than the level ("(cùng kỳ 140 triệu USD, …)")
        lo_v, hi_v = _span(f.value)
        lo_p, hi_p = _span(prior.value)
        if lo_p <= 0:
            continue
        low, high = (lo_v / hi_p - 1) * 100, (hi_v / lo_p - 1) * 100
        tol = _tol(f.change_vs_prior)
        if low - tol <= f.change_vs_prior <= high + tol:
            continue
        computed = (f.value / prior.value - 1) * 100
        out.append(_finding(
            "pct_mismatch", f,
            f"Ghi “{f.quote}” {'tăng' if f.change_vs_prior >= 0 else 'giảm'} {_n(abs(f.change_vs_prior))}% "
            f"so với “{prior.quote}” (dòng {prior.line}), nhưng {_n(f.value)} / {_n(prior.value)} "
            f"là {'tăng' if computed >= 0 else 'giảm'} {_n(abs(computed))}%.",
            _n(f.change_vs_prior), _n(computed)))
    return out


_SLASH_PLAN = re.compile(r"\s*/\s*(?:kế hoạch|KH)(?:\s(?:giao|năm\s20\d\d))?\s*:?\s*$", re.IGNORECASE)


def plan_after_slash(facts: list[Fact], original: str) -> list[Finding]:
    """"12.500 tấn/kế hoạch 10.000 tấn, đạt 112% kế hoạch": the figure after "/kế hoạch" is the plan."""
    out = []
    for f, plan in zip(facts, facts[1:], strict=False):
        if f.plan_value is not None or not f.unit or plan.unit != f.unit or not plan.value:
            continue
        if plan.start - f.end > 30 or not _SLASH_PLAN.match(original[f.end : plan.start]):
            continue
        stated = f.pct_of_plan if f.pct_of_plan is not None else plan.pct_of_plan
        if stated is None:
            continue
        ratio = pct_of_plan(f.value, plan.value)
        if abs(ratio - stated) > _tol(stated):
            out.append(_finding(
                "pct_mismatch", f,
                f"Ghi “{f.quote}/kế hoạch {plan.quote}” đạt {_n(stated)}% kế hoạch, nhưng "
                f"{_n(f.value)} / {_n(plan.value)} = {_n(ratio)}%.", _n(stated), _n(ratio)))
    return out


def run(facts: list[Fact], original: str) -> list[Finding]:
    text_facts = [f for f in facts if not f.extra.get("table")]
    return (plan_in_brackets(text_facts) + share_of_ratio(text_facts)
            + parts_after_trong_do(text_facts, original) + heading_vs_body(text_facts, original)
            + change_against_prior(text_facts, original) + plan_after_slash(text_facts, original))
