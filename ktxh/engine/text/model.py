"""Records produced by the extractor and the checker (plain data, JSON-friendly)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

FACT_FIELDS = (
    "indicator", "value", "unit", "period", "kind", "org_unit", "quote", "line", "start",
    "end", "pct_of_plan", "plan_value", "excess", "excess_unit", "change_vs_prior",
    "change_unit", "status", "catalog_code", "confidence", "comparator", "basis",
)  # fmt: skip
FINDING_FIELDS = ("type", "message", "line", "quote", "stated", "computed")
_DECIMAL_FIELDS = ("value", "pct_of_plan", "plan_value", "excess", "change_vs_prior")
# what a stored extraction keeps of a fact's working notes: the review page shows them
_STORED_EXTRA = ("match_words", "candidates")


def _json_value(v):
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral() else format(v, "f")
    return v


@dataclass
class Fact:
    indicator: str
    value: Decimal
    unit: str | None
    quote: str
    line: int
    start: int
    end: int
    period: str | None = None
    kind: str = "actual"  # actual | estimate | target
    org_unit: str | None = None
    pct_of_plan: Decimal | None = None
    plan_value: Decimal | None = None
    excess: Decimal | None = None
    excess_unit: str | None = None  # "%" relative, "pp" points, or the value's unit
    change_vs_prior: Decimal | None = None
    change_unit: str | None = None  # "%", "pp", "% of prior", or the value's unit
    status: str | None = None  # exceeded | met | not_met (as stated in the text)
    catalog_code: str | None = None
    confidence: float = 0.8
    comparator: str = "="  # =, >=, >, <=, <, ~, maintain: strict bounds kept as written
    basis: str = "absolute"  # a target stated against last year: prior_pct | prior_points
    raw: str = ""
    in_footnote: bool = False
    extra: dict = field(default_factory=dict)  # working notes for checks, never output

    def to_dict(self) -> dict:
        return {name: _json_value(getattr(self, name)) for name in FACT_FIELDS}

    def to_stored(self) -> dict:
        """JSON for storing an extraction (imports: read once, reviewed many times); exact
        decimals as strings, and the notes the review shows."""
        out = {name: getattr(self, name) for name in FACT_FIELDS}
        for name in _DECIMAL_FIELDS:
            out[name] = None if out[name] is None else str(out[name])
        out["raw"], out["in_footnote"] = self.raw, self.in_footnote
        out["extra"] = {k: self.extra[k] for k in _STORED_EXTRA if k in self.extra}
        return out

    @classmethod
    def from_stored(cls, data: dict) -> Fact:
        values = {k: v for k, v in data.items() if k != "extra"}
        for name in _DECIMAL_FIELDS:
            if values.get(name) is not None:
                values[name] = Decimal(values[name])
        extra = dict(data.get("extra") or {})
        if "candidates" in extra:
            extra["candidates"] = [tuple(c) for c in extra["candidates"]]
        return cls(**values, extra=extra)


@dataclass
class Finding:
    type: str
    message: str
    line: int
    quote: str
    stated: str | None = None
    computed: str | None = None
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in FINDING_FIELDS}

    def to_stored(self) -> dict:
        return {**self.to_dict(), "start": self.start, "end": self.end}

    @classmethod
    def from_stored(cls, data: dict) -> Finding:
        return cls(**data)
