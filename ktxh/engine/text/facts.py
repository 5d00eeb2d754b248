"""Sentence-level fact extraction: "sản lượng ước đạt 36.595,83 tấn (vượt 0,43%KH)".

Each number followed by a unit opens a fact; the numbers that follow it in the same
sentence and are introduced by "đạt/bằng X% KH", "vượt X", "tăng/giảm X so với ..."
annotate that fact instead of opening a new one.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .context import DocContext
from .model import Fact
from .normalize import Document, Segment
from .patterns import (
    AFTER_PLAN_RE,
    AFTER_PRIOR_RE,
    BARE_RE,
    CHANGE_CUE_RE,
    COMPARATOR_RE,
    COMPARATORS,
    EXCESS_CUE_RE,
    PCT_OF_PLAN_RE,
    QUANTITY_RE,
    STATUS_RE,
    clean_unit,
    to_decimal,
)

_SENTENCE_END = re.compile(r"\n|;|\.(?=\s+[-+A-ZĐÀ-Ỹ(\d])|\.\s*$")
_PHRASE_BOUNDARY = re.compile(r"[,;:()\n]|\bso với\b|\bvà\b|\bvới\b(?!\s+(?:tổng|số))")
_LEADING_JUNK = re.compile(
    r"^(?:[-+•–*]\s*|\(?\d+\)\.?\s*|\(?[ivx]+\)\s*|\d+(?:\.\d+)*\.\s*|trong đó\s*|"
    r"đồng thời\s*|riêng\s*|cụ thể\s*|gồm\s*|bao gồm\s*|tổng số\s(?=\d)|đến nay\s*|"
    r"kết quả\s*|nâng tổng\s*|hiện có\s*|có\s+)+",
    re.IGNORECASE,
)
_TRAILING_JUNK = re.compile(
    r"(?:\s+|^)(?:ước\s(?:tính\s)?(?:đạt|thực hiện(?: được)?)|ước tính|dự ước(?: đạt)?|ước|đạt được|"
    r"đạt|thực hiện được|thực hiện|được|là|có|hiện có|còn|bằng|khoảng|trên|dưới|xuống dưới|"
    r"còn dưới|từ|gần|tối thiểu|ít nhất|tối đa|duy trì|lên|xuống|đến nay|trong năm|"
    r"năm 20\d\d|phấn đấu|dự kiến|với|tổng|đã|cho|tại)$",
    re.IGNORECASE,
)
_AFTER_NOUN_STOP = re.compile(
    r"[,;:().\n]|\s(?:đạt|tăng|giảm|vượt|bằng|so với|trong đó|với|tại|của|do|để|cho|"
    r"được|là|đã|theo|trên|từ|và|hiện)\b",
    re.IGNORECASE,
)
_ESTIMATE = re.compile(r"\b(?:ước|dự ước|dự kiến|ước tính)\b", re.IGNORECASE)
_TARGET = re.compile(r"\b(?:phấn đấu|chỉ tiêu giao|mục tiêu|kế hoạch giao)\b", re.IGNORECASE)
_COMMUNE = re.compile(r"\b((?:xã|thị trấn)\s(?:[A-ZĐÀ-Ỹ][^\s,.;:()]*\s?){1,3})")
_YEAR = re.compile(r"(?<!so với )năm\s(20\d\d)")
_RATE_UNITS = {"%", "‰"}
_PLAN_AFTER_UNIT = re.compile(r"\s?/\s?(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s?")


def _sentences(text: str):
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group() == ";" and text.count("(", start, m.start()) > text.count(")", start, m.start()):
            continue  # "271.034 (đầu tư 136.502; sự nghiệp 135.000)": one sentence
        if m.end() > start:
            yield start, m.end()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _clean_phrase(text: str) -> str:
    phrase = " ".join(text.split()).strip(" -+–")
    for _ in range(4):
        new = _LEADING_JUNK.sub("", phrase).strip()
        new = _TRAILING_JUNK.sub("", new).strip(" -+–")
        if new == phrase:
            break
        phrase = new
    words = phrase.split()
    return " ".join(words[-20:]).lower()


_HEAD_NOUN = re.compile(
    r"^\s*(?:tỷ lệ|tỷ suất|số|tổng|mức|tốc độ|giá trị|diện tích|sản lượng|thu nhập|bình quân)\b",
    re.IGNORECASE,
)


def _phrase_start(region: str, cuts: list[re.Match]) -> int:
    """Start of the phrase: after the last boundary, or back across "thôn, bản" / "và"
    lists when an earlier chunk (within three) opens with an indicator head noun."""
    start = cuts[-1].end() if cuts else 0
    for k in range(len(cuts) - 1, max(-1, len(cuts) - 4), -1):
        if cuts[k].group() not in (",", "và"):
            break
        chunk_start = cuts[k - 1].end() if k > 0 else 0
        chunk = region[chunk_start : cuts[k].start()]
        if re.search(r"\d", chunk) or len(chunk.split()) > 12:
            break
        if _HEAD_NOUN.match(chunk):
            return chunk_start
    return start


def _phrase_before(sentence: str, pos: int, floor: int) -> str:
    """The noun phrase that ends at ``pos``: back to a comma/colon/bracket or ``floor``."""
    region = sentence[floor:pos]
    cuts = [m for m in _PHRASE_BOUNDARY.finditer(region)]
    phrase = _clean_phrase(region[_phrase_start(region, cuts) :])
    if not phrase and cuts and cuts[-1].group() == ":":
        earlier = region[: cuts[-1].start()]
        prev = [m for m in _PHRASE_BOUNDARY.finditer(earlier)]
        phrase = _clean_phrase(earlier[prev[-1].end() :] if prev else earlier)
    return phrase


def _noun_after(sentence: str, pos: int) -> str:
    rest = sentence[pos : pos + 80]
    if not rest[:1].isspace() and rest[:1] not in ("",):
        return ""
    m = _AFTER_NOUN_STOP.search(rest)
    words = (rest[: m.start()] if m else rest).split()[:6]
    if not words or not words[0][:1].isalpha() or words[0][:1].isupper():
        return ""
    return " ".join(words).lower()


def _matches(sentence: str):
    found = [(m, False) for m in QUANTITY_RE.finditer(sentence)]
    taken = [(m.start(), m.end()) for m, _ in found]
    for m in BARE_RE.finditer(sentence):
        if not any(a <= m.start() < b for a, b in taken):
            found.append((m, True))
    return sorted(found, key=lambda item: item[0].start())


class _Extractor:
    def __init__(self, doc: Document, ctx: DocContext):
        self.doc, self.ctx = doc, ctx
        self.facts: list[Fact] = []

    def run(self) -> list[Fact]:
        for seg in self.doc.segments:
            for a, b in _sentences(seg.text):
                self._sentence(seg, a, seg.text[a:b])
        return self.facts

    def _sentence(self, seg: Segment, base: int, sentence: str) -> None:
        current: Fact | None = None
        last_end = 0
        for m, bare in _matches(sentence):
            value = to_decimal(m.group("value"))
            if value is None:
                continue
            unit = None if bare else clean_unit(m.group("unit1") or m.group("unit"))
            before = sentence[last_end : m.start()]
            after = sentence[m.end() : m.end() + 40]
            if current is not None and self._annotate(current, value, unit, before, after, m):
                last_end = m.end()
                continue
            if bare:
                continue
            current = self._new_fact(seg, base, sentence, m, value, unit, last_end)
            last_end = m.end()
            plan = _PLAN_AFTER_UNIT.match(sentence, m.end())
            if plan and unit and current.plan_value is None and (
                sentence.startswith(unit, plan.end()) or sentence[plan.end() : plan.end() + 1] in ",;)"
            ):
                current.plan_value = to_decimal(plan.group(1))  # "146,51km/187,62km"
                last_end = plan.end() + (len(unit) if sentence.startswith(unit, plan.end()) else 0)

    def _annotate(self, fact, value, unit, before, after, m) -> bool:
        """Attach a follow-up number to ``fact``; False if it is a fact of its own."""
        if len(before) > 90:
            return False
        rel_to_plan = AFTER_PLAN_RE.match(after) is not None
        rel_to_prior = AFTER_PRIOR_RE.match(after) is not None
        if unit == "%" and PCT_OF_PLAN_RE.search(before[-25:] if "(" not in before[-25:] else before[before.rfind("(") :]):
            if rel_to_plan or (not rel_to_prior and fact.pct_of_plan is None and "so" not in after[:4]):
                if fact.pct_of_plan is None:
                    fact.pct_of_plan = value
                return True
            if rel_to_prior:
                fact.change_vs_prior, fact.change_unit = value, "% of prior"
                return True
        if EXCESS_CUE_RE.search(before) and (rel_to_plan or unit not in _RATE_UNITS):
            fact.excess = value
            fact.excess_unit = self._excess_unit(fact, unit)
            fact.status = fact.status or "exceeded"
            return True
        cue = CHANGE_CUE_RE.search(before)
        if cue and (rel_to_prior or unit == fact.unit or unit == "%"):
            sign = -1 if cue.group(1).lower() in ("giảm", "thấp hơn", "ít hơn") else 1
            fact.change_vs_prior = sign * value
            fact.change_unit = unit if unit not in _RATE_UNITS or fact.unit not in _RATE_UNITS else (
                "pp" if unit == fact.unit else unit
            )
            return True
        return False

    @staticmethod
    def _excess_unit(fact: Fact, unit: str | None) -> str | None:
        if unit == "%":
            return "pp" if fact.unit in _RATE_UNITS else "%"
        if unit is None:
            return "pp" if fact.unit in _RATE_UNITS else fact.unit
        return "pp" if unit == "‰" and fact.unit == "‰" else unit

    def _new_fact(self, seg, base, sentence, m, value, unit, floor) -> Fact:
        phrase = _phrase_before(sentence, m.start(), 0)
        noun = "" if unit in _RATE_UNITS else _noun_after(sentence, m.end())
        if noun:
            phrase = f"{phrase} {noun}".strip()
        elif not phrase and unit in _RATE_UNITS:
            phrase = _noun_after(sentence, m.end())
        cmp_match = COMPARATOR_RE.search(sentence[max(0, m.start() - 14) : m.start()])
        start, end = self.doc.span(seg, base + m.start(), base + m.end())
        head = sentence[:m.start()]
        fact = Fact(
            indicator=phrase,
            value=value,
            unit=unit,
            quote=self.doc.original[start:end],
            line=self.doc.line_of(start),
            start=start,
            end=end,
            raw=m.group(0),
            in_footnote=seg.kind == "footnote",
            comparator=COMPARATORS[cmp_match.group("c").lower()] if cmp_match else "=",
        )
        if m.group("plan"):
            fact.plan_value = to_decimal(m.group("plan"))
        section = self.ctx.section_at(seg.offsets and base) if seg.kind == "body" else None
        is_plan = bool(section and section.is_plan)
        year = section.year if section else self.ctx.year
        fact.period = f"{year}{'' if is_plan else self.ctx.half}" if year else None
        years = _YEAR.findall(head[-60:])
        if years and not AFTER_PRIOR_RE.search(head[-30:]):
            fact.period = years[-1] if (is_plan or years[-1] != str(self.ctx.year)) else fact.period
        if is_plan or _TARGET.search(head):
            fact.kind = "target"
        elif _ESTIMATE.search(head[-60:]):
            fact.kind = "estimate"
        commune = _COMMUNE.search(head[-80:])
        fact.org_unit = " ".join(commune.group(1).split()) if commune else self.ctx.org_unit
        status = STATUS_RE.match(sentence[m.end() : m.end() + 30].lstrip())
        if status:
            word = status.group("s").lower()
            fact.status = {"vượt": "exceeded", "đạt": "met"}.get(word, "not_met")
        fact.confidence = 0.9 if unit and len(phrase.split()) >= 2 else 0.6
        fact.extra["sentence"] = sentence
        fact.extra["offset"] = m.start()
        self.facts.append(fact)
        return fact


def extract(doc: Document, ctx: DocContext) -> list[Fact]:
    return _Extractor(doc, ctx).run()


def resolve_excess(fact: Fact) -> None:
    """With value and plan both known, pick the excess reading the numbers support."""
    if fact.excess is None or fact.plan_value in (None, Decimal(0)) or fact.excess_unit not in ("%", "pp"):
        return
    relative = (fact.value / fact.plan_value - 1) * 100
    points = fact.value - fact.plan_value
    if abs(relative - fact.excess) < abs(points - fact.excess):
        fact.excess_unit = "%"
    else:
        fact.excess_unit = "pp"
