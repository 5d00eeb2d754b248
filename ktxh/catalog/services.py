"""Every write to the catalog, legal bases and targets."""

from decimal import Decimal

from ktxh.catalog.models import Agency, Indicator, IndicatorGroup, LegalBasis, Target
from ktxh.core.upsert import save_if_changed
from ktxh.core.writes import write_transaction
from ktxh.engine.fold import fold
from ktxh.engine.numbers import NumberOutOfBounds, storable_number
from ktxh.engine.periods import Period
from ktxh.engine.semantics import Comparator, TargetBasis
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of


@write_transaction
def indicator_save(*, actor, indicator: Indicator) -> Indicator:
    indicator.name_folded = fold(indicator.name)
    indicator._history_user = actor if getattr(actor, "pk", None) else None
    indicator.save()
    return indicator


@write_transaction
def indicator_upsert(*, actor, code: str, name: str, **fields) -> Indicator:
    return save_if_changed(Indicator, lookup={"code": code},
                           fields={"name": name, "name_folded": fold(name), **fields}, actor=actor)[0]


@write_transaction
def agency_upsert(*, actor, code: str, name: str) -> Agency:
    return Agency.objects.update_or_create(code=code, defaults={"name": name})[0]


@write_transaction
def group_upsert(*, actor, code: str, name: str, order: int) -> IndicatorGroup:
    return IndicatorGroup.objects.update_or_create(code=code, defaults={"name": name, "order": order})[0]


@write_transaction
def legal_basis_upsert(*, actor, number: str, **fields) -> LegalBasis:
    return LegalBasis.objects.update_or_create(number=number, defaults=fields)[0]


def target_check(*, comparator: str, value: Decimal | None, value_high: Decimal | None,
                 basis: str = TargetBasis.ABSOLUTE) -> list[str]:
    """Problems with a target's comparator, bounds and basis (empty when it is valid)."""
    problems = []
    for bound in (value, value_high):
        if bound is not None:
            try:
                storable_number(bound)
            except NumberOutOfBounds as error:
                problems.append(str(error))
    if problems:
        return problems
    if basis not in {b.value for b in TargetBasis}:
        problems.append(f"cách so sánh '{basis}' không hợp lệ")
    elif basis != TargetBasis.ABSOLUTE:
        if comparator == Comparator.MAINTAIN:
            problems.append("'duy trì' không đi cùng mức tăng/giảm so với năm trước")
        if basis == TargetBasis.PRIOR_PCT and any(v is not None and v <= -100 for v in (value, value_high)):
            problems.append("mức giảm so với năm trước phải nhỏ hơn 100%")
    if comparator not in {c.value for c in Comparator}:
        problems.append(f"điều kiện '{comparator}' không hợp lệ")
    elif comparator == Comparator.RANGE:
        if value is None or value_high is None:
            problems.append("khoảng kế hoạch cần cả cận dưới và cận trên")
        elif value > value_high:
            problems.append("cận dưới lớn hơn cận trên")
    elif value is None:
        problems.append("thiếu giá trị kế hoạch")
    return problems


@write_transaction
def target_set(
    *, actor, indicator: Indicator, org_unit: OrgUnit, period: str, comparator: str = ">=",
    value: Decimal | None, value_high: Decimal | None = None, legal_basis: LegalBasis | None = None,
    is_derived: bool = False, source: str = "", comment: str = "", basis: str = TargetBasis.ABSOLUTE,
) -> Target:
    """Set (create or replace) the target of an indicator for a unit and period. With a
    relative ``basis`` the value is a signed change from last year's value."""
    code = Period.parse(period).code
    basis = getattr(basis, "value", basis)
    if problems := target_check(comparator=comparator, value=value, value_high=value_high, basis=basis):
        raise ValueError("; ".join(problems))
    target, _ = save_if_changed(
        Target,
        lookup={"province": province_of(org_unit), "indicator": indicator, "org_unit": org_unit, "period": code},
        fields={
            "comparator": comparator, "value": value, "value_high": value_high, "basis": basis,
            "legal_basis": legal_basis,
            "is_derived": is_derived, "source": source, "comment": comment,
        },
        actor=actor,
    )
    return target
