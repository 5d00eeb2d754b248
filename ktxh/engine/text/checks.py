"""Consistency checks over the facts of one document (domain.md §10).

Each finding names a stable ``type``. The checks prefer silence to a false alarm: when
the text can be read two ways, the reading that makes it consistent wins.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from ktxh.engine.ratios import excess_readings, pct_of_plan

from . import crosschecks, economy, surechecks
from .context import DocContext
from .fold import fold
from .model import Fact, Finding
from .normalize import Document
from .patterns import QUANTITY_RE, clean_unit, to_decimal
from .stated import STOP_WORDS, apart, other_places, period_printed
from .stated import finding as _finding
from .stated import growth_base as _base
from .stated import paren_body as _paren_body
from .stated import printed as _n
from .stated import tolerance as _tolerance

_MEASURES = {"km", "ha", "tấn", "m2", "m3", "tạ/ha", "kg", "%", "‰", "triệu đồng", "tỷ đồng"}
_PERSON_UNITS = ("lượt", "người", "đối tượng", "hộ", "bệnh nhân", "học sinh", "lao động", "khách")
_STOP = STOP_WORDS
_PERIOD_WORDS = set("quy thang i ii iii iv dau cuoi 6 9 sau chin".split())  # fmt: skip
_COUNT_RE = re.compile(
    r"(?<![\d/.,])(\d{1,3})(?:/\d{1,3})?\s(xã|bản|thôn|tiêu chí)\b(?!/)(?P<mid>[^().;:\n]{0,90}?)"
    r"(?:\(\s*(?:gồm:?\s*|còn\s\d+\s\w+\s[^()]{0,30}?là\s)?|\sgồm:?\s|\slà:?\s|:\s)"
)
_CRITERION_REF = re.compile(r"tiêu chí\s(?:số\s)?0?(\d{1,2})\b", re.IGNORECASE)
_NAME = re.compile(r"^(?:xã\s|thị trấn\s|bản\s)?[A-ZĐÀ-Ỹ][^\s,]*(?:\s[A-ZĐÀ-Ỹ][^\s,]*){0,3}$")


def _pct_checks(facts: list[Fact]) -> list[Finding]:
    out = []
    for f in facts:
        if f.extra.get("table") or f.plan_value in (None, Decimal(0)):
            continue
        ratio = pct_of_plan(f.value, f.plan_value)
        # "11/14 xã, đạt 100% kế hoạch": with "kế hoạch" named, a count's /14 is the total, not the plan
        total_not_plan = f.extra.get("plan_word") and f.unit not in _MEASURES
        if f.pct_of_plan is not None and not total_not_plan and abs(ratio - f.pct_of_plan) > _tolerance(f.pct_of_plan):
            out.append(_finding(
                "pct_mismatch", f,
                f"Ghi đạt {_n(f.pct_of_plan)}% kế hoạch nhưng {_n(f.value)}/{_n(f.plan_value)} "
                f"= {_n(ratio)}%.", _n(f.pct_of_plan), _n(ratio)))
        if f.excess is not None and f.excess_unit in ("%", "pp"):
            rel, pts = excess_readings(f.value, f.plan_value)
            tol = _tolerance(f.excess)
            if abs(rel - f.excess) > tol and abs(pts - f.excess) > tol:
                out.append(_finding(
                    "excess_ambiguous", f,
                    f"Ghi vượt {_n(f.excess)} so với kế hoạch, nhưng với {_n(f.value)} và kế hoạch "
                    f"{_n(f.plan_value)} thì vượt {_n(rel)}% (tương đối) hoặc {_n(pts)} điểm.",
                    _n(f.excess), f"{_n(rel)}% / {_n(pts)}"))
    for f in facts:
        if f.pct_of_plan is not None and f.excess is not None and f.excess_unit == "%":
            if abs(f.pct_of_plan - 100 - f.excess) > _tolerance(f.excess):
                out.append(_finding(
                    "pct_mismatch", f,
                    f"Ghi đạt {_n(f.pct_of_plan)}% kế hoạch và vượt {_n(f.excess)}%: hai con số "
                    f"không khớp (phải vượt {_n(f.pct_of_plan - 100)}%).",
                    _n(f.excess), _n(f.pct_of_plan - 100)))
        if f.status in ("met", "exceeded") and f.pct_of_plan is not None and f.pct_of_plan < 100 \
                and f.comparator == "=":
            out.append(_finding(
                "status_mismatch", f,
                f"Ghi “{'vượt' if f.status == 'exceeded' else 'đạt'} kế hoạch” nhưng chỉ đạt "
                f"{_n(f.pct_of_plan)}% kế hoạch.", f.status, "not_met"))
        if f.status == "not_met" and f.pct_of_plan is not None and f.pct_of_plan >= 100:
            out.append(_finding("status_mismatch", f, f"Ghi “không đạt” nhưng đạt {_n(f.pct_of_plan)}% kế hoạch.",
                                f.status, "met"))
    return out


def _magnitude(facts: list[Fact], original: str) -> list[Finding]:
    out = []
    plain_counts = {(f.raw.split()[0], f.unit) for f in facts if f.unit}
    by_number = defaultdict(list)  # indexed once: a scan of every figure for each would be quadratic
    for g in facts:
        if g.unit and not g.unit.startswith("nghìn "):
            by_number[g.raw.split()[0]].append(g)
    for f in facts:
        if not f.unit or not f.unit.startswith("nghìn "):
            continue
        base = f.unit.removeprefix("nghìn ")
        if not base.startswith(_PERSON_UNITS):
            continue
        number = f.raw.split()[0]
        total = f.value * 1000
        same = next((g for g in by_number[number][:50]
                     if base.startswith(g.unit) and len(_key(g.indicator) & _key(f.indicator)) >= 2), None)
        if (number, base) in plain_counts or same is not None:
            why = f"cùng văn bản ghi “{number} {same.unit if same else base}” (không có “nghìn”)"
        elif total > 1_000_000:
            why = f"tức {_n(total)} {base}, quá lớn đối với một huyện"
        else:
            continue
        out.append(_finding("magnitude", f, f"“{f.raw}”: có thể thừa chữ “nghìn”; {why}.",
                            f.raw, f"{number} {base}"))
    return out


def _key(indicator: str) -> frozenset[str]:
    return frozenset(w for w in fold(indicator).replace(",", " ").split() if w not in _STOP)


_HEADS = r"(tỷ lệ|tổng|sản lượng|thu nhập|giá trị|mức giảm|tốc độ|bình quân|chỉ số)"
_HEAD = re.compile(r"(?:^|\s)" + _HEADS + r"\s")


def _own_indicator(f: Fact, original: str) -> str:
    """The indicator without words of a title line above the figure ("báo cáo … năm 2024" joined to
    the first sentence's "tỷ lệ hộ nghèo …"): the words before the head noun must be on the figure's
    own line, else they are dropped."""
    m = _HEAD.search(f.indicator + " ")
    if m is None or m.start(1) == 0:
        return f.indicator
    first = f.indicator.split()[0]
    lo = max(0, f.start - 600)  # bounded: a text without line breaks stays linear
    line = original[original.rfind("\n", lo, f.start) + 1 or lo : f.start].lower()
    return f.indicator if first in line else f.indicator[m.start(1) :]


_ACRONYM = re.compile(r"\b(?:GRDP|GDP|IIP|CPI|FDI|PCI|PAPI|GRDP/người)\b")


# the names these acronyms stand for, folded
_NAMED = {"tong san pham tren dia ban": "grdp", "chi so san xuat cong nghiep": "iip", "chi so gia tieu dung": "cpi"}


def _growth_key(f: Fact, original: str) -> frozenset[str]:
    """A growth's subject words; an indicator's acronym in the figure's clause names it too ("Tổng sản
    phẩm trên địa bàn (GRDP) 6 tháng đầu năm tăng 6,9%" and "GRDP 6 tháng tăng 7,2%" are one); a title line
    joined above the figure is not part of it (``_own_indicator``)."""
    sentence, offset = f.extra.get("sentence") or "", f.extra.get("offset") or 0
    clause = re.split(r"[,;:]", sentence[max(0, offset - 300) : offset])[-1]
    folded = fold(clause + " " + f.indicator)
    acronyms = {a.lower() for a in _ACRONYM.findall(clause)} | {a for n, a in _NAMED.items() if n in folded}
    indicator = fold(_own_indicator(f, original))
    for name in _NAMED:
        indicator = indicator.replace(name, " ")
    words = _key(indicator) - _PERIOD_WORDS - {"tang", "giam", "uoc", "khoang"} - acronyms
    return frozenset(words | acronyms) if acronyms else frozenset()


def _after_says_prior(f: Fact) -> bool:
    sentence, offset = f.extra.get("sentence") or "", f.extra.get("offset") or 0
    return bool(re.match(r"[^.;()]{0,20}?so\s(?:với\s)?cùng\skỳ(?!\snăm\s20)", sentence[offset + len(f.raw) :]))


def _growth_conflicts(facts: list[Fact], original: str) -> list[Finding]:
    """Two growths of one subject, period and place: "GRDP 6 tháng tăng 7,2%" in one article and
    "(GRDP) 6 tháng đầu năm tăng 6,9%" in the statistics office's, joined in one document. Only
    subjects named by an acronym are compared: a sector word alone ("dịch vụ tăng 8,33%") is not."""
    out, seen = [], {}
    for f in facts:
        if f.kind == "target" or f.in_footnote or f.comparator != "=" or f.unit != "%":
            continue
        if not re.search(r"\s?tăng$", f.indicator) and f.indicator != "tăng":
            continue
        key = _growth_key(f, original)
        if not key or len(key) > 3:  # "GRDP khu vực công nghiệp tăng" is a sector's, not the GRDP's
            continue
        first = seen.setdefault((key, f.period, f.org_unit, _base(f)), f)
        # a headline the normalizer joined to the body's sentence is still a line of its own
        if first is f or _subheading(first) != _subheading(f) or (
            first.line == f.line and first.extra.get("sentence") is f.extra.get("sentence")
        ):
            continue
        if apart(f.value, first.value) and not other_places(first, f, original):
            out.append(_finding(
                "value_conflict", f,
                f"“{f.quote}” mâu thuẫn với dòng {first.line} (“{first.quote}”): cùng chỉ tiêu, cùng kỳ "
                f"{period_printed(f.period)}.", _n(f.value), _n(first.value)))
    return out


def _change_conflicts(facts: list[Fact], original: str) -> list[Finding]:
    """One level stated twice with two changes against the same period ("giá trị sản xuất nông
    nghiệp đạt 1.200 tỷ đồng, tăng 4,5% so với cùng kỳ" … "đạt 1.200 tỷ đồng, tăng 5,4% so với cùng kỳ")."""
    out, seen = [], {}
    for f in facts:
        if f.kind == "target" or f.in_footnote or f.change_vs_prior is None or f.change_unit != "%":
            continue
        indicator = _own_indicator(f, original)
        if not re.match(_HEADS, indicator) or not _after_says_prior(f):
            continue
        k = (_key(indicator), f.unit, f.value, f.period, f.org_unit)
        if len(k[0]) < 3:
            continue
        first = seen.setdefault(k, f)
        if first is f or _distinct_items(first, f) or other_places(first, f, original):
            continue
        if not apart(f.change_vs_prior, first.change_vs_prior):
            continue
        stated, other = _n(f.change_vs_prior), _n(first.change_vs_prior)
        message = (f"“{f.indicator}” {_n(f.value)} {f.unit} ghi thay đổi {stated}% so với cùng kỳ, nhưng dòng "
                   f"{first.line} ghi {other}%.")
        out.append(_finding("value_conflict", f, message, stated, other))
    return out


def _value_conflicts(facts: list[Fact], original: str) -> list[Finding]:
    """Same indicator, unit and period stated with two different values."""
    out, groups = [], defaultdict(list)
    for f in facts:
        if f.kind != "target" and f.change_vs_prior is not None and f.change_unit == "%":
            groups[("growth", _key(f.indicator + " " + (f.unit or "")), f.period, f.org_unit)].append(f)
        if f.kind == "target" or f.in_footnote or f.comparator != "=":
            continue
        indicator = _own_indicator(f, original)
        if re.match(_HEADS, indicator):
            key = _key(indicator)
            if len(key) >= 3:
                # the same place too: "tỷ lệ hộ nghèo" of xã A is not the huyện's
                groups[(key, f.unit, f.period, f.org_unit)].append(f)
    growth = [f for f in facts if f.indicator.endswith(" tăng") and f.unit == "%" and not f.in_footnote]
    for g in growth:
        # the growth's own subject must be the level's: every content word of "tổng lượt khách du
        # lịch tăng" is in "lượt khách du lịch" + its unit; "chỉ số sản xuất công nghiệp tăng" is not
        # and name it in three words at least: "thủy sản tăng 3,5%" or "dịch vụ tăng 8,33%" is a
        # sector, a part of many levels ("giá trị sản xuất nông - lâm - thủy sản … tăng 4,8%");
        # "quý I tăng 6,86%" names no subject at all
        gkey = _key(g.indicator)
        if len(gkey - _PERIOD_WORDS) < 3:
            continue
        for (tag, key, period, *_), members in groups.items():
            if tag == "growth" and period == g.period and gkey <= key:
                for f in members:
                    if f.org_unit == g.org_unit and apart(f.change_vs_prior, g.value) and not other_places(f, g, original):
                        # "tăng 8,5%" against "tăng 8,48%" is the same figure printed shorter
                        out.append(_finding(
                            "value_conflict", g,
                            f"“{g.indicator} {_n(g.value)}%” mâu thuẫn với dòng {f.line}: tăng "
                            f"{_n(f.change_vs_prior)}% so với cùng kỳ.", _n(g.value),
                            _n(f.change_vs_prior)))
    for key, members in groups.items():
        if key[0] == "growth":
            continue
        values = {}
        for f in members:
            values.setdefault(f.value, f)
        if len(values) > 1:
            first, *others = values.values()
            for f in others:
                if _distinct_items(first, f) or not apart(f.value, first.value):
                    # within the printed digits: "11%" and "11,02%" are one figure rounded
                    continue
                if other_places(first, f, original):  # "… tỉnh Hưng Yên …" / "Đối với tỉnh Thái Bình, …"
                    continue
                if f.value and first.value and max(f.value, first.value) / min(f.value, first.value) == 1000:
                    out.append(_finding(  # "520 tỷ đồng" and "520.000 tỷ đồng": a slip of the scale
                        "magnitude", f,
                        f"“{f.indicator}” ghi {_n(f.value)} {f.unit} nhưng dòng {first.line} ghi "
                        f"{_n(first.value)} {first.unit}: lệch nhau 1.000 lần, có thể sai dấu phân cách "
                        f"hoặc đơn vị.", _n(f.value), _n(first.value)))
                    continue
                out.append(_finding(
                    "value_conflict", f,
                    f"“{f.indicator}” ghi {_n(f.value)} {f.unit} nhưng dòng {first.line} ghi "
                    f"{_n(first.value)} {first.unit} cho cùng kỳ {period_printed(f.period)}.",
                    _n(f.value), _n(first.value)))
    return out


_OPENS_BRACKET = re.compile(r"\s*\(")


_SUBHEADING = re.compile(r"^\s*(?:[a-zđ][.)]|\d+(?:\.\d+)+\.?|[IVX]+\.)\s+\S.{0,70}$")


def _subheading(f: Fact) -> str:
    """The nearest short enumerated heading above the figure ("a. Vụ Xuân", "1.2. Chăn nuôi")."""
    return f.extra.get("subheading", "")


def _distinct_items(a: Fact, b: Fact) -> bool:
    """Two figures that cannot be one indicator stated twice: items of one sentence's list ("nông,
    lâm, thủy sản chiếm 31,4%, công nghiệp - xây dựng chiếm 37,8%"), or figures under different
    sub-headings ("a. Vụ Xuân" / "b. Vụ hè thu")."""
    if a.extra.get("sentence") is not None and a.extra.get("sentence") is b.extra.get("sentence"):
        return True
    return _subheading(a) != _subheading(b)


def mark_subheadings(facts: list[Fact], original: str) -> None:
    heads, offset = [], 0
    for line in original.split("\n"):
        if _SUBHEADING.match(line) and not re.search(r"\d[\d.,]*\s?(?:ha|tấn|con|%|tỷ|triệu)", line):
            heads.append((offset, line.strip()))
        offset += len(line) + 1
    k, current = 0, ""
    for f in sorted(facts, key=lambda x: x.start):
        while k < len(heads) and heads[k][0] <= f.start:
            current = heads[k][1]
            k += 1
        f.extra["subheading"] = current


def _sums(facts: list[Fact]) -> list[Finding]:
    out = []
    for f in facts:
        sentence, offset = f.extra.get("sentence"), f.extra.get("offset")
        if sentence is None:
            continue
        if not f.unit or f.unit in ("%", "‰") or not _OPENS_BRACKET.match(sentence, offset + len(f.raw)):
            continue
        rest = sentence[offset + len(f.raw) : offset + len(f.raw) + 4000]  # bounded: linear time
        body = _paren_body(rest, rest.index("("))
        if body is None:
            continue
        subset = bool(re.match(r"\s*(trong đó|riêng|chủ yếu)", body, re.IGNORECASE))
        parts = [
            to_decimal(m.group("value")) for m in QUANTITY_RE.finditer(body)
            if clean_unit(m.group("unit1") or m.group("unit")) == f.unit and not m.group("plan")
            and not re.search(r"(tăng|giảm|vượt|đạt|bằng|cùng kỳ)\s*$", body[: m.start()])
        ]
        if len(parts) < 2 or None in parts:
            continue
        # "3.200 ha (lúa 2.100 ha, ngô 800 ha, trồng rừng 500 con)": a part in another unit means the
        # bracket lists more than the total's breakdown, so its parts need not add up
        subset = subset or any(
            clean_unit(m.group("unit1") or m.group("unit")) not in (f.unit, "%", "‰", None, "")
            for m in QUANTITY_RE.finditer(body)
        )
        total = sum(parts)
        if f.plan_value is not None:  # "22/27 vụ (...)": the parts may break down the 27
            if total <= f.plan_value:
                continue
        tol = _tolerance(f.value)  # one unit of the last printed digit, as documented
        if total > f.value + tol or (not subset and abs(total - f.value) > tol):
            out.append(_finding(
                "sum_mismatch", f,
                f"Tổng ghi {_n(f.value)} {f.unit} nhưng các phần cộng lại "
                f"{' + '.join(_n(p) for p in parts)} = {_n(total)} {f.unit}.", _n(f.value), _n(total)))
    return out


def _counts(doc: Document) -> list[Finding]:
    out = []
    for seg in doc.segments:
        for m in _COUNT_RE.finditer(seg.text):
            if re.search(r"(tăng|giảm|thêm)\s*$", seg.text[max(0, m.start() - 8) : m.start()]):
                continue
            stated, noun = int(m.group(1)), m.group(2)
            if noun == "tiêu chí" and m.group(0).endswith(": "):
                continue  # "- Đạt 14 tiêu chí: 03 thôn, bản": a colon after criteria opens a tally, not a list
            if rest := re.search(r"còn\s(\d+)\s", m.group(0)[len(m.group(1)) :]):
                stated = int(rest.group(1))  # "14/16 xã đạt (còn 02 xã chưa đạt là A, B)"
            tail = seg.text[m.end() : m.end() + 600]
            if seg.text[m.end() - 1 : m.end()] != " " or "(" in m.group(0)[-12:]:
                items = _paren_body("(" + tail, 0) or ""
            else:
                items = tail
            if noun != "tiêu chí":
                items = re.split(r"\s[–-]\s|\.\s|;", items)[0]
            if noun == "tiêu chí":
                refs = {int(r) for r in _CRITERION_REF.findall(items)}
                if not refs:
                    continue
                listed = len(refs)
            else:
                names = [n.strip() for n in re.split(r",|\svà\s", items) if n.strip()]
                if len(names) < 2 or not all(_NAME.match(n) for n in names):
                    continue
                listed = len(names)
            if listed != stated:
                start, end = doc.span(seg, m.start(), m.end() + len(items) + 1)
                out.append(Finding(
                    "count_mismatch",
                    f"Ghi {m.group(1)} {noun} nhưng liệt kê {listed}: {items.strip()[:160]}.",
                    doc.line_of(start), doc.original[start:end], str(stated), str(listed), start, end))
    return out


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Two rules finding the same thing at the same figure report it once."""
    seen, out = set(), []
    for f in findings:
        if (f.type, f.start, f.stated) not in seen:
            seen.add((f.type, f.start, f.stated))
            out.append(f)
    return out


def run_checks(doc: Document, ctx: DocContext, facts: list[Fact]) -> list[Finding]:
    return _dedupe(_run_checks(doc, ctx, facts))


def _run_checks(doc: Document, ctx: DocContext, facts: list[Fact]) -> list[Finding]:
    mark_subheadings(facts, doc.original)
    text_facts = [f for f in facts if not f.extra.get("table")]
    return (
        _pct_checks(text_facts)
        + _magnitude(text_facts, doc.original)
        + _value_conflicts(facts, doc.original)
        + _growth_conflicts(text_facts, doc.original)
        + _change_conflicts(text_facts, doc.original)
        + _sums(text_facts)
        + _counts(doc)
        + crosschecks.run(facts, doc.original)
        + surechecks.run(facts, doc.original)
        + economy.run(text_facts, doc.original)
    )
