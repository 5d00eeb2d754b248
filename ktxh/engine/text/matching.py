"""Match fact indicator phrases to catalog indicators by folded-token overlap.

The catalog is a plain list of ``CatalogEntry`` so matching does not care whether it
came from the database or from a YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fold import fold
from .model import Fact

_STOP = set("cua va cac nhung trong nam duoc dat uoc la co tren dia ban so".split())
THRESHOLD = 0.6


@dataclass(frozen=True)
class CatalogEntry:
    code: str
    name: str
    synonyms: tuple[str, ...] = ()


def _tokens(text: str) -> set[str]:
    return {w for w in fold(text).replace(",", " ").replace("/", " ").split() if w not in _STOP}


def similarity(phrase: str, name: str) -> float:
    """Dice coefficient of folded content words."""
    a, b = _tokens(phrase), _tokens(name)
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def best_match(phrase: str, catalog: list[CatalogEntry]) -> tuple[CatalogEntry | None, float]:
    best, score = None, 0.0
    for entry in catalog:
        for name in (entry.name, *entry.synonyms):
            s = similarity(phrase, name)
            if s > score:
                best, score = entry, s
    return (best, score) if score >= THRESHOLD else (None, score)


def match_catalog(facts: list[Fact], catalog: list[CatalogEntry]) -> None:
    for fact in facts:
        entry, _ = best_match(fact.indicator, catalog)
        fact.catalog_code = entry.code if entry else None
