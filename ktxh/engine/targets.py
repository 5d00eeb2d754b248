"""Targets as people write them: "dưới 30%", "trên 93%", "tăng 8% so với cùng kỳ",
"giảm 5,43 điểm %". Reading them into a TargetSpec and writing a TargetSpec back in
the same words, so the loader, the forms and the reports all say it one way."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from .evaluate import TargetSpec
from .numbers import NumberFormatError, format_number, parse_quantity
from .periods import Period
from .semantics import Comparator, MeasureKind, TargetBasis

__all__ = ["parse_target", "prior_label_vi", "relative_target_vi", "target_text_vi", "target_words_vi"]

_CHANGE_RE = re.compile(r"^(?:(?:phấn đấu|dự kiến|kế hoạch)\s+)?(tăng|giảm)\s+(.+)$", re.S)
_PRIOR_RE = re.compile(r"^(?:cùng kỳ(?: năm trước)?|năm trước|kỳ trước|năm \d{4})(?:\W|$)")
_POINT_WORDS = ("điểm phần trăm", "điểm phần nghìn", "điểm %", "điểm ‰", "điểm")
# "giảm trên 5%" lowers the plan by more than 5 %: the bound flips with the verb.
_FLIP = {Comparator.GT: Comparator.LT, Comparator.LT: Comparator.GT,
         Comparator.GE: Comparator.LE, Comparator.LE: Comparator.GE}


def _bad(text: str, why: str) -> NumberFormatError:
    return NumberFormatError(f"Không đọc được chỉ tiêu kế hoạch {text!r}: {why}")


def parse_target(text: str, kind: MeasureKind | str | None = None) -> TargetSpec:
    """Read a written target. "tăng/giảm X% (so với cùng kỳ)" is a change in % of last
    year's value; "tăng/giảm X điểm %" (or X in the indicator's unit, "tăng 500 tấn") a
    change in points. For a rate, "tăng 2%" could mean either, so it is refused with a
    request to write "điểm %" or "% so với cùng kỳ" (domain.md §4)."""
    if not isinstance(text, str):
        raise _bad(str(text), "không phải chuỗi ký tự")
    s = " ".join(unicodedata.normalize("NFC", text).strip().lower().split())
    s = re.sub(r"%\s*o(?![^\W\d_])", "‰", s)
    m = _CHANGE_RE.match(s)
    if not m:
        return TargetSpec.from_quantity(parse_quantity(text))
    verb, rest = m.groups()
    rest, said_prior, tail = rest.partition(" so với ")
    if said_prior and not _PRIOR_RE.match(tail.strip()):
        raise _bad(text, "chỉ so được với cùng kỳ năm trước ('so với cùng kỳ', 'so với năm 2023')")
    rest = rest.strip(" ,")
    points = False
    for word in _POINT_WORDS:
        if word in rest:
            points, rest = True, " ".join(rest.replace(word, " ").split())
            break
    q = parse_quantity(rest)
    spec = TargetSpec.from_quantity(q)
    if spec.comparator is Comparator.MAINTAIN:
        raise _bad(text, "'duy trì' không đi cùng 'tăng/giảm'")
    if points:
        basis = TargetBasis.PRIOR_POINTS
    elif q.unit == "%":
        if kind is not None and MeasureKind(kind).is_rate_like and not said_prior:
            raise _bad(text, "với một tỷ lệ, ghi rõ 'điểm %' (điểm phần trăm) hay '% so với cùng kỳ'")
        basis = TargetBasis.PRIOR_PCT
    else:
        basis = TargetBasis.PRIOR_POINTS  # a change in the indicator's own unit: "tăng 500 tấn"
    sign = -1 if verb == "giảm" else 1
    comparator = _FLIP.get(spec.comparator, spec.comparator) if sign < 0 else spec.comparator
    value = None if spec.value is None else sign * spec.value
    high = None if spec.high is None else sign * spec.high
    if comparator is Comparator.RANGE and sign < 0:
        value, high = high, value
    if basis is TargetBasis.PRIOR_PCT and min(x for x in (value, high) if x is not None) <= -100:
        raise _bad(text, "giảm từ 100% trở lên")
    return TargetSpec(comparator, value, high, basis)


_WORDS_UP = {Comparator.GT: "trên ", Comparator.GE: "ít nhất ", Comparator.LT: "dưới ",
             Comparator.LE: "không quá ", Comparator.MAINTAIN: "duy trì "}


def _unit_text(amount: str, unit: str) -> str:
    unit = (unit or "").strip()
    if not unit:
        return amount
    return f"{amount}{unit}" if unit in ("%", "‰") else f"{amount} {unit}"


def target_words_vi(spec: TargetSpec, unit: str) -> str:
    """An absolute target in the plans' words: "dưới 30%", "trên 250 người", "duy trì 100%",
    "từ 300 đến 500 ha", "từ 98% trở lên" (004); a plain "=" target is the number alone."""
    if spec.comparator is Comparator.RANGE:
        return f"từ {format_number(spec.value)} đến {_unit_text(format_number(spec.high), unit)}"
    if spec.comparator is Comparator.GE:
        return f"từ {_unit_text(format_number(spec.value), unit)} trở lên"
    return _WORDS_UP.get(spec.comparator, "") + _unit_text(format_number(spec.value), unit)


def relative_target_vi(spec: TargetSpec, unit: str, kind: MeasureKind | str,
                       prior_label: str = "cùng kỳ năm trước") -> str:
    """A target stated against last year, as people write it: "tăng 8% so với cùng kỳ năm
    trước", "giảm 5,43 điểm phần trăm so với năm 2023", "tăng trên 500 tấn so với ..."."""
    basis, kind = TargetBasis(spec.basis), MeasureKind(kind)
    lowest = min(x for x in (spec.value, spec.high) if x is not None)
    down = lowest < 0 or (lowest == 0 and spec.comparator in (Comparator.LT, Comparator.LE))
    comparator = _FLIP.get(spec.comparator, spec.comparator) if down else spec.comparator
    if basis is TargetBasis.PRIOR_PCT:
        suffix = "%"
    elif kind.is_permille:
        suffix = " điểm phần nghìn"
    elif kind.is_rate_like:
        suffix = " điểm phần trăm"
    else:
        suffix = f" {unit}".rstrip() if unit else ""
    if comparator is Comparator.RANGE:
        a, b = sorted(abs(x) for x in (spec.value, spec.high) if x is not None)
        amount = f"{format_number(a)}–{format_number(b)}"
    else:
        amount = _WORDS_UP.get(comparator, "") + format_number(abs(spec.value or Decimal(0)))
    return f"{'giảm' if down else 'tăng'} {amount}{suffix} so với {prior_label}"


def target_text_vi(spec: TargetSpec, unit: str, kind: MeasureKind | str, prior_label: str) -> str:
    """Any target in words: relative ones against ``prior_label`` ("năm 2023")."""
    if TargetBasis(spec.basis).is_relative:
        return relative_target_vi(spec, unit, kind, prior_label)
    return target_words_vi(spec, unit)


def prior_label_vi(target_period: str) -> str:
    """"năm 2023" for a 2024 target: the period a target stated against last year is
    measured from, as the text after "so với" says it."""
    label = Period.parse(target_period).same_period_last_year().label_vi
    return label[:1].lower() + label[1:]
