"""Run the quality rules for a unit (and its subtree) and period; record follow-ups.

Every figure is checked by ktxh.engine.rules (and % of plan by ktxh.engine.evaluate
through evaluation.adapter.evaluate_row); this module only fetches values and stores
what fired.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from ktxh.catalog.models import Indicator, Target
from ktxh.core.writes import write_transaction
from ktxh.engine.aggregate import aggregate
from ktxh.engine.numbers import format_number
from ktxh.engine.periods import Period, previous_period
from ktxh.engine.rules import (
    Finding,
    Ref,
    RuleError,
    RuleSpec,
    check_rule,
    check_stated_percent,
    stated_percent_of_plan,
)
from ktxh.engine.semantics import Aggregation
from ktxh.evaluation.adapter import evaluate_row
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of, subtree
from ktxh.quality.models import Rule, Violation
from ktxh.values.models import DataValue
from ktxh.values.selectors import best_by

OP_TEXT = {"=": "=", "<=": "≤", ">=": "≥", "<": "<", ">": ">", "jump": "đột biến so với"}
REF_TEXT = {"value": "", "prev": "kỳ trước ", "plan": "kế hoạch ", "children": "tổng các xã ", "units": "số đơn vị "}


class QualityError(ValueError):
    pass


@dataclass
class RunResult:
    unit: OrgUnit
    period: str
    rules: int
    found: int
    new: int
    resolved: int
    broken: dict = field(default_factory=dict)  # rule code -> why it could not be read


class Facts:
    """Values, targets and child units of a subtree for the periods a run needs."""

    def __init__(self, units: list[OrgUnit], periods: list[str]):
        self.units = {u.pk: u for u in units}
        rows = DataValue.objects.filter(org_unit__in=units, period__in=periods).select_related("indicator")
        self.values: dict[tuple[str, int, str], DataValue] = best_by(
            ((row.indicator.code, row.org_unit_id, row.period), row) for row in rows)
        self.targets = {(t.indicator.code, t.org_unit_id, t.period): t for t in
                        Target.objects.filter(org_unit__in=units, period__in=periods).select_related("indicator")}
        self.children: dict[int, list[OrgUnit]] = {}
        for u in units:
            if u.parent_id in self.units:
                self.children.setdefault(u.parent_id, []).append(u)

    def value(self, code: str, unit_id: int, period: str) -> Decimal | None:
        row = self.values.get((code, unit_id, period))
        return row.value if row else None

    def existing_children(self, unit: OrgUnit, period: Period) -> list[OrgUnit]:
        return [c for c in self.children.get(unit.pk, [])
                if (c.valid_from is None or c.valid_from <= period.end)
                and (c.valid_to is None or c.valid_to >= period.start)]


def _resolver(facts: Facts, unit: OrgUnit, period: Period, log: list):
    prev = previous_period(period).code

    def resolve(ref: Ref) -> Decimal | None:
        if ref.func == "value":
            out = facts.value(ref.code, unit.pk, period.code)
        elif ref.func == "prev":
            out = facts.value(ref.code, unit.pk, prev)
        elif ref.func == "plan":
            target = facts.targets.get((ref.code, unit.pk, period.code))
            out = target.value if target else None
        elif ref.func == "children":
            kids = facts.existing_children(unit, period)
            out = aggregate(Aggregation.SUM, [facts.value(ref.code, c.pk, period.code) for c in kids])
        else:  # units(kind)
            kids = facts.existing_children(unit, period)
            out = Decimal(sum(1 for c in kids if ref.code == "any" or c.kind == ref.code))
        log.append((ref, out))
        return out

    return resolve


def _indicators_for(rule: Rule, indicators: dict[str, Indicator]) -> list[str | None]:
    sel = rule.applies_to.strip()
    if not sel:
        return [None]
    if sel == "*":
        return list(indicators)
    if sel.startswith("kind:"):
        return [c for c, i in indicators.items() if i.measure_kind == sel[5:].strip()]
    if sel.startswith("agg:"):
        return [c for c, i in indicators.items() if i.aggregation == sel[4:].strip()]
    if sel.startswith("unit:"):
        return [c for c, i in indicators.items() if i.unit == sel[5:].strip()]
    return [c.strip() for c in sel.split(",") if c.strip() in indicators]


def _spec(rule: Rule) -> RuleSpec:
    return RuleSpec(rule.code, rule.name, rule.left, rule.op, rule.right, rule.tolerance, rule.factor)


def _describe(rule: Rule, finding: Finding, log) -> tuple[str, list[dict]]:
    details = [{"ref": f"{REF_TEXT.get(r.func, '')}{r.code}".strip(), "func": r.func, "code": r.code,
                "value": format_number(v) if v is not None else ""} for r, v in log]
    if rule.op == "between":
        text = f"{format_number(finding.left)} nằm ngoài khoảng {format_number(finding.low)} – {format_number(finding.high)}"
    else:
        text = f"{format_number(finding.left)} không {OP_TEXT[rule.op]} {format_number(finding.right)}"
        if rule.op == "jump":
            text = f"{format_number(finding.left)} so với kỳ trước {format_number(finding.right)}: chênh lệch trên {format_number(rule.factor)} lần"
    return f"{rule.name}: {text}", details


def _stated_percent_findings(facts: Facts, unit: OrgUnit, period: Period):
    """Values whose text states "đạt X% kế hoạch" that the engine does not reproduce."""
    target_period = period.plan_period()
    for (code, unit_id, p), row in facts.values.items():
        if unit_id != unit.pk or p != period.code:
            continue
        for text in (row.comment, row.source_quote, row.raw_text):
            stated = stated_percent_of_plan(text)
            if stated is None:
                continue
            target = facts.targets.get((code, unit_id, target_period.code))
            ev = evaluate_row(row.indicator, target, row.value, None, period)
            if not check_stated_percent(stated[0], stated[1], ev.pct_of_plan):
                yield code, stated, ev.pct_of_plan, row, target
            break


BATCH = 500  # units checked between two progress steps (a 742-unit province: 2 steps)


def quality_run(*, unit: OrgUnit, period: Period | str, actor=None, progress=None) -> RunResult:
    """Check every active rule in ``unit`` and its subtree for ``period``; store new
    violations, refresh the ones that still fire and close the ones that no longer do.

    ``progress(step, steps, label)``, when given, is told each step (quality/jobs.py shows
    it): reading, each batch of BATCH units, storing. The checks only read (one snapshot
    of the values, read first); only the store is a write transaction, so it stays short."""
    current = Period.of(period)
    periods = {current.code, previous_period(current).code, current.plan_period().code}
    units = list(subtree(unit).order_by("path"))
    batches = [units[i:i + BATCH] for i in range(0, len(units), BATCH)] or [[]]
    steps = len(batches) + 2
    tell = progress or (lambda step, steps, label: None)
    tell(1, steps, f"Đọc số liệu của {format_number(Decimal(len(units)))} đơn vị")
    facts = Facts(units, sorted(periods))
    indicators = {i.code: i for i in Indicator.objects.all()}
    province = province_of(unit)
    rules = list(Rule.objects.filter(is_active=True))
    kinds = {rule.pk: {k.strip() for k in rule.unit_kinds.split(",") if k.strip()} for rule in rules}
    broken: dict[str, str] = {}
    specs: dict[int, RuleSpec] = {}
    for rule in rules:
        if rule.kind == Rule.Kind.STATED_PERCENT:
            continue
        spec = _spec(rule)
        try:
            spec.parsed()
            specs[rule.pk] = spec
        except RuleError as exc:  # never let one unreadable rule block a submission
            if any(not kinds[rule.pk] or u.kind in kinds[rule.pk] for u in units):
                broken[rule.code] = str(exc)
    fired: dict[tuple, dict] = {}
    for number, batch in enumerate(batches, start=1):
        tell(1 + number, steps, f"Kiểm tra nhóm đơn vị {number}/{len(batches)}")
        for rule in rules:
            for u in batch:
                if kinds[rule.pk] and u.kind not in kinds[rule.pk]:
                    continue
                if rule.kind == Rule.Kind.STATED_PERCENT:
                    _fire_stated_percent(fired, rule, facts, u, current, indicators)
                elif rule.pk in specs:
                    _fire_compare(fired, rule, specs[rule.pk], facts, u, current, indicators)
    tell(steps, steps, "Lưu kết quả")
    result = _store(province, unit, units, current.code, fired, rules)
    result.broken = broken
    return result


def _fire_stated_percent(fired, rule, facts, u, current, indicators) -> None:
    for code, stated, computed, row, target in _stated_percent_findings(facts, u, current):
        msg = (f"{rule.name}: báo cáo ghi đạt {format_number(stated[0])}% kế hoạch, "
               f"tính lại được {format_number(computed, 2) if computed is not None else 'không tính được'}%")
        fired[(rule.pk, u.pk, code)] = {
            "rule": rule, "org_unit": u, "indicator": indicators[code], "left_value": stated[0],
            "right_value": computed, "message": msg,
            "details": [{"ref": code, "func": "value", "code": code, "value": format_number(row.value)},
                        {"ref": f"kế hoạch {code}", "func": "plan", "code": code,
                         "value": format_number(target.value) if target else ""}]}


def _fire_compare(fired, rule, spec, facts, u, current, indicators) -> None:
    for code in _indicators_for(rule, indicators):
        if code is not None and facts.value(code, u.pk, current.code) is None:
            continue
        log: list = []
        finding = check_rule(spec, _resolver(facts, u, current, log), code)
        if finding is None:
            continue
        message, details = _describe(rule, finding, log)
        fired[(rule.pk, u.pk, code or "")] = {
            "rule": rule, "org_unit": u, "indicator": indicators.get(code) if code else None,
            "left_value": finding.left, "right_value": finding.right, "message": message,
            "details": details}


@write_transaction
def _store(province, unit, units, period, fired, rules) -> RunResult:
    existing = {(v.rule_id, v.org_unit_id, v.subject): v for v in
                Violation.objects.filter(province=province, org_unit__in=units, period=period)}
    new = resolved = 0
    for (rule_id, unit_id, subject), data in fired.items():
        row = existing.pop((rule_id, unit_id, subject), None)
        if row is None:
            row = Violation(province=province, period=period, subject=subject, **data)
            new += 1
        else:
            changed = (row.left_value, row.right_value) != (data["left_value"], data["right_value"])
            for name, value in data.items():
                setattr(row, name, value)
            if changed and row.checked:  # the figures moved: the earlier check no longer covers them
                row.checked, row.check_comment = False, f"(Số liệu đã thay đổi sau lần xác minh trước) {row.check_comment}"
            row.is_open = True
        row.save()
    for row in existing.values():
        if row.is_open:
            row.is_open = False
            row.save(update_fields=["is_open", "last_seen"])
            resolved += 1
    return RunResult(unit, period, len(rules), len(fired), new, resolved)


@write_transaction
def violation_check(*, actor, violation: Violation, comment: str) -> Violation:
    """Mark a violation "checked, the figures are correct" with the reviewer's comment."""
    comment = (comment or "").strip()
    if not comment:
        raise QualityError("Cần ghi rõ lý do xác nhận số liệu đúng.")
    if len(comment) > 2000:
        raise QualityError("Ghi chú quá dài (tối đa 2.000 ký tự).")
    violation.checked, violation.checked_by, violation.checked_at = True, actor, timezone.now()
    violation.check_comment = comment
    violation.save(update_fields=["checked", "checked_by", "checked_at", "check_comment", "last_seen"])
    return violation


def quality_after_submit(*, submission, actor) -> RunResult:
    """The rule run that follows a committed submission (entry.services.submission_submit)."""
    return quality_run(unit=submission.data_set.reporter_unit, period=submission.round.period, actor=actor)

