"""Match fact indicator phrases to catalog indicators by folded-token overlap.

The catalog is a plain list of ``CatalogEntry`` so matching does not care whether it
came from the database or from a YAML file.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .fold import fold
from .model import Fact

_STOP = set("cua va cac nhung trong nam duoc dat uoc la co tren dia ban so".split())
THRESHOLD = 0.6
COVERAGE = 0.75  # share of a catalog name's word weight the phrase must contain
# Qualifiers that change what is measured: a phrase carrying one matches only a name that
# carries it too ("giá trị sản xuất dịch vụ" is not "Tổng giá trị sản xuất", "xã đạt chuẩn
# NTM nâng cao" is not "Số xã đạt chuẩn nông thôn mới", "hộ cận nghèo" is not "hộ nghèo").
_CHANGE_BEFORE = re.compile(r"\b(giam|tang|them)(?: duoc| them)?\s*$")  # "có thêm 2 xã đạt chuẩn": a change
QUALIFIERS = tuple(
    fold(q) for q in (
        "nâng cao", "kiểu mẫu", "cận nghèo", "trồng mới", "hiện có", "dịch vụ", "nông nghiệp",
        "công nghiệp", "xây dựng", "thủy sản", "thuỷ sản", "lâm nghiệp", "thương mại", "du lịch",
        "nội địa", "thường xuyên", "khai thác", "quý", "tháng", "nhập khẩu", "cấp trên", "ngư nghiệp",
        # a level of a standard ("trường đạt chuẩn quốc gia mức độ 2"); products are not production
        # ("tổng giá trị sản phẩm" is not "Tổng giá trị sản xuất")
        "mức độ", "sản phẩm",
        # a province's trade turnover ("kim ngạch xuất khẩu", all goods passing through) is not the
        # locality's own goods ("Giá trị xuất khẩu hàng địa phương")
        "kim ngạch",
        # investment is not revenue ("vốn đầu tư nguồn ngân sách nhà nước trên địa bàn" is not "Thu ngân sách
        # nhà nước trên địa bàn"); "một số ngành chủ yếu" is a part, not the total; foreign or domestic
        # visitors, or the guests of lodgings, are parts of "Tổng lượt khách du lịch"
        "đầu tư", "một số", "quốc tế", "trong nước", "lưu trú",
    )
)
# A grade the name says must be said too: "hoàn thành nhiệm vụ" is not "hoàn thành tốt nhiệm vụ"
_GRADES = (fold("tốt"), fold("xuất sắc"))
# "tỷ lệ hộ nghèo, cận nghèo": the two together are neither "Tỷ lệ hộ nghèo" nor "Tỷ lệ hộ cận nghèo"
_POOR_AND_NEAR = re.compile(r"\bngheo\s?(?:,|va|hoac|\+)\s?(?:ho\s)?can ngheo\b")
# A name's local scope need not be said: a local report's "giá trị xuất khẩu" is of its own goods
# ("Giá trị xuất khẩu hàng địa phương"), so the name is also read without it.
_LOCAL_SCOPE = re.compile(r"\s(?:của\s)?(?:các\s)?(?:mặt\s)?hàng\s(?:hóa\s)?địa\sphương\b", re.IGNORECASE)
# Places smaller than a commune: "tỷ lệ thôn đạt chuẩn nông thôn mới" is not "Tỷ lệ xã đạt chuẩn
# nông thôn mới" ("nông thôn" is not a place counted).
_SUB_COMMUNE = ("thôn", "bản", "xóm", "ấp", "làng", "tổ dân phố", "khu phố")
_RURAL = re.compile(r"nông\s+thôn", re.IGNORECASE)
# Sectors written short: "CN-TTCN", "nông - ngư nghiệp", "nông, lâm nghiệp" name a sector too.
_SECTOR_SHORT = (
    (re.compile(r"(?<=[\s-])(?:cn|ttcn)(?=[\s-])"), " cong nghiep "),
    (re.compile(r"\snong\s?[-,–]\s?(?=(?:lam|ngu|thuy)\b)"), " nong nghiep "),
)


# A period said in the clause ("thu ngân sách … 9 tháng năm là", "quý III tăng") is the fact's period,
# not a monthly or quarterly measure: only "tháng"/"quý" outside such a period is a qualifier.
_PERIOD_SAID = re.compile(
    r"\b(?:(?:\d{1,2}|sau|chin|ba)\sthang(?:\s(?:dau|cuoi))?(?:\snam)?|quy\s(?:iv|iii|ii|i|\d)|thang\s\d{1,2})(?=[\s/,.]|$)"
)


def _sectors(folded: str) -> str:
    for pattern, repl in _SECTOR_SHORT:
        folded = pattern.sub(repl, folded)
    # "công nghiệp-xây dựng": sectors joined by a bare hyphen are words too; "xây dựng nông thôn mới" is
    # the rural programme, not the building sector
    folded = _PERIOD_SAID.sub(" ", folded).replace("-", " ")
    return re.sub(r"\bxay dung (?=nong thon moi\b|ntm\b)", " ", folded)


@dataclass(frozen=True)
class CatalogEntry:
    code: str
    name: str
    synonyms: tuple[str, ...] = ()
    unit: str = ""  # optional: a rate indicator ("%") should not take a count ("04 xã")


def _tokens(text: str) -> set[str]:
    return {w for w in fold(text).replace(",", " ").replace("/", " ").split() if w not in _STOP}


def _marked_tokens(text: str) -> set[str]:
    """Lower-cased words with their marks: "cấy" (transplant) is not "cây" (plant)."""
    keep = {w for w, f in zip(text.lower().replace(",", " ").replace("/", " ").split(),
                              fold(text).replace(",", " ").replace("/", " ").split(), strict=False)
            if f not in _STOP}
    return keep


def _has_marks(text: str) -> bool:
    return fold(text) != " ".join(text.lower().split())


def content_words(text: str) -> set[str]:
    """Folded words of a phrase without stop words (shared by matching and the benchmark)."""
    return _tokens(text)


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def similarity(phrase: str, name: str) -> float:
    """Dice coefficient of folded content words."""
    return _dice(_tokens(phrase), _tokens(name))


def _unit_penalty(entry: CatalogEntry, unit: str | None) -> float:
    """0.6 when the fact's unit cannot be the indicator's ("36 lớp" for a count of người); 0 when one
    is a rate and the other is not: "hoàn thành 100% chỉ tiêu tuyển quân" is not the number of recruits."""
    if not entry.unit or not unit:
        return 1.0
    from .units import is_rate, same_measure

    if is_rate(unit) != is_rate(entry.unit):
        return 0.0
    return 1.0 if same_measure(unit, entry.unit) else 0.6


def _with_unscoped(names: tuple[str, ...]) -> tuple[str, ...]:
    unscoped = tuple(_LOCAL_SCOPE.sub("", n) for n in names if _LOCAL_SCOPE.search(n))
    return (*names, *unscoped)


# "thôn, bản, tổ dân phố": a list of places in a name; a phrase naming one of them is that indicator
_PLACE_LIST = re.compile(r"\b(?:" + "|".join(_SUB_COMMUNE + ("khu dân cư",)) + r")(?:,\s(?:"
                         + "|".join(_SUB_COMMUNE + ("khu dân cư",)) + r"))+\b", re.IGNORECASE)


def _with_one_place(names: tuple[str, ...]) -> tuple[str, ...]:
    """Each name listing places also read with each place alone, and "tiêu chuẩn" as "chuẩn":
    "thôn đạt chuẩn văn hóa" is "Tỷ lệ thôn, bản, tổ dân phố đạt tiêu chuẩn văn hóa"."""
    more = []
    for n in names:
        if m := _PLACE_LIST.search(n):
            for place in m.group(0).split(", "):
                one = f"{n[: m.start()]}{place}{n[m.end() :]}"
                more += [one, re.sub(r"\btiêu chuẩn\b", "chuẩn", one, flags=re.IGNORECASE)]
    return (*names, *dict.fromkeys(m for m in more if m not in names))


def _places(text: str) -> set[str]:
    """The sub-commune places a phrase or name counts (thôn, bản, xóm …), "nông thôn" aside."""
    low = f" {_RURAL.sub(' ', text.lower())} ".replace(",", " ")
    return {p for p in _SUB_COMMUNE if f" {p} " in low}


class _Index:
    """Folded words of every catalog name and synonym, computed once per catalog.

    Words shared by many indicators ("diện tích", "tỷ lệ", "cây") weigh less than the words
    that tell indicators apart ("chè", "lúa"), so "cây lúa diện tích gieo trồng" does not
    match "Diện tích cây chè" on the common words alone.
    """

    def __init__(self, catalog: list[CatalogEntry]):
        names = [(entry, _with_one_place(_with_unscoped(tuple(_plain(n) for n in (entry.name, *entry.synonyms)))))
                 for entry in catalog]
        self.rows = [(entry, [_tokens(n) for n in ns]) for entry, ns in names]
        self.marked = [(entry, [_marked_tokens(n) for n in ns]) for entry, ns in names]
        self.weight = self._weights(self.rows)
        self.marked_weight = self._weights(self.marked)
        self.folded = {id(s): {fold(w): w for w in s} for _, sets in self.marked for s in sets}
        self.rare = math.log((max(len(self.rows), 1) + 1) / 0.5)

    @staticmethod
    def _weights(rows) -> dict[str, float]:
        df: dict[str, int] = {}
        for _, names in rows:
            for word in set().union(*names):
                df[word] = df.get(word, 0) + 1
        n = max(len(rows), 1)
        return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}

    def _common(self, a: set[str], b: set[str]) -> set[str]:
        """Words of ``b`` found in ``a``; a word typed without marks matches the marked one."""
        folded = self.folded.get(id(b)) or {}
        return {w for w in a if w in b} | {folded[w] for w in a if w not in b and w in folded and fold(w) == w}

    def _score(self, a: set[str], b: set[str], weight: dict[str, float], coverage: bool = True) -> float:
        """Weighted Dice, and only when the phrase covers most of the name's weight (COVERAGE):
        "diện tích 4,56 ha" is not "Diện tích cây chè"."""
        if not a or not b:
            return 0.0
        w = lambda x: weight.get(x, self.rare)  # noqa: E731
        both, name_total = sum(w(x) for x in self._common(a, b)), sum(w(x) for x in b)
        if coverage and both < COVERAGE * name_total:
            return 0.0
        # A phrase word no catalog name uses ("hiện nay", "toàn huyện") tells indicators apart no
        # better than the commonest word; the head-word and qualifier rules (_fits) guard the rest.
        common = min(weight.values(), default=1.0)
        return 2 * both / (sum(weight.get(x, common) for x in a) + name_total)

    def ranked(self, phrase: str, unit: str | None, alt: str, context: str = "", strict: bool = True
               ) -> list[tuple[CatalogEntry, float, set[str]]]:
        """Every entry whose head word and qualifiers fit, best first, with the words that matched.

        ``context`` is the clause the figure stands in: a qualifier there ("rừng hiện có") counts
        even when the phrase dropped it."""
        marked = _has_marks(phrase) or _has_marks(alt)
        rows, weight, tok = (self.marked, self.marked_weight, _marked_tokens) if marked else (
            self.rows, self.weight, _tokens)
        words, alt_words = tok(phrase), tok(alt) if alt else set()
        folded_phrase = _sectors(f" {fold(phrase)} {fold(context)} ")
        quals = {q for q in QUALIFIERS if f" {q} " in folded_phrase}
        # "giảm được 915 hộ nghèo", "tăng 12,4%": the figure is a change, so only a name that
        # speaks of a change fits ("Mức giảm tỷ lệ hộ nghèo", not "Số hộ nghèo")
        if change := _CHANGE_BEFORE.search(fold(context)):
            quals.add(change.group(1))
        both_poor = bool(_POOR_AND_NEAR.search(fold(phrase)))
        said_place = " dia ban " in folded_phrase
        places = _places(phrase)
        best: dict[str, tuple[CatalogEntry, float, set[str]]] = {}
        for entry, names in rows:
            # a place the name is limited to must be said: "thu ngân sách nhà nước" (all of it,
            # transfers from above included) is not "Thu ngân sách nhà nước trên địa bàn"
            if strict and not said_place and " dia ban " in f" {fold(entry.name)} ":
                continue
            if strict and places and not places & _places(" ".join((entry.name, *entry.synonyms))) \
                    and " xa " in f" {fold(entry.name)} ":
                continue  # "tỷ lệ thôn đạt chuẩn nông thôn mới" counts villages, the name communes
            if strict and both_poor and not _POOR_AND_NEAR.search(fold(entry.name)):
                continue
            penalty = _unit_penalty(entry, unit)
            for name in names:
                if strict and not self._fits(words | alt_words, name, weight, quals):
                    continue
                # rounded: a float sum depends on set order, and 1.0 x 0.6 must not fall either side of 0.6
                s = round(max(self._score(words, name, weight, strict),
                              self._score(alt_words, name, weight, strict)) * penalty, 6)
                if s > 0 and s > best.get(entry.code, (None, 0.0))[1]:
                    best[entry.code] = (entry, s, self._common(words | alt_words, name))
        return sorted(best.values(), key=lambda item: -item[1])

    def _fits(self, words: set[str], name: set[str], weight: dict[str, float], quals: set[str]) -> bool:
        """The head and qualifiers fit: the name's most telling word is in the phrase ("chè" for
        "Diện tích cây chè trồng mới"), and every qualifier of the phrase is in the name."""
        w = lambda x: weight.get(x, self.rare)  # noqa: E731
        top = max((w(x) for x in name), default=0.0)
        if not self._common(words, {x for x in name if w(x) == top}):
            return False
        folded_name = " " + " ".join(fold(x) for x in name) + " "
        folded_words = {fold(x) for x in words}
        if any(f" {g} " in folded_name and not set(g.split()) <= folded_words for g in _GRADES):
            return False  # "đảng viên hoàn thành nhiệm vụ" is not "… hoàn thành tốt nhiệm vụ"
        return all(all(f" {part} " in folded_name for part in q.split()) for q in quals)


# The poverty standard a rate is measured by is not another indicator: "tỷ lệ hộ nghèo theo tiêu chí
# mới", "… theo chuẩn nghèo đa chiều", "hộ nghèo đa chiều" are "Tỷ lệ hộ nghèo" ("hộ nghèo mới", new
# poor households, keeps its word)
_POVERTY_STANDARD = re.compile(
    r"(?<=nghèo)\s(?:theo\s(?:bộ\s)?(?:tiêu\schí|tiêu\schuẩn|chuẩn)(?:\snghèo)?(?:\s(?:mới|đa\schiều|quốc\sgia))?"
    r"(?:\s(?:giai\sđoạn\s)?\d{4}\s?[-–]\s?\d{4})?|đa\schiều)(?=[\s,;.]|$)",
    re.IGNORECASE,
)
# "giảm còn 0,5%", "giảm xuống dưới 1%", "tăng lên 92%": the figure is the level reached, not the change
# ("tăng trên 5%" is a change), and "giảm tỷ lệ hộ nghèo dưới 0,2%": the bound reached after the subject
_LEVEL_AFTER_CHANGE = re.compile(r"\s(?:giảm|tăng)(?:\s(?:xuống|lên))?\s(?:còn|dưới)\b|\s(?:giảm|tăng)\s(?:xuống|lên)\s*$",
                                 re.IGNORECASE)
_BOUND_AT_END = re.compile(r"\s(?:còn|dưới|xuống)\s*$", re.IGNORECASE)
_CHANGE_VERB = re.compile(r"(?:^|\s)(?:giảm|tăng)(?:\s(?:xuống|lên))?(?:\s(?:còn|dưới))?(?=\s|$)", re.IGNORECASE)
# "cận nghèo 4,5%" after "tỷ lệ hộ nghèo còn 4,7%,", "tỷ lệ nghèo còn 3%": poverty without its noun is of households
_POOR_WITHOUT_NOUN = re.compile(r"^((?:tỷ\slệ\s)?)(?=(?:cận\s)?nghèo\b)", re.IGNORECASE)
# and a share of (near-)poor households is their rate
_HOUSEHOLDS_POOR = re.compile(r"hộ\s(?:cận\s)?nghèo\b", re.IGNORECASE)


def _plain(text: str) -> str:
    return _POOR_WITHOUT_NOUN.sub(r"\1hộ ", _POVERTY_STANDARD.sub("", text))


_CHANGE_AFTER = re.compile(r"^(?P<subject>(?:tỷ lệ|tỷ suất)\s.+?)\s(?P<verb>giảm|tăng)\b", re.IGNORECASE)
_AREA_UNITS = {"ha", "nghìn ha", "m2", "km2"}
_MASS_UNITS = {"tấn", "nghìn tấn", "vạn tấn", "triệu tấn"}


# "toàn tỉnh đã đón 805 nghìn lượt khách", "huyện ước đón được 400.120 lượt khách", "toàn huyện thu hút
# được 1,2 triệu lượt khách": the visitors the locality itself welcomed, its tourist count (a site's visitors, "khu du lịch A đón", are not)
_LOCALITY_WELCOMES = re.compile(
    r"^(?:(?:toàn\s)?(?:tỉnh|huyện|xã|phường|thành phố|thị xã)\s)?(?:(?:ước|đã|dự kiến)\s)*(?:đón|thu\shút)(?:\sđược)?(?=\s|$)",
    re.IGNORECASE,
)
_VISITORS = re.compile(r"^(?:(?:nghìn|ngàn|triệu)\s)?lượt\s(?:du\s)?khách$", re.IGNORECASE)


def _with_unit_words(phrase: str, unit: str | None) -> str:
    """The words the unit says about what is measured: "310 ha chè" is an area ("diện tích"),
    "bình quân đạt 14,3 tiêu chí/xã" counts criteria per commune, "toàn tỉnh đón 805 nghìn lượt khách"
    the locality's visitors."""
    if unit and _VISITORS.match(unit) and (welcomes := _LOCALITY_WELCOMES.match(phrase)):
        return f"lượt khách du lịch {phrase[welcomes.end() :]}".strip()
    low = f" {phrase.lower()} "
    if unit in _AREA_UNITS and " diện tích " not in low:
        return f"diện tích {phrase}".strip()
    if unit in _MASS_UNITS and low.startswith(f" {unit} "):
        # "với 2.246 ha gieo trồng, 8.868 tấn lương thực": a product named only after its tonnes is its output
        return f"sản lượng {phrase[len(unit) :].strip()}"
    if unit == "tiêu chí" and " bình quân " in low:
        # "bình quân toàn huyện đạt 12,6 tiêu chí": an average over communes is per commune
        return f"{phrase} tiêu chí/xã"
    money = unit and ("đồng" in unit or "USD" in unit)
    if unit and "/" in unit and not money and f" {unit.split('/')[0]} " not in low:
        return f"{phrase} {unit}".strip()
    return phrase


# a standard not named after "đạt chuẩn", under a topic of the new-countryside programme said just before
_BARE_STANDARD = re.compile(r"^(?:số\s)?xã\s(?:đã\s)?đạt\schuẩn$", re.IGNORECASE)
_RURAL_TOPIC = re.compile(r"\b(?:xây\sdựng|chương\strình|lĩnh\svực|về)\s(?:nông\sthôn\smới|NTM)\b", re.IGNORECASE)


def match_catalog(facts: list[Fact], catalog: list[CatalogEntry]) -> None:
    """Set catalog_code, and fold the match score into the confidence (0 when unmatched)."""
    index = _Index(catalog)
    for fact in facts:
        sentence, offset = fact.extra.get("sentence") or "", fact.extra.get("offset") or 0
        # "có 2 thôn đạt chuẩn nông thôn mới kiểu mẫu và 2 xã đạt chuẩn …": a qualifier of the figure
        # before "và" is not this one's
        clause = re.split(r"[,;:(]|\svà\s*$", sentence[:offset])[-1][-40:]
        phrase = _with_unit_words(_plain(fact.indicator or ""), fact.unit)
        if fact.unit in ("%", "‰") and _HOUSEHOLDS_POOR.match(phrase):
            phrase = f"tỷ lệ {phrase}"  # "hộ cận nghèo 3,6%": a share of households is their rate
        level = bool(_LEVEL_AFTER_CHANGE.search(f" {phrase} ") or _LEVEL_AFTER_CHANGE.search(f" {clause}")
                     or (_BOUND_AT_END.search(clause) and _CHANGE_VERB.search(phrase)))
        if level:  # "tỷ lệ hộ nghèo giảm còn dưới 0,5%": the rate reached, "Tỷ lệ hộ nghèo"
            phrase = _CHANGE_VERB.sub(" ", phrase).strip()
        if _BARE_STANDARD.search(phrase) and _RURAL_TOPIC.search(sentence[max(0, offset - 120) : offset]):
            phrase += " nông thôn mới"  # "trong lĩnh vực xây dựng nông thôn mới có 88/150 xã đạt chuẩn": that standard
        unit = "tiêu chí/xã" if phrase.endswith(" tiêu chí/xã") and fact.unit == "tiêu chí" else fact.unit
        ranked = index.ranked(phrase, unit, fact.extra.get("alt_phrase", ""), clause)
        if not level and (change := _CHANGE_AFTER.match(phrase)):
            # "tỷ lệ hộ nghèo giảm bình quân 6,7%/năm" says "mức giảm tỷ lệ hộ nghèo" in report order
            turned = index.ranked(f"mức {change.group('verb')} {change.group('subject')}", unit, "", clause)
            ranked = sorted([*ranked, *turned], key=lambda item: -item[1])
        entry, score, words = ranked[0] if ranked and ranked[0][1] >= THRESHOLD else (None, 0.0, set())
        fact.catalog_code = entry.code if entry else None
        fact.confidence = round(fact.confidence * score, 2) if entry else 0.0
        # why: the words that matched; when unmatched, the nearest entries for the user to choose from
        fact.extra["match_words"] = sorted(words)
        if entry is None:  # the nearest names, head and qualifiers not required: for the user to choose from
            loose = index.ranked(phrase, unit, fact.extra.get("alt_phrase", ""), clause, strict=False)
            fact.extra["candidates"] = [(e.code, e.name, round(s, 2)) for e, s, _ in loose[:3]]
        else:
            fact.extra["candidates"] = []
