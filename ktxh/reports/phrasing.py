"""The sentences of a report's main-indicator section, in the reports' own style.

Every figure comes from an engine Evaluation (evaluation_table); this module only
chooses words and rounds for display with engine.numbers.format_number. Wording
follows seed 000 §III / §B.II and 001, e.g. "Tổng sản lượng lương thực có hạt ước
đạt 36.595,83 tấn, vượt 0,43% kế hoạch".
"""

from decimal import Decimal

from ktxh.engine.evaluate import TargetSpec
from ktxh.engine.numbers import format_number
from ktxh.engine.semantics import Comparator, Direction, MeasureKind, Status, TargetBasis
from ktxh.engine.targets import prior_label_vi, relative_target_vi

MISSING = "chưa có số liệu"
NO_TARGET = "chưa có kế hoạch để đánh giá"
NO_PRIOR = "chưa đủ số liệu năm trước để tính kế hoạch"


def figure(value: Decimal | None, places: int = 2) -> str:
    """A computed figure: half-up to `places`, trailing zeros dropped ("12,00" -> "12")."""
    if value is None:
        return ""
    text = format_number(value, places)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return "0" if text in ("-0", "") else text


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the word is an acronym (THCS, HĐND)."""
    text = text.strip()
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def quantity(value: Decimal | None, unit: str, kind: str) -> str:
    """A stored value with its unit as the reports print it: "36.595,83 tấn", "5,88%", "04 xã"."""
    if value is None:
        return MISSING
    text = format_number(value)
    if kind == MeasureKind.COUNT_UNITS and value == value.to_integral_value() and 0 <= value < 10:
        text = f"{int(value):02d}"  # the reports write "04 xã", "09/10"
    unit = (unit or "").strip()
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("%", "‰") else f"{text} {unit}"


def points_word(unit: str, kind: str | None = None) -> str:
    permille = "‰" in (unit or "") or (kind is not None and MeasureKind(kind).is_permille)
    return "điểm phần nghìn" if permille else "điểm phần trăm"


def _lower_is_better(indicator, target) -> bool:
    comparator = getattr(target, "comparator", None)
    if comparator == Comparator.GT:
        return False
    return indicator.direction == Direction.DOWN or comparator in (Comparator.LE, Comparator.LT)




def _gap(amount: Decimal, unit_word: str, relative: bool) -> str:
    return f"{figure(abs(amount))}%" if relative else f"{figure(abs(amount))} {unit_word}"


def verdict_phrase(row) -> str:
    """", vượt 0,43% kế hoạch" and its siblings, from the row's Evaluation."""
    ind, ev = row.indicator, row.evaluation
    relative = ev.excess_unit == "%"
    unit_word = points_word(ind.unit, ind.measure_kind)
    status = Status(ev.status)
    if status is Status.NO_TARGET:
        return NO_TARGET
    if status is Status.NO_PRIOR:
        return NO_PRIOR
    if status is Status.IN_PROGRESS:
        parts = []
        # A rate is a point-in-time value: its gap to the annual plan, in points, says more.
        if ev.progress is not None and (ev.excess is None or not MeasureKind(ind.measure_kind).is_rate_like):
            parts.append(f"bằng {figure(ev.progress)}% kế hoạch năm")
        elif ev.excess is not None:
            side = "cao hơn" if (ev.excess > 0) != _lower_is_better(ind, row.target) else "thấp hơn"
            side = "bằng" if ev.excess == 0 else side
            parts.append("bằng mức kế hoạch năm" if side == "bằng"
                         else f"{side} kế hoạch năm {_gap(ev.excess, unit_word, relative)}")
        return ", ".join(parts)
    if status is Status.MET:
        return "đạt kế hoạch"
    excess = ev.excess
    if status is Status.EXCEEDED:
        if excess is None:
            return "vượt kế hoạch"
        if _lower_is_better(ind, row.target):
            return f"thấp hơn kế hoạch {_gap(excess, unit_word, relative)} (vượt kế hoạch)"
        if relative:
            return f"vượt {figure(excess)}% kế hoạch"
        return f"vượt {figure(excess)} {unit_word} so với kế hoạch"
    # NOT_MET
    comparator = getattr(row.target, "comparator", None)
    if comparator in (Comparator.GT, Comparator.LT) and ev.plan is not None and excess is not None and excess == 0:
        # at a strict bound itself: "còn dưới 30%" is not met by 30%
        bound = quantity(ev.plan, ind.unit, ind.measure_kind)
        return f"bằng ngưỡng kế hoạch ({'dưới' if comparator == Comparator.LT else 'trên'} {bound}), không đạt kế hoạch"
    if relative and ev.pct_of_plan is not None and not _lower_is_better(ind, row.target):
        return f"bằng {figure(ev.pct_of_plan)}% kế hoạch, không đạt kế hoạch"
    if excess is None or excess == 0:
        return "không đạt kế hoạch"
    if ind.direction in (Direction.NONE, Direction.BAND) and getattr(row.target, "comparator", "") in (
            Comparator.EQ, Comparator.MAINTAIN):
        return f"chênh lệch {_gap(excess, unit_word, relative)} so với kế hoạch, không đạt kế hoạch"
    side = "cao hơn" if _lower_is_better(ind, row.target) else "thấp hơn"
    return f"{side} kế hoạch {_gap(excess, unit_word, relative)}, không đạt kế hoạch"


def change_phrase(row, prior_label: str) -> str:
    """"tăng 240,29 tấn (5,81%) so với cùng kỳ năm trước"; "" when no prior value."""
    change = row.evaluation.change
    if change is None:
        return ""
    unit = row.indicator.unit
    if change.abs == 0:
        return f"bằng {prior_label}"
    word = "tăng" if change.abs > 0 else "giảm"
    if change.pp is not None:
        return f"{word} {figure(abs(change.pp))} {points_word(unit, row.indicator.measure_kind)} so với {prior_label}"
    amount = quantity(abs(change.abs), unit, row.indicator.measure_kind)
    if change.rel is not None:
        return f"{word} {amount} ({figure(abs(change.rel))}%) so với {prior_label}"
    return f"{word} {amount} so với {prior_label}"


def indicator_sentence(row, prior_label: str = "cùng kỳ năm trước") -> str:
    """One indicator as the reports write it; a missing value is said, never zero."""
    ind = row.indicator
    if row.value is None or Status(row.evaluation.status) is Status.NO_DATA:
        return f"{ind.name}: {MISSING}"
    rate_like = MeasureKind(ind.measure_kind).is_rate_like
    verb = "" if rate_like else ("ước đạt " if row.value.kind == "estimate" else "đạt ")
    text = f"{ind.name} {verb}{quantity(row.value.value, ind.unit, ind.measure_kind)}"
    for phrase in (verdict_phrase(row), change_phrase(row, prior_label)):
        if phrase:
            text += f", {phrase}"
    return text


def group_paragraph(number: int, rows, prior_label: str) -> str:
    """"(2). Tổng sản lượng ... ; diện tích cây chè ... ." — one numbered group."""
    sentences = [indicator_sentence(r, prior_label) for r in rows]
    body = "; ".join([upper_first(sentences[0])] + [lower_first(s) for s in sentences[1:]])
    return f"({number}). {body}."


def _names(rows) -> str:
    return ", ".join(lower_first(r.indicator.name) for r in rows)


def summary_paragraph(table) -> str:
    """The counts before the groups, in 000 §III's form, from the engine's Summary."""
    s = table.summary
    rows = table.rows
    parts = []
    if s.groups_total:
        text = (f"Đối với các nhóm chỉ tiêu chủ yếu có {s.groups_achieved:02d}/{s.groups_total:02d} "
                "chỉ tiêu chủ yếu đạt và vượt kế hoạch")
        if s.groups_not_met:
            groups = ", ".join(lower_first(g) for g in s.not_met_groups)
            text += f"; {s.groups_not_met:02d}/{s.groups_total:02d} chỉ tiêu chủ yếu không đạt ({groups})"
        parts.append(text + ".")
    if s.components_total:
        text = (f"Đối với các chỉ tiêu thành phần có {s.components_achieved:02d}/{s.components_total:02d} "
                "chỉ tiêu đạt và vượt")
        if s.components_not_met:
            names = ", ".join(lower_first(n) for n in s.not_met_names)
            text += (f"; {s.components_not_met:02d}/{s.components_total:02d} chỉ tiêu không đạt "
                     f"kế hoạch đề ra ({names})")
        parts.append(text + ".")
    if s.components_in_progress:
        parts.append(f"Có {s.components_in_progress:02d} chỉ tiêu là số lũy kế trong kỳ, được so với "
                     "kế hoạch cả năm (tiến độ thực hiện, chưa phải kết quả đánh giá).")
    missing = [r for r in rows if Status(r.evaluation.status) is Status.NO_DATA]
    if missing:
        parts.append(f"Còn {len(missing):02d} chỉ tiêu {MISSING} ({_names(missing)}).")
    untargeted = [r for r in rows if Status(r.evaluation.status) is Status.NO_TARGET]
    if untargeted:
        parts.append(f"Có {len(untargeted):02d} chỉ tiêu {NO_TARGET} ({_names(untargeted)}).")
    no_prior = [r for r in rows if Status(r.evaluation.status) is Status.NO_PRIOR]
    if no_prior:
        parts.append(f"Có {len(no_prior):02d} chỉ tiêu có kế hoạch so với năm trước nhưng {NO_PRIOR} "
                     f"({_names(no_prior)}).")
    if not parts:
        return f"Chưa có chỉ tiêu chủ yếu nào có kế hoạch hoặc số liệu trong kỳ: {MISSING}."
    return " ".join(parts) + " Cụ thể như sau:"


# as the plans write them: "còn dưới 30%" (004), "Trên 93%" (004), "Từ 98% trở lên" (004)
_TARGET_WORDS = {Comparator.GT: "trên ", Comparator.LT: "dưới ", Comparator.LE: "không quá ",
                 Comparator.MAINTAIN: "duy trì "}


def target_sentence(row) -> str:
    """A next-period target as 000 §B.II writes it: "Tổng sản lượng lương thực có hạt đạt 36.100 tấn",
    "Tỷ lệ hộ nghèo dưới 30%", "Tổng lượt khách du lịch tăng 10% so với năm 2023"."""
    ind, target = row.indicator, row.target
    if target is None or target.value is None:
        return f"{ind.name}: chưa có kế hoạch"
    if TargetBasis(target.basis).is_relative:
        spec = TargetSpec(Comparator(target.comparator), target.value, target.value_high, TargetBasis(target.basis))
        return f"{ind.name} {relative_target_vi(spec, ind.unit, ind.measure_kind, prior_label_vi(target.period))}"
    if target.comparator == Comparator.GE:
        verb = "" if MeasureKind(ind.measure_kind).is_rate_like else "đạt "
        return f"{ind.name} {verb}từ {quantity(target.value, ind.unit, ind.measure_kind)} trở lên"
    if target.comparator == Comparator.RANGE:
        low = quantity(target.value, "", ind.measure_kind)
        return f"{ind.name} từ {low} đến {quantity(target.value_high, ind.unit, ind.measure_kind)}"
    word = _TARGET_WORDS.get(Comparator(target.comparator), "")
    if not MeasureKind(ind.measure_kind).is_rate_like and target.comparator in (Comparator.EQ, Comparator.GT):
        word = "đạt " + word  # "đạt trên 35.000 tấn" (004)
    return f"{ind.name} {word}{quantity(target.value, ind.unit, ind.measure_kind)}"


def targets_paragraphs(table) -> list[str]:
    """The next year's main indicators: the counts line, then one paragraph per group."""
    groups = [(g, [r for r in rows if r.target is not None]) for g, rows in table.groups]
    groups = [(g, rows) for g, rows in groups if rows]
    if not groups:
        return [f"Chưa có chỉ tiêu kế hoạch {table.period.label_vi.lower()}: {MISSING}."]
    count = sum(len(rows) for _, rows in groups)
    out = [f"Nhóm chỉ tiêu chủ yếu có {len(groups):02d} chỉ tiêu, các chỉ tiêu thành phần trong nhóm "
           f"các chỉ tiêu chủ yếu có {count:02d} chỉ tiêu."]
    for number, (_, rows) in enumerate(groups, 1):
        sentences = [target_sentence(r) for r in rows]
        body = "; ".join([upper_first(sentences[0])] + [lower_first(s) for s in sentences[1:]])
        out.append(f"({number}). {body}.")
    return out
