"""Checks that compare a figure with another sentence or with the results table.

- A rate's share ("12/14 xã, chiếm tỷ lệ 84,6%") against the count it shares.
- A "% of plan" against a plan stated just before ("tổng kế hoạch vốn ... 326.071 triệu
  đồng. Tổng giải ngân 132.998 triệu đồng, bằng 40,84% kế hoạch").
- The text against the table: the same indicator with another value, or a "vượt X%"
  that the table's plan does not support.
- The same thing counted twice in one paragraph with two values.
- A "trong đó" bracket that lists "khác" (the rest) must add up to the total.
- Money per person far beyond a district's scale; the same rate written once with % and
  once with ‰.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from ktxh.engine.ratios import excess_readings, pct_of_plan

from .fold import fold
from .model import Fact, Finding
from .stated import STOP_WORDS, apart, line_before, other_places, period_printed, verdict
from .stated import finding as _finding
from .stated import paren_body as _paren_body
from .stated import printed as _n
from .stated import tolerance as _tol

_STOP = STOP_WORDS | {"cho", "tai"}
_ABBR = {"thcs": "trung hoc co so", "thpt": "trung hoc pho thong", "ntm": "nong thon moi",
         "bhyt": "bao hiem y te", "vh": "van hoa", "ds": "dan so"}  # fmt: skip
# verbs that introduce the same thing in different words ("triển khai / phát triển trồng mới")
_ACTIVITY = set("trien khai phat tiep tuc thuc hien duy tri cham soc dua vao tap trung".split())
_PLAN_LIKE = re.compile(r"kế hoạch|dự toán|được giao|nguồn vốn|tổng vốn")
_PLAN_NAMED = re.compile(r"kế hoạch|dự toán|giao|phân bổ|bố trí")
# a capital named "tổng vốn / nguồn vốn" without a plan word is the plan only of what is spent of it
_USES_CAPITAL = re.compile(r"giải ngân|vốn")
# "Tổng vốn đầu tư toàn xã hội (ước) đạt 250 tỷ đồng": a result, not the plan of the next figure
_RESULT_VERB = re.compile(r"(?:đạt|thực hiện|huy động)(?:\s+được)?\s*$")
_PERSON = ("đối tượng", "người", "hộ", "học sinh", "sinh viên", "lao động", "trẻ", "cá nhân")


def key(indicator: str) -> frozenset[str]:
    words = fold(indicator).replace(",", " ").replace("/", " ").split()
    expanded = " ".join(_ABBR.get(w, w) for w in words).split()
    return frozenset(w for w in expanded if w not in _STOP and not w.isdigit())


def shares(facts: list[Fact]) -> list[Finding]:
    out = []
    for f in facts:
        base = f.extra.get("share_of")
        if base is None or base.plan_value in (None, Decimal(0)):
            continue
        ratio = pct_of_plan(base.value, base.plan_value)
        if abs(ratio - f.value) > _tol(f.value):
            out.append(_finding(
                "pct_mismatch", f,
                f"Ghi chiếm {_n(f.value)}% nhưng {_n(base.value)}/{_n(base.plan_value)} = {_n(ratio)}%.",
                _n(f.value), _n(ratio)))
    return out


def plans_stated_before(facts: list[Fact]) -> list[Finding]:
    """The first "% of plan" after a plan-like amount in the same unit, within 300 characters."""
    out, text_facts = [], [f for f in facts if not f.extra.get("table")]
    for i, plan in enumerate(text_facts):
        if not _PLAN_LIKE.search(plan.indicator) or not plan.unit or plan.pct_of_plan is not None:
            continue
        if plan.comparator != "=":
            continue  # "gần 58 tỷ đồng": a rounded plan gives no certain ratio
        sentence, offset = plan.extra.get("sentence", ""), plan.extra.get("offset", 0)
        named = bool(_PLAN_NAMED.search(plan.indicator))
        if not named and (_RESULT_VERB.search(sentence[:offset]) or plan.change_vs_prior is not None):
            continue
        if re.search(r"%[^()]{0,40}\(\s*(?:kế hoạch|KH|chỉ tiêu)[^()]*$", sentence[:offset], re.IGNORECASE):
            continue  # "bằng 150% kế hoạch (kế hoạch 1.070 người)": the previous figure's own plan
        for f in text_facts[i + 1 :]:
            if f.start - plan.end > 300:
                break
            if f.unit != plan.unit or f.pct_of_plan is None:
                continue
            if not named and not _USES_CAPITAL.search(f.indicator):
                break  # "tổng vốn đầu tư … ; tổng thu ngân sách …, đạt 100,1% dự toán": another subject
            if f.plan_value is None and plan.value:
                ratio = pct_of_plan(f.value, plan.value)
                if abs(ratio - f.pct_of_plan) > _tol(f.pct_of_plan):
                    out.append(_finding(
                        "pct_mismatch", f,
                        f"Ghi đạt {_n(f.pct_of_plan)}% kế hoạch nhưng {_n(f.value)} / {_n(plan.value)} "
                        f"(“{plan.indicator}”, dòng {plan.line}) = {_n(ratio)}%.",
                        _n(f.pct_of_plan), _n(ratio)))
            break
    return out


def against_table(facts: list[Fact]) -> list[Finding]:
    out = []
    table = [f for f in facts if f.extra.get("table") and f.kind == "actual"]
    if not table:
        return out
    table_keys = {id(t): key(t.indicator) for t in table}
    for f in facts:
        if f.extra.get("table") or f.kind == "target" or not f.unit:
            continue
        k = key(f.indicator)
        for t in table:
            if t.unit != f.unit or t.period != f.period or not k:
                continue
            tk = table_keys[id(t)]
            if t.value == f.value and (f.excess is not None) and t.plan_value and len(k & tk) >= 2:
                rel, pts = excess_readings(f.value, t.plan_value)
                tol = _tol(f.excess)
                if abs(rel - f.excess) > tol and abs(pts - f.excess) > tol:
                    out.append(_finding(
                        "excess_ambiguous", f,
                        f"Ghi vượt {_n(f.excess)} so với kế hoạch, nhưng biểu (dòng {t.line}) ghi kế "
                        f"hoạch {_n(t.plan_value)}: vượt {_n(rel)}% (tương đối) hoặc {_n(pts)} điểm.",
                        _n(f.excess), f"{_n(rel)}% / {_n(pts)}"))
            elif t.value != f.value and k == tk and f.comparator == "=" and t.comparator == "=":
                out.append(_finding(
                    "value_conflict", f,
                    f"“{f.indicator}” ghi {_n(f.value)}{f.unit} nhưng biểu (dòng {t.line}) ghi "
                    f"{_n(t.value)}{t.unit} cho cùng kỳ {period_printed(f.period)}.", _n(f.value), _n(t.value)))
    return out


def _same_paragraph(original: str, a: Fact, b: Fact) -> bool:
    """Within 600 characters with no blank line, bullet or numbered heading in between."""
    between = original[a.end : b.start]
    if "\n" not in between:  # one line of a Word export is one paragraph
        return len(between) < 2000
    return len(between) < 600 and not re.search(r"\n\s*\n|\n\s*(?:[-+•]|\d+(?:\.\d+)*\.?\s)", between)


def _qualified(f: Fact) -> bool:
    """"06 xã có 02 trường …": another number in the figure's own clause tells the subjects apart."""
    sentence, offset = f.extra.get("sentence", ""), f.extra.get("offset", 0)
    clause = re.split(r"[,;:(]", sentence[:offset])[-1]
    return bool(re.search(r"\d", clause))


def same_paragraph(facts: list[Fact], original: str) -> list[Finding]:
    """"trồng mới 337,3ha cây dong riềng ... trồng mới 377,3ha cây dong riềng" in one paragraph."""
    out, seen = [], {}
    for f in facts:
        if f.extra.get("table") or f.kind == "target" or f.in_footnote or f.comparator != "=":
            continue
        # digits stay in the key: "04 xã có 03 trường" and "06 xã có 02 trường" are different things
        k = frozenset(fold(f.indicator).split()) - _STOP - _ACTIVITY
        # rates and points ("đóng góp 2,64 điểm phần trăm") are listed per sector, one each
        if len(k) < 3 or f.unit in (None, "%", "‰") or f.unit.startswith("điểm") or _qualified(f):
            continue
        # only the figures of the same words close enough to share a paragraph (at most 2000
        # characters back, _same_paragraph): a scan of every earlier figure was quadratic
        for p in reversed(seen.get((f.unit, f.period, k), [])):
            if f.start - p.end >= 2000:
                break
            if not apart(p.value, f.value) or verdict(p) != verdict(f):
                continue
            if p.org_unit != f.org_unit or other_places(p, f, original):
                continue
            between = original[p.end : f.start]
            if between.count("(") > between.count(")"):
                continue  # "9 sản phẩm OCOP (1 sản phẩm 4 sao)": a part in the bracket after the figure
            if not _same_paragraph(original, p, f):
                continue
            out.append(_finding(
                "value_conflict", f,
                f"“{f.indicator}” ghi {_n(f.value)} {f.unit} nhưng cùng đoạn (dòng {p.line}) ghi "
                f"{_n(p.value)} {p.unit}.", _n(f.value), _n(p.value)))
            break
        seen.setdefault((f.unit, f.period, k), []).append(f)
    return out


def rest_parts(facts: list[Fact]) -> list[Finding]:
    """"3.928ha (trong đó chuối 2.500ha, cây ăn quả khác 1.205,99ha)": a "khác" part lists the rest,
    so the parts must add up to the total even though the bracket opens with "trong đó"."""
    from .patterns import QUANTITY_RE, clean_unit, to_decimal

    out = []
    for f in facts:
        sentence, offset = f.extra.get("sentence"), f.extra.get("offset")
        if sentence is None or not f.unit or f.unit in ("%", "‰"):
            continue
        rest = sentence[offset + len(f.raw) :]
        if not rest.lstrip().startswith("(") or (body := _paren_body(rest, rest.index("("))) is None:
            continue
        found = [m for m in QUANTITY_RE.finditer(body)
                 if clean_unit(m.group("unit1") or m.group("unit")) == f.unit and not m.group("plan")]
        if len(found) < 2 or not re.search(r"\b(khác|còn lại)\b", body[found[-2].end() : found[-1].start()]):
            continue
        parts = [to_decimal(m.group("value")) for m in found]
        if abs(sum(parts) - f.value) > _tol(f.value):
            out.append(_sum_finding(f, parts, "các phần (có phần “khác”, tức là đủ mọi phần)"))
    return out


def _sum_finding(total: Fact, parts: list[Decimal], which: str) -> Finding:
    """A total against the sum of its parts, both quoted: "Tổng ghi 226 ha nhưng <which> cộng lại … = …"."""
    added = sum(parts, Decimal(0))
    return _finding(
        "sum_mismatch", total,
        f"Tổng ghi {_n(total.value)} {total.unit} nhưng {which} cộng lại {' + '.join(_n(p) for p in parts)} = "
        f"{_n(added)} {total.unit}.", _n(total.value), _n(added))


_NEXT_SENTENCE = re.compile(r"\.\s+(?!Trong đó|Riêng|Bao gồm)[A-ZĐÀ-Ỹ]|\n")


def bullet_parts(facts: list[Fact], original: str) -> list[Finding]:
    """"- Tổng diện tích gieo trồng 226 ha. Trong đó lúa 115 ha." then "- Cây lạc: Diện tích gieo trồng 33 ha",
    "- Cây ngô: … 72 ha", "- Rau màu: Diện tích 7,2 ha": the parts after the total on its line and the first
    figure of each bullet below it, under the same sub-heading, must not exceed the total."""
    out, text = [], [f for f in facts if not f.extra.get("table") and not f.in_footnote]
    for i, total in enumerate(text):
        if total.unit != "ha" or not fold(total.indicator).startswith("tong dien tich") or total.comparator != "=":
            continue
        if not re.match(r"\s*[-+•]\s", line_before(total, original)):
            continue
        parts, lines = [], {total.line}
        # on the total's line: its sentence and a "Trong đó …" sentence after it, not the next subject
        stop = _NEXT_SENTENCE.search(original, total.end, total.end + 2000)
        for f in text[i + 1 : i + 60]:  # bounded: a season's list is short
            if f.extra.get("subheading") != total.extra.get("subheading"):
                break
            if f.line == total.line:
                if f.unit == "ha" and (stop is None or f.start < stop.start()):
                    parts.append(f)
                continue
            if f.line in lines:
                continue  # a bullet's later figures break its own crop down ("Trong đó 50,3 ha")
            if not re.match(r"\s*[-+•]\s", line_before(f, original)) or f.line > max(lines) + 2:
                break
            lines.add(f.line)
            if f.unit != "ha" or f.comparator != "=" or "tong" in fold(f.indicator).split():
                break
            parts.append(f)
        if len(parts) >= 2 and sum(p.value for p in parts) > total.value + _tol(total.value):
            out.append(_sum_finding(total, [p.value for p in parts], "các phần kê ở dưới"))
    return out


_MARKED = re.compile(r"\s?(?P<noun>[^\W\d][^\s\[\].,;:()]*(?:\s[^\W\d][^\s\[\].,;:()]*){0,2})?\[footnoteRef:(?P<n>\d+)\]")


def footnote_totals(facts: list[Fact], original: str) -> list[Finding]:
    """"trồng mới 293,17ha Quế[footnoteRef:4]" with footnote 4 "Trong tổng số 294,97ha Quế thì …": the
    footnote's total of the same unit and noun is the marked figure, written twice with two values."""
    out, notes = [], sorted((f for f in facts if f.in_footnote and f.unit), key=lambda f: f.start)
    starts = [g.start for g in notes]
    for f in facts:
        if f.in_footnote or not f.unit or f.comparator != "=":
            continue
        m = _MARKED.match(original, f.end, f.end + 60)
        if m is None:
            continue
        head = original.find(f"[{m.group('n')}:", m.end())
        if head < 0:
            continue
        noun = fold(m.group("noun") or "")
        k = bisect.bisect_right(starts, head)  # the footnote's first figure: no scan of every note
        for g in notes[k : k + 1]:
            if g.start >= head + 60:
                break
            lead = original[head + len(m.group("n")) + 2 : g.start]
            after = fold(original[g.end : g.end + len(noun) + 1])
            if (g.unit == f.unit and g.comparator == "=" and re.fullmatch(r"\s*(?:trong\s)?tổng số\s*", lead, re.IGNORECASE)
                    and after.strip().startswith(noun) and apart(f.value, g.value)):
                out.append(_finding(
                    "value_conflict", f,
                    f"Ghi {_n(f.value)} {f.unit} nhưng chú thích {m.group('n')} ghi tổng số {_n(g.value)} {g.unit}.",
                    _n(f.value), _n(g.value)))
            break
    return out


def scale_slips(facts: list[Fact]) -> list[Finding]:
    out = []
    text = [f for f in facts if not f.extra.get("table")]
    # Earlier rates by (value, unit): comparing each rate with every earlier fact was quadratic.
    earlier_rates: dict[tuple, list[Fact]] = {}
    for i, f in enumerate(text):
        money = text[i + 1] if i + 1 < len(text) else None
        if (f.unit or "").startswith(_PERSON) and f.value and money and money.unit in ("triệu đồng", "tỷ đồng"):
            between = money.extra.get("sentence", "")[f.extra.get("offset", 0) : money.extra.get("offset", 0)]
            if f.extra.get("sentence") is money.extra.get("sentence") and re.search(r"số tiền|kinh phí|trị giá", between):
                per_person = money.value * (1000 if money.unit == "tỷ đồng" else 1) / f.value
                if per_person > 1000:
                    out.append(_finding(
                        "magnitude", money,
                        f"{_n(money.value)} {money.unit} cho {_n(f.value)} {f.unit}: bình quân "
                        f"{_n(per_person.quantize(Decimal('0.1')))} triệu đồng mỗi {f.unit}, quá lớn — "
                        f"có thể sai dấu phân cách hoặc thừa đơn vị.", _n(money.value), _n(per_person)))
        if f.unit in ("%", "‰") and f.kind != "target":
            other = "‰" if f.unit == "%" else "%"
            for g in earlier_rates.get((f.value, other), [])[:50]:  # the first that shares a word
                if key(f.indicator) & key(g.indicator):
                    out.append(_finding(
                        "magnitude", f,
                        f"“{f.indicator}” ghi {_n(f.value)}{f.unit} nhưng dòng {g.line} ghi "
                        f"{_n(g.value)}{g.unit}: % và ‰ lệch nhau 10 lần.", f"{_n(f.value)}{f.unit}",
                        f"{_n(g.value)}{g.unit}"))
                    break
            earlier_rates.setdefault((f.value, f.unit), []).append(f)
    return out


def run(facts: list[Fact], original: str) -> list[Finding]:
    return (shares(facts) + plans_stated_before(facts) + against_table(facts)
            + same_paragraph(facts, original) + rest_parts(facts) + scale_slips(facts) + bullet_parts(facts, original)
            + footnote_totals(facts, original))
