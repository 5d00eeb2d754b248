"""Checks on the few indicators of a whole economy that a report names in one fixed way, so two
figures of them in one text are one indicator stated twice (joined articles, a summary above the
statistics office's figures):

- the GRDP growth, named by its acronym, "tổng sản phẩm trên địa bàn" or "tăng trưởng kinh tế"
  ("GRDP 9 tháng tăng trưởng 7,02%" … "tăng trưởng 9 tháng của nền kinh tế đạt 7,07%"); a lower
  bound counts too ("dự đạt trên 9%" against "8,86%");
- a GRDP sector's growth ("khu vực dịch vụ ước tăng 10,32%" … "khu vực dịch vụ có mức tăng trưởng 10,98%")
  and its share ("tỷ trọng đạt: Dịch vụ 70,62%" … "khu vực dịch vụ … chiếm 70,08% trong GRDP");
- exports, imports and the trade balance ("kim ngạch nhập khẩu ước đạt 16 tỷ USD" … "18,22 tỷ USD");
- the scale of a budget: a commune's revenue over 100.000 tỷ đồng, or one budget total a hundred
  times off the others of the same period and place ("tổng chi … 294,7 triệu đồng" beside
  "tổng thu … 101.512 triệu đồng").

Each is silent unless certain: same period, place, base and kind (an estimate may be revised by a
later article's final figure), not a target, not a quarter's or a
month's figure, not two figures of one sentence, and values apart beyond the printed digits.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .fold import fold
from .model import Fact, Finding
from .stated import apart, growth_base, line_before, other_places, paragraph_before, period_printed
from .stated import finding as _finding
from .stated import printed as _n
from .units import convert

_CLAUSE_END = re.compile(r"[,;:]|\.\s")
_GRDP = re.compile(
    r"\b(?:GRDP|GDP)\b(?!/)|tổng sản phẩm trên địa bàn|tăng trưởng kinh tế"
    r"|tăng trưởng(?:\s\S+){0,4}\s(?:của\s)?(?:nền\s|đầu tàu\s)?kinh tế", re.IGNORECASE)
# a part, a quarter, a month, a plan, other places or another price base: not the period's GRDP growth
_NOT_WHOLE = re.compile(
    r"khu vực|ngành|nông|lâm nghiệp|thủy sản|thuỷ sản|công nghiệp|xây dựng|dịch vụ|thuế|bình quân|đầu người|"
    r"quý|tháng\s\d|kế hoạch|mục tiêu|phấn đấu|chỉ tiêu|nghị quyết|dự báo|kịch bản|cả nước|địa phương|"
    r"tỉnh, thành|vùng|nhóm|giá hiện hành|danh nghĩa|quy mô|cao hơn|thấp hơn|so với|đóng góp|điểm",
    re.IGNORECASE)
_GROWTH_TAIL = re.compile(
    r"(?:tăng|tăng trưởng|đạt|ước đạt|dự đạt|ước tăng|ước tính tăng|đạt mức|ở mức|là)(?:\s(?:trên|hơn|khoảng))?\s*$",
    re.IGNORECASE)
_SECTORS = {
    frozenset("dich vu".split()): "dịch vụ",
    frozenset("cong nghiep xay dung".split()): "công nghiệp và xây dựng",
    frozenset("nong lam nghiep thuy san".split()): "nông, lâm nghiệp và thủy sản",
    frozenset("nong lam thuy san".split()): "nông, lâm nghiệp và thủy sản",
    frozenset("nong lam ngu nghiep".split()): "nông, lâm nghiệp và thủy sản",
}
_SECTOR_FILLER = frozenset("khu vuc uoc tinh tang truong co muc dat va".split())
_TRADE = {
    frozenset("xuat sieu".split()): "xuất siêu",
    frozenset("nhap sieu".split()): "nhập siêu",
    frozenset("kim ngach xuat khau".split()): "kim ngạch xuất khẩu",
    frozenset("kim ngach nhap khau".split()): "kim ngạch nhập khẩu",
}
# words that do not change which trade figure is meant ("tổng kim ngạch xuất khẩu hàng hóa của tỉnh
# ước đạt", "cán cân thương mại hàng hoá xuất siêu")
_TRADE_FILLER = frozenset("trong nam thang dau uoc tinh dat tong can thuong mai mau dich hang hoa cua toan".split())
_SUB_PERIOD = re.compile(r"quý|tháng\s\d", re.IGNORECASE)
_BOUNDS = (">", ">=")


def _clause(f: Fact) -> str:
    sentence, offset = f.extra.get("sentence") or "", f.extra.get("offset") or 0
    return _CLAUSE_END.split(sentence[max(0, offset - 300) : offset])[-1]


def _own_clause(f: Fact, original: str) -> str:
    """The figure's clause on its own line of the text: a title line the normalizer joined to the
    sentence ("BÁO CÁO … Kim ngạch nhập khẩu ước đạt") is not part of it, nor an article's date marker."""
    return re.sub(r"^\s*date\s\S+", "", _CLAUSE_END.split(line_before(f, original))[-1])


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[\s,–\-]+", fold(text)) if w and not w.isdigit())


# a term's figures ("Giai đoạn 2021-2025, khu vực dịch vụ tăng 7,5%") are not the period's
_TERM = re.compile(r"giai đoạn|nhiệm kỳ|thời kỳ|bình quân|\b(?:19|20)\d\d\s?-\s?(?:19|20)\d\d\b", re.IGNORECASE)


def _eligible(f: Fact) -> bool:
    """Not a target, a footnote, a table cell, last year's figure quoted for comparison or a term's."""
    sentence, offset = f.extra.get("sentence") or "", f.extra.get("offset") or 0
    return (f.kind != "target" and not f.in_footnote and not f.extra.get("table") and not f.extra.get("prior_figure")
            and f.comparator in ("=", *_BOUNDS) and not _TERM.search(sentence[max(0, offset - 300) : offset]))


def _grdp_growth(f: Fact) -> bool:
    clause = _clause(f)
    return (f.unit == "%" and bool(_GRDP.search(clause)) and not _NOT_WHOLE.search(clause)
            and bool(_GROWTH_TAIL.search(clause)))


def _sector_growth(f: Fact) -> str | None:
    if f.unit != "%" or "khu vực" not in f.indicator.lower() or _SUB_PERIOD.search(_clause(f)):
        return None
    words = _words(f.indicator)
    if "tang" not in words:
        return None
    return _SECTORS.get(words - _SECTOR_FILLER)


_SECTOR_WORDS = frozenset().union(*_SECTORS) | {"va"}
_SHARE_CUE = re.compile(r"tỷ trọng|cơ cấu", re.IGNORECASE)
_OF_ECONOMY = re.compile(r"GRDP|tổng sản phẩm|nền kinh tế|ngành kinh tế|cơ cấu kinh tế", re.IGNORECASE)
# a share of something else: workers, capital, output, trade, revenue
_OTHER_WHOLE = re.compile(r"lao động|việc làm|vốn|giá trị sản xuất|xuất khẩu|nhập khẩu|doanh thu|thu ngân sách|doanh nghiệp",
                          re.IGNORECASE)


def _sector_named(text: str) -> str | None:
    words = [w for w in re.split(r"[\s,–\-]+", fold(text)) if w]
    return _SECTORS.get(frozenset(words) - {"va"}) if words and set(words) <= _SECTOR_WORDS else None


def _sector_share(f: Fact, original: str) -> str | None:
    """A GRDP sector's share: "tỷ trọng đạt: Dịch vụ 70,62%; …" or "khu vực dịch vụ … chiếm 70,08% trong GRDP"."""
    if f.unit != "%":
        return None
    sentence, offset = f.extra.get("sentence") or "", f.extra.get("offset") or 0
    before, after = sentence[max(0, offset - 300) : offset], sentence[offset + len(f.raw) : offset + len(f.raw) + 40]
    paragraph = paragraph_before(f, original)
    if _OTHER_WHOLE.search(before + after) or _SUB_PERIOD.search(before):
        return None
    clause = _CLAUSE_END.split(before)[-1]
    cue = next(reversed(list(_SHARE_CUE.finditer(before))), None)  # the last cue before the figure
    # "cơ cấu kinh tế năm 2020: Dịch vụ 40%; năm 2025: …": a list of years, not of the period's shares
    if cue is not None and _OF_ECONOMY.search(paragraph + after) and not re.search(r"\b(?:19|20)\d\d\b", before[cue.end() :]):
        return _sector_named(clause)
    if re.fullmatch(r"\s*chiếm\s(?:tỷ trọng\s)?", clause) and re.match(r"\s*(?:trong|tổng|của)\s(?:GRDP|cơ cấu|nền kinh tế)", after):
        subject = before.lower().rsplit("khu vực ", 1)
        if len(subject) == 2 and not re.search(r"\d", subject[1]):
            return _sector_named(re.split(r"\s(?:của|tiếp|vẫn|là|đóng|giữ|chiếm)\s", " " + subject[1])[0])
    return None


def _trade(f: Fact, original: str) -> str | None:
    if not (f.unit or "").endswith("USD") or _SUB_PERIOD.search(_clause(f)):
        return None
    # its own line first (a title joined above), then its sentence's clause (a line wrapped inside it)
    for clause in (_own_clause(f, original), _clause(f)):
        if (name := _TRADE.get(_words(clause) - _TRADE_FILLER)) is not None:
            return name
    return None


def _conflict(first: Fact, f: Fact) -> bool:
    """Two values of one indicator: both exact and apart, or an exact value under a lower bound."""
    if first.comparator == "=" and f.comparator == "=":
        return apart(first.value, f.value)
    exact, bound = (first, f) if first.comparator == "=" else (f, first)
    return exact.comparator == "=" and bound.comparator in _BOUNDS and exact.value < bound.value


def _stated(f: Fact) -> str:
    return ("trên " if f.comparator in _BOUNDS else "") + _n(f.value)


def named_conflicts(facts: list[Fact], original: str) -> list[Finding]:
    out, seen = [], {}
    for f in facts:
        if not _eligible(f):
            continue
        if _grdp_growth(f):
            # the country's GDP ("GDP của Việt Nam tăng 6,4%") is not the province's GRDP
            name = "tăng trưởng GDP" if re.search(r"\bGDP\b", _clause(f)) else "tăng trưởng GRDP"
        elif (sector := _sector_growth(f)) is not None:
            name = f"tăng trưởng khu vực {sector}"
        elif (share := _sector_share(f, original)) is not None:
            name = f"tỷ trọng khu vực {share} trong GRDP"
        elif (trade := _trade(f, original)) is not None:
            name = trade
        else:
            continue
        # the kind too: an estimate ("ước đạt 7,45%") may be revised by a later article's final figure
        key = (name, f.unit, f.period, f.org_unit, f.kind, growth_base(f) if f.unit == "%" else "")
        for first in seen.get(key, [])[:50]:  # bounded: linear in the text's length
            # two figures of one sentence are two things, but a headline joined to the body is a line of its own
            one_sentence = first.extra.get("sentence") is f.extra.get("sentence") and first.line == f.line
            if one_sentence or other_places(first, f, original):
                continue
            if _conflict(first, f):
                out.append(_finding(
                    "value_conflict", f,
                    f"{name[0].upper() + name[1:]} {period_printed(f.period)} ghi {_stated(f)}{_unit(f)} nhưng "
                    f"dòng {first.line} ghi {_stated(first)}{_unit(first)}.", _n(f.value), _n(first.value)))
                break
        seen.setdefault(key, []).append(f)
    return out


def _unit(f: Fact) -> str:
    return "%" if f.unit == "%" else f" {f.unit}"


_BUDGET = re.compile(r"\b(?:thu|chi) ngân sách", re.IGNORECASE)
_WHOLE_BUDGET = re.compile(r"tổng (?:thu|chi) ngân sách|ngân sách (?:nhà nước|địa phương)", re.IGNORECASE)
# a part of a budget, a per-person figure or a change: not a total of the budget
_BUDGET_PART = re.compile(
    r"\bcho\s|sự nghiệp|bình quân|đầu người|/người|giáo dục|y tế|đầu tư|thường xuyên|phát triển|xây dựng|"
    r"tiền|thuế|phí|bổ sung|tăng|giảm|cân đối|dự phòng|chuyển nguồn|khác|trong đó|riêng|nội địa|xuất nhập khẩu",
    re.IGNORECASE)
_LOWER_LEVEL = re.compile(r"\bcấp\b|\bxã\b|phường|thị trấn|thôn|bản\b", re.IGNORECASE)
_MONEY = ("triệu đồng", "tỷ đồng", "nghìn tỷ đồng")
_COMMUNE_LEVEL = re.compile(r"\b(?:xã|phường|thị trấn)\s[A-ZĐÀ-Ỹ]")
_ABOVE_COMMUNE = re.compile(r"\b(?:tỉnh|huyện|thành phố|quận|thị xã)\s[A-ZĐÀ-Ỹ]")
_COMMUNE_CAP = Decimal(100_000) * 1000  # 100.000 tỷ đồng, in triệu đồng: more than most provinces collect


def _millions(f: Fact) -> Decimal:
    return convert(f.value, f.unit, "triệu đồng")


def _same_year_scale(f: Fact, g: Fact) -> bool:
    """Two budget figures of one order of size: the same period, or the year's plan and a result of a
    part of that year ("Kế hoạch tổng thu năm 2023 được giao là 308,9 tỷ đồng" beside the half-year's)."""
    if f.period == g.period:
        return True
    plan, other = (f, g) if f.kind == "target" else (g, f)
    return plan.kind == "target" and other.kind != "target" and bool(plan.period) and bool(other.period) \
        and len(plan.period) == 4 and other.period[:4] == plan.period


def budget_scale(facts: list[Fact], original: str) -> list[Finding]:
    out = []
    first_line = original.lstrip().split("\n", 1)[0][:300]
    # a year's plan is compared with, never reported on (``_same_year_scale``)
    plans = [f for f in facts if f.kind == "target" and f.extra.get("plan_total") and not f.extra.get("plan_part")
             and f.comparator == "=" and f.unit in _MONEY and _BUDGET.search(f.indicator) and f.value > 0]
    budgets = [f for f in facts if _eligible(f) and f.comparator == "=" and f.unit in _MONEY
               and _BUDGET.search(f.indicator) and f.value > 0]
    for f in budgets:
        millions = _millions(f)
        # the commune's own budget: the paragraph or, when it names no place, the title is a commune's
        para = paragraph_before(f, original)
        where = para if _ABOVE_COMMUNE.search(para) else first_line
        if millions > _COMMUNE_CAP and _COMMUNE_LEVEL.search(where) and not _ABOVE_COMMUNE.search(where):
            out.append(_finding(
                "magnitude", f,
                f"“{f.indicator}” của một xã ghi {_n(f.value)} {f.unit}, quá lớn đối với ngân sách một xã — "
                f"có thể sai đơn vị (triệu đồng / tỷ đồng).", _n(f.value), f"{_n(f.value)} triệu đồng"))
    whole = [f for f in budgets if _WHOLE_BUDGET.search(f.indicator)
             and not _LOWER_LEVEL.search(f.indicator.replace("xã hội", ""))
             and not _BUDGET_PART.search(f.indicator + " " + _clause(f))]
    compared = whole[:200] + [f for f in plans[:20] if _WHOLE_BUDGET.search(f.indicator)]
    for f in whole[:200]:  # bounded: a report holds a few budget totals
        others = [g for g in compared if g is not f and _same_year_scale(f, g) and g.org_unit == f.org_unit
                  and not other_places(f, g, original)]
        if len(others) < 2:
            continue
        mine = _millions(f)
        theirs = [_millions(g) for g in others]
        if all(t >= 100 * mine for t in theirs) or all(t * 100 <= mine for t in theirs):
            near = min(others, key=lambda g: abs(g.line - f.line))
            out.append(_finding(
                "magnitude", f,
                f"“{f.indicator}” ghi {_n(f.value)} {f.unit} nhưng các số ngân sách khác cùng kỳ (dòng "
                f"{near.line}: {_n(near.value)} {near.unit}) lệch hơn 100 lần — có thể sai đơn vị.",
                _n(f.value), f"{_n(near.value)} {near.unit}"))
    return out


def run(facts: list[Fact], original: str) -> list[Finding]:
    return named_conflicts(facts, original) + budget_scale(facts, original)
