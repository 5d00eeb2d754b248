"""Match fact indicator phrases to catalog indicators by folded-token overlap.

The catalog is a plain list of ``CatalogEntry`` so matching does not care whether it
came from the database or from a YAML file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from .fold import fold
from .model import Fact

_STOP = set("cua va cac nhung trong nam duoc dat uoc la co tren dia ban so".split())
THRESHOLD = 0.6
COVERAGE = 0.75  # share of a catalog name's word weight the phrase must contain
# Qualifiers that change what is measured: a phrase carrying one matches only a name that
# carries it too ("giá trị sản xuất dịch vụ" is not "Tổng giá trị sản xuất", "xã đạt chuẩn
# NTM nâng cao" is not "Số xã đạt chuẩn nông thôn mới", "hộ cận nghèo" is not "hộ nghèo").
QUALIFIERS = tuple(
    fold(q) for q in (
        "nâng cao", "kiểu mẫu", "cận nghèo", "trồng mới", "hiện có", "dịch vụ", "nông nghiệp",
        "công nghiệp", "xây dựng", "thủy sản", "thuỷ sản", "lâm nghiệp", "thương mại", "du lịch",
        "nội địa", "thường xuyên", "khai thác", "quý", "tháng", "nhập khẩu", "cấp trên",
    )
)


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
    """0.6 when the fact's unit cannot be the indicator's ("36 lớp" for a count of người)."""
    if not entry.unit or not unit:
        return 1.0
    from .units import UnitMismatch, convert

    try:
        convert(Decimal(1), unit, entry.unit)
    except UnitMismatch:
        return 0.6
    return 1.0


class _Index:
    """Folded words of every catalog name and synonym, computed once per catalog.

    Words shared by many indicators ("diện tích", "tỷ lệ", "cây") weigh less than the words
    that tell indicators apart ("chè", "lúa"), so "cây lúa diện tích gieo trồng" does not
    match "Diện tích cây chè" on the common words alone.
    """

    def __init__(self, catalog: list[CatalogEntry]):
        names = [(entry, (entry.name, *entry.synonyms)) for entry in catalog]
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

    def _score(self, a: set[str], b: set[str], weight: dict[str, float]) -> float:
        """Weighted Dice, and only when the phrase covers most of the name's weight (COVERAGE):
        "diện tích 4,56 ha" is not "Diện tích cây chè"."""
        if not a or not b:
            return 0.0
        w = lambda x: weight.get(x, self.rare)  # noqa: E731
        both, name_total = sum(w(x) for x in self._common(a, b)), sum(w(x) for x in b)
        if both < COVERAGE * name_total:
            return 0.0
        # A phrase word no catalog name uses ("hiện nay", "toàn huyện") tells indicators apart no
        # better than the commonest word; the head-word and qualifier rules (_fits) guard the rest.
        common = min(weight.values(), default=1.0)
        return 2 * both / (sum(weight.get(x, common) for x in a) + name_total)

    def best(self, phrase: str, unit: str | None, alt: str) -> tuple[CatalogEntry | None, float]:
        # Marks are kept when the report has them; a phrase typed without marks is matched folded.
        marked = _has_marks(phrase) or _has_marks(alt)
        rows, weight, tok = (self.marked, self.marked_weight, _marked_tokens) if marked else (
            self.rows, self.weight, _tokens)
        words, alt_words = tok(phrase), tok(alt) if alt else set()
        best, score = None, 0.0
        folded_phrase = f" {fold(phrase)} "
        quals = {q for q in QUALIFIERS if f" {q} " in folded_phrase}
        for entry, names in rows:
            penalty = _unit_penalty(entry, unit)
            for name in names:
                if not self._fits(words | alt_words, name, weight, quals):
                    continue
                s = max(self._score(words, name, weight), self._score(alt_words, name, weight)) * penalty
                if s > score:
                    best, score = entry, s
        return (best, score) if score >= THRESHOLD else (None, score)

    def _fits(self, words: set[str], name: set[str], weight: dict[str, float], quals: set[str]) -> bool:
        """The head and qualifiers fit: the name's most telling word is in the phrase ("chè" for
        "Diện tích cây chè trồng mới"), and every qualifier of the phrase is in the name."""
        w = lambda x: weight.get(x, self.rare)  # noqa: E731
        top = max((w(x) for x in name), default=0.0)
        if not self._common(words, {x for x in name if w(x) == top}):
            return False
        folded_name = " " + " ".join(fold(x) for x in name) + " "
        return all(all(f" {part} " in folded_name for part in q.split()) for q in quals)


def best_match(
    phrase: str, catalog: list[CatalogEntry], *, unit: str | None = None, alt: str = ""
) -> tuple[CatalogEntry | None, float]:
    """Best entry by Dice of folded words over the name and synonyms (accent-insensitive).

    ``alt`` is a second reading of the phrase (the words after the number, for
    "hoàn thiện các tiêu chí tại 04 xã đạt chuẩn nông thôn mới"); the better one counts.
    """
    return _Index(catalog).best(phrase, unit, alt)


def match_catalog(facts: list[Fact], catalog: list[CatalogEntry]) -> None:
    """Set catalog_code, and fold the match score into the confidence (0 when unmatched)."""
    index = _Index(catalog)
    for fact in facts:
        entry, score = index.best(fact.indicator, fact.unit, fact.extra.get("alt_phrase", ""))
        fact.catalog_code = entry.code if entry else None
        fact.confidence = round(fact.confidence * score, 2) if entry else 0.0
