"""Every write to the NTM matrix, recognitions, village assessments and stated
figures; and publishing the computed aggregates into the main indicators."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from ktxh.core.upsert import save_if_changed
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of
from ktxh.programmes.common import ProgrammeError, actor_or_none
from ktxh.programmes.ntm.models import (
    CommuneCriterion,
    CriteriaSet,
    Criterion,
    Recognition,
    Statement,
    VillageAssessment,
)

STATES = {s.value for s in CommuneCriterion.State}


def _check_commune(commune: OrgUnit) -> None:
    if commune.kind != OrgUnit.Kind.COMMUNE:
        raise ProgrammeError(f"{commune.name} không phải là xã: bộ tiêu chí nông thôn mới chỉ áp dụng cho xã.")


def _check_year(year: int) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ProgrammeError(f"Năm '{year}' không hợp lệ.") from None
    if not 2000 <= year <= 2100:
        raise ProgrammeError(f"Năm {year} không hợp lệ.")
    return year


def criterion_of(criteria_set: CriteriaSet, number) -> Criterion:
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise ProgrammeError(f"Số tiêu chí '{number}' không hợp lệ.") from None
    criterion = criteria_set.criteria.filter(number=number).first()
    if criterion is None:
        raise ProgrammeError(f"Tiêu chí số {number} không có trong bộ tiêu chí {criteria_set.code} "
                             f"(bộ này có {criteria_set.criteria.count()} tiêu chí).")
    return criterion


@transaction.atomic
def commune_criteria_save(*, actor, commune: OrgUnit, year: int, criteria_set: CriteriaSet,
                          cells: dict, source: str = "") -> int:
    """Save a commune's row of the matrix: cells = {number: {"state", "evidence", "note"}}.
    Every cell is validated before anything is written; returns the number of changed cells."""
    _check_commune(commune)
    year = _check_year(year)
    if criteria_set.level != CriteriaSet.Level.COMMUNE:
        raise ProgrammeError(f"Bộ tiêu chí {criteria_set.code} không phải bộ tiêu chí xã.")
    problems, checked = [], []
    for number, cell in cells.items():
        try:
            criterion = criterion_of(criteria_set, number)
        except ProgrammeError as error:
            problems.append(str(error))
            continue
        state = cell.get("state", CommuneCriterion.State.UNKNOWN)
        if state not in STATES:
            problems.append(f"Tiêu chí số {number}: kết quả '{state}' không hợp lệ (đạt, chưa đạt, chưa rõ).")
            continue
        checked.append((criterion, state, cell))
    if problems:
        raise ProgrammeError(f"{commune.name}, năm {year}: " + "; ".join(problems), problems)
    province, changed = province_of(commune), 0
    existing = {c.criterion_id: c for c in CommuneCriterion.objects.filter(
        province=province, commune=commune, year=year, criterion__in=[c for c, _, _ in checked])}
    for criterion, state, cell in checked:
        old = existing.get(criterion.pk)
        if old and (old.state, old.evidence, old.note) == (state, cell.get("evidence", "").strip(),
                                                            cell.get("note", "").strip()):
            continue  # unchanged: keep its source and history as they are
        _, did = save_if_changed(
            CommuneCriterion,
            lookup={"province": province, "commune": commune, "year": year, "criterion": criterion},
            fields={"state": state, "evidence": cell.get("evidence", "").strip(), "note": cell.get("note", "").strip(),
                    "source": cell.get("source", source), "updated_by": actor_or_none(actor)},
            actor=actor,
        )
        changed += did
    return changed


@transaction.atomic
def recognition_set(*, actor, commune: OrgUnit, tier: str, decision: str, decision_date, village: str = "",
                    issuer: str = "", period_note: str = "", source: str = "") -> Recognition:
    _check_commune(commune)
    if tier not in Recognition.Tier.values:
        raise ProgrammeError(f"Mức công nhận '{tier}' không hợp lệ (đạt chuẩn, nâng cao, kiểu mẫu).")
    if not decision.strip():
        raise ProgrammeError("Thiếu số quyết định công nhận.")
    row, _ = save_if_changed(
        Recognition,
        lookup={"province": province_of(commune), "commune": commune, "village": village, "tier": tier,
                "decision": decision.strip()},
        fields={"decision_date": decision_date, "issuer": issuer, "period_note": period_note, "source": source},
    )
    return row


@transaction.atomic
def village_assessment_set(*, actor, commune: OrgUnit, village: str, year: int, criteria_set: CriteriaSet,
                           met_count: int, note: str = "", source: str = "") -> VillageAssessment:
    _check_commune(commune)
    year = _check_year(year)
    if criteria_set.level != CriteriaSet.Level.VILLAGE:
        raise ProgrammeError(f"Bộ tiêu chí {criteria_set.code} không phải bộ tiêu chí thôn, bản.")
    size = criteria_set.criteria_count
    if met_count < 0 or (size is not None and met_count > size):
        raise ProgrammeError(f"Số tiêu chí đạt {met_count} không hợp lệ (bộ {criteria_set.code} có {size} tiêu chí).")
    row, _ = save_if_changed(
        VillageAssessment,
        lookup={"province": province_of(commune), "commune": commune, "village": village.strip(), "year": year,
                "criteria_set": criteria_set},
        fields={"met_count": met_count, "note": note, "source": source, "updated_by": actor_or_none(actor)},
    )
    return row


@transaction.atomic
def statement_set(*, actor, district: OrgUnit, year: int, criteria_set: CriteriaSet, kind: str, value: Decimal,
                  source: str, key: str = "", decimals: int = 0, named=(), quote: str = "") -> Statement:
    if kind not in Statement.Kind.values:
        raise ProgrammeError(f"Loại số liệu '{kind}' không hợp lệ.")
    if kind in (Statement.Kind.CRITERION_MET, Statement.Kind.CRITERION_NOT_MET):
        criterion_of(criteria_set, key)
    row, _ = save_if_changed(
        Statement,
        lookup={"province": province_of(district), "district": district, "year": _check_year(year),
                "kind": kind, "key": str(key), "source": source},
        fields={"criteria_set": criteria_set, "value": Decimal(value), "decimals": decimals, "named": list(named),
                "quote": quote},
    )
    return row


PUBLISH_PLACES = Decimal("0.000001")  # DataValue keeps 6 decimals; rounded half-up


@transaction.atomic
def ntm_publish(*, actor, district: OrgUnit, year: int, criteria_set: CriteriaSet | None = None) -> list[str]:
    """'Cập nhật vào chỉ tiêu': write the computed aggregates as official values of the
    main indicators. Refuses while the matrix has unknown cells; never touches estimates."""
    from ktxh.programmes.ntm.selectors import NTM_INDICATORS, ntm_indicator, ntm_view
    from ktxh.values.services import ValueRejected, value_set

    view = ntm_view(district=district, year=year, criteria_set=criteria_set)
    figures = view.figures
    if not view.communes:
        raise ProgrammeError(f"{district.name} không có xã nào để tổng hợp.")
    if not figures.complete:
        raise ProgrammeError(
            f"Bảng tiêu chí năm {year} còn {figures.unknown_cells} ô chưa rõ kết quả: hãy cập nhật đủ trước khi "
            "đưa vào chỉ tiêu (số bình quân chưa xác định được).")
    label = f"derived: NTM matrix ({view.criteria_set.code}, {district.code}, năm {year})"
    under = sum(1 for c in figures.communes if c.met < 15)
    values = {
        "average": figures.average.low.quantize(PUBLISH_PLACES, rounding=ROUND_HALF_UP),
        "standard": Decimal(view.standard_count),
        "under15": Decimal(under),
    }
    written = []
    for key, value in values.items():
        indicator = ntm_indicator(key)
        if indicator is None:
            continue
        try:
            value_set(actor=actor, indicator=indicator, org_unit=district, period=str(year), kind="official",
                      value=value, source=label,
                      comment=f"Tính từ bảng {len(view.communes)} xã × {len(figures.criteria)} tiêu chí")
        except ValueRejected as exc:  # inside the transaction: nothing of this publish stays
            raise ProgrammeError(f"Không cập nhật được chỉ tiêu {indicator.code}: {exc}.") from exc
        written.append(indicator.code)
    if not written:
        raise ProgrammeError("Danh mục chưa có chỉ tiêu nông thôn mới nào để cập nhật: "
                             + ", ".join(NTM_INDICATORS.values()))
    return written
