"""Reads of the NTM matrix for one district and year, with every figure from
ktxh.engine.ntm. Callers pass a district they got through accounts.access."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from ktxh.catalog.models import Indicator, Target
from ktxh.engine import ntm as engine
from ktxh.engine.fold import fold
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import children_for_period
from ktxh.programmes.ntm.models import (
    CommuneCriterion,
    CriteriaSet,
    Recognition,
    Statement,
    VillageAssessment,
)
from ktxh.values.models import DataValue
from ktxh.values.selectors import source_citation

# The main indicators fed by the matrix, found by their (folded) catalog names.
NTM_INDICATORS = {
    "standard": "Số xã đạt chuẩn nông thôn mới",
    "average": "Bình quân tiêu chí nông thôn mới",
    "under15": "Số xã đạt dưới 15 tiêu chí nông thôn mới",
}
GOAL_YEAR = 2025  # 004: 7 communes, 16,8 criteria per commune, none under 15
MIN_CRITERIA_GOAL = 15
VILLAGE_BANDS = (engine.Band("3-5", 3, 5), engine.Band("6-9", 6, 9), *(engine.Band(str(n), n, n) for n in range(10, 20)))


def ntm_indicator(key: str) -> Indicator | None:
    name = NTM_INDICATORS[key]
    return Indicator.objects.filter(name_folded=fold(name)).first()


def communes_of(district: OrgUnit, year: int):
    """The xã of a district the year's matrix lists (thị trấn are outside NTM): those in force
    on the year's last day, or on the district's own last day if it ended within the year
    (orgunits.selectors.children_for_period, docs/units.md "Which units a page or table of a
    period shows"), so old and new communes never share a matrix."""
    return children_for_period(district, date(year, 12, 31)).filter(kind=OrgUnit.Kind.COMMUNE).order_by("name_folded")


def criteria_sets_for(district: OrgUnit, year: int) -> list[CriteriaSet]:
    return list(CriteriaSet.objects.filter(level=CriteriaSet.Level.COMMUNE)
                .annotate(n=Count("criteria__cells", filter=Q(criteria__cells__year=year,
                                                               criteria__cells__commune__parent=district)))
                .order_by("-n", "-valid_from", "code"))


def recognised_communes(district: OrgUnit, year: int) -> dict[int, Recognition]:
    """Communes with a 'đạt chuẩn' recognition dated on or before the end of `year`
    (recognition does not lapse by itself; domain.md §5)."""
    rows = (Recognition.objects.filter(commune__parent=district, village="", decision_date__lte=date(year, 12, 31))
            .order_by("decision_date"))
    return {r.commune_id: r for r in rows}  # the latest decision per commune wins


@dataclass
class NtmView:
    district: OrgUnit
    year: int
    criteria_set: CriteriaSet | None
    criteria: list = field(default_factory=list)
    communes: list = field(default_factory=list)
    cells: dict = field(default_factory=dict)  # (commune_id, number) -> CommuneCriterion
    figures: engine.MatrixFigures | None = None
    recognitions: dict = field(default_factory=dict)
    standard_count: int = 0
    statements: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    goals: engine.GoalProgress | None = None
    goal_year: int = GOAL_YEAR
    village_bands: dict = field(default_factory=dict)
    village_total: int = 0
    village_stated: list = field(default_factory=list)
    states: dict = field(default_factory=dict)  # (code, name) -> {number: True / False / None}

    def rows(self):
        """(commune, CommuneCount, [cell or None per criterion], recognition) for templates."""
        counts = {c.code: c for c in self.figures.communes} if self.figures else {}
        for commune in self.communes:
            yield (commune, counts.get(commune.code),
                   [self.cells.get((commune.pk, c.number)) for c in self.criteria],
                   self.recognitions.get(commune.pk))


def _state(cell) -> bool | None:
    if cell is None or cell.state == CommuneCriterion.State.UNKNOWN:
        return None
    return cell.state == CommuneCriterion.State.MET


def short_name(unit: OrgUnit) -> str:
    """'Xã Mường So' -> 'Mường So': how reports name communes in lists."""
    for prefix in ("Xã ", "Thị trấn "):
        if unit.name.startswith(prefix):
            return unit.name[len(prefix):]
    return unit.name


def _stated(s: Statement, names_by_code: dict[str, str]) -> engine.Stated:
    key = names_by_code.get(s.key, s.key) if s.kind in ("commune_met", "commune_not_met") else s.key
    return engine.Stated(kind=s.kind, value=s.value, key=key, named=tuple(s.named), source=s.source,
                         quote=s.quote, decimals=s.decimals)


def _statement_order(s: Statement):
    return (s.kind, int(s.key) if s.key.isdigit() else 0, s.key, s.source)


def ntm_matrix(*, district: OrgUnit, year: int, criteria_set: CriteriaSet | None = None,
               goal_year: int = GOAL_YEAR) -> NtmView:
    """The matrix and its figures only (engine.ntm.matrix_figures), without the findings,
    goals and villages: what the commune comparison reads. ntm_view builds on it."""
    if criteria_set is None:
        sets = criteria_sets_for(district, year)
        criteria_set = sets[0] if sets else None
    view = NtmView(district=district, year=year, criteria_set=criteria_set, goal_year=goal_year)
    view.communes = list(communes_of(district, year))
    view.recognitions = recognised_communes(district, year)
    view.standard_count = len(view.recognitions)  # nâng cao and kiểu mẫu are đạt chuẩn too
    if criteria_set is None:
        return view
    view.criteria = list(criteria_set.criteria.order_by("number"))
    for cell in CommuneCriterion.objects.filter(commune__in=view.communes, year=year,
                                                criterion__criteria_set=criteria_set).select_related("criterion"):
        view.cells[(cell.commune_id, cell.criterion.number)] = cell
    view.states = {(c.code, c.name): {k.number: _state(view.cells.get((c.pk, k.number))) for k in view.criteria}
                   for c in view.communes}
    view.figures = engine.matrix_figures(view.states, [k.number for k in view.criteria])
    return view


def ntm_view(*, district: OrgUnit, year: int, criteria_set: CriteriaSet | None = None,
             goal_year: int = GOAL_YEAR) -> NtmView:
    view = ntm_matrix(district=district, year=year, criteria_set=criteria_set, goal_year=goal_year)
    if view.criteria_set is None:
        return view
    criteria_set, matrix = view.criteria_set, view.states
    view.statements = sorted(Statement.objects.filter(district=district, year=year)
                             .exclude(kind=Statement.Kind.VILLAGE_BAND).select_related("criteria_set"),
                             key=_statement_order)
    names = {c.code: short_name(c) for c in view.communes}
    view.findings = engine.compare_stated(
        view.figures, [_stated(s, names) for s in view.statements if s.criteria_set_id == criteria_set.pk],
        standard_count=view.standard_count,
        cells={short_name(c): matrix[(c.code, c.name)] for c in view.communes})
    view.findings += _report_disagreements(district, year, view.statements)
    view.findings += _recognition_findings(view)
    view.goals = _goals(view, goal_year)
    _villages(view)
    return view


def _report_disagreements(district: OrgUnit, year: int, statements: list[Statement]) -> list[engine.Finding]:
    """The main table's value (e.g. 000's 11,19) against what the NTM report states (003's 11,06)."""
    indicator = ntm_indicator("average")
    if indicator is None:
        return []
    out = []
    values = DataValue.objects.filter(indicator=indicator, org_unit=district, period=str(year))
    for s in statements:
        if s.kind != Statement.Kind.AVERAGE:
            continue
        for v in values:
            if v.value != s.value:
                out.append(engine.Finding(
                    "conflict",
                    f"Bình quân tiêu chí/xã năm {year}: bảng chỉ tiêu chủ yếu có số {v.get_kind_display().lower()} "
                    f"{_vn(v.value)} ({source_citation(v.source)}), báo cáo nông thôn mới ghi {_vn(s.value)} theo bộ tiêu chí "
                    f"{s.criteria_set.code}. Hai số không được tự động sửa.", s.source))
    return out


def _recognition_findings(view: NtmView) -> list[engine.Finding]:
    """A recognised commune whose current matrix cannot reach all criteria: keep both, flag it."""
    out = []
    counts = {c.code: c for c in view.figures.communes}
    size = len(view.criteria)
    for commune in view.communes:
        rec = view.recognitions.get(commune.pk)
        count = counts.get(commune.code)
        if rec and count and count.possible < size:
            out.append(engine.Finding(
                "conflict",
                f"{commune.name} được công nhận đạt chuẩn ({rec.decision}, {rec.decision_date:%d/%m/%Y}) nhưng năm "
                f"{view.year} chỉ đạt tối đa {count.possible}/{size} tiêu chí theo bộ {view.criteria_set.code}.",
                rec.source))
    return out


def _goals(view: NtmView, goal_year: int) -> engine.GoalProgress:
    def target(key):
        indicator = ntm_indicator(key)
        t = Target.objects.filter(indicator=indicator, org_unit=view.district, period=str(goal_year)).first() \
            if indicator else None
        return t.value if t else None

    standard, average, under = target("standard"), target("average"), target("under15")
    return engine.goal_progress(
        view.figures, standard_count=view.standard_count,
        standard_goal=int(standard) if standard is not None else None, average_goal=average,
        min_criteria_goal=MIN_CRITERIA_GOAL if under is not None else None)


def _villages(view: NtmView) -> None:
    rows = VillageAssessment.objects.filter(commune__parent=view.district, year=view.year)
    counts = [r.met_count for r in rows]
    view.village_total = len(counts)
    view.village_bands = engine.village_band_counts(counts, VILLAGE_BANDS) if counts else {}
    view.village_stated = list(Statement.objects.filter(district=view.district, year=view.year,
                                                        kind=Statement.Kind.VILLAGE_BAND).order_by("pk"))
    if view.village_stated and not counts:
        total = sum((s.value for s in view.village_stated), Decimal(0))
        view.findings.append(engine.Finding(
            "unverified",
            f"Số thôn, bản theo nhóm tiêu chí ({_vn(total)} thôn, bản) chỉ có số báo cáo nêu; chưa có kết quả "
            "từng thôn, bản để kiểm chứng.", view.village_stated[0].source))


def _vn(value: Decimal) -> str:
    from ktxh.engine.numbers import format_number

    return format_number(value)
