"""Every write of the poverty module: open a review, import its list, correct a household,
publish, approve (then the figures go to the indicators through values.services.value_set).
Each runs in write_transaction with its PovertyEvent row in the same transaction."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import connection
from django.utils import timezone

from ktxh.catalog.models import Indicator
from ktxh.core.bulk import rows_insert
from ktxh.core.writes import write_transaction
from ktxh.engine.fold import fold
from ktxh.engine.poverty import (
    MAX_MEMBERS,
    HouseholdRow,
    classify,
    deprivation_mask,
    income_problem,
    movement,
    standard_for_year,
    standard_get,
)
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of, units_valid_on
from ktxh.poverty.columns import header_guess, mapping_remembered
from ktxh.poverty.listfile import cells_read, list_read, rows_mapped
from ktxh.poverty.models import (
    ColumnMemory,
    Household,
    HouseholdYear,
    ListImport,
    PovertyEvent,
    Review,
)
from ktxh.poverty.selectors import figures_sum, review_figures


class PovertyError(ValueError):
    """A step refused, with its Vietnamese message(s); nothing was written."""

    def __init__(self, messages: list[str] | str):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(self.messages))


def _event(*, actor, review: Review | None, commune: OrgUnit, province: OrgUnit, action: str, detail: str):
    PovertyEvent.objects.create(province=province, commune=commune, review=review, action=action, detail=detail[:500],
                                actor=actor if getattr(actor, "pk", None) else None)


@write_transaction
def review_open(*, actor, commune: OrgUnit, year: int) -> Review:
    standard = standard_for_year(year)  # raises StandardNotFound for a year without a standard
    if commune.kind not in (OrgUnit.Kind.COMMUNE, OrgUnit.Kind.WARD, OrgUnit.Kind.TOWN, OrgUnit.Kind.SPECIAL_ZONE):
        raise PovertyError(f"{commune.name} không phải đơn vị cấp xã.")
    province = province_of(commune)
    review, created = Review.objects.get_or_create(province=province, commune=commune, year=year,
                                                   defaults={"standard": standard.code, "opened_by": actor})
    if created:
        _event(actor=actor, review=review, commune=commune, province=province, action=PovertyEvent.Action.OPEN,
               detail=f"Mở đợt rà soát năm {year} theo {standard.name}")
    return review


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    entries: int = 0
    counts: dict = field(default_factory=dict)
    skipped: int = 0  # lines of the file that are not households (a village's title row, signatures)


MAX_LIST_BYTES = 5 * 1024 * 1024
HEAD_ROWS = 50  # kept for the mapping page: the header is looked for in the first 30 rows
LIST_SUFFIXES = (".xlsx", ".csv")


@write_transaction
def list_upload(*, actor, review: Review, file_name: str, data: bytes) -> ListImport:
    """Keep an uploaded list for its column mapping: refused whole (Vietnamese messages) when the
    review is not open, or the file is not a readable .xlsx/.csv of at most 5 MB. The header rows
    are guessed here; older uploads of the review that were never imported give up their bytes."""
    import tempfile

    suffix = Path(file_name).suffix.lower()
    if review.state != Review.State.OPEN:
        raise PovertyError(f"Đợt rà soát năm {review.year} đã {review.get_state_display()}, không nhập lại danh sách.")
    if suffix not in LIST_SUFFIXES or len(data) > MAX_LIST_BYTES:
        raise PovertyError(f"Tệp '{file_name}': chỉ nhận .xlsx hoặc .csv, không quá 5 MB.")
    with tempfile.TemporaryDirectory(prefix="ktxh-ho-ngheo-") as folder:
        path = Path(folder) / f"danh_sach{suffix}"
        path.write_bytes(data)
        # The first rows only: the whole file is read once, by the job (10.000 rows of .xlsx: seconds).
        cells, error = cells_read(path, max_rows=HEAD_ROWS)
    if error:
        raise PovertyError(error.replace("danh_sach" + suffix, file_name))
    guess = header_guess(cells)
    if guess is None:
        first = last = 1
    else:
        first, last = guess
    ListImport.objects.filter(review=review, status__in=[ListImport.Status.DRAFT, ListImport.Status.FAILED]) \
        .update(data=b"")
    return ListImport.objects.create(province_id=review.province_id, review=review, file_name=file_name[:255],
                                     suffix=suffix, size=len(data), data=data, head=cells, header_first=first,
                                     header_last=last, created_by=actor if getattr(actor, "pk", None) else None)


def _matches_commune(text: str, commune: OrgUnit) -> bool:
    t = fold(text)
    names = {fold(commune.name), fold(commune.code), fold(getattr(commune, "key", "") or "")}
    bare = fold(commune.name).removeprefix("xa ").removeprefix("phuong ")
    return t in names or t == bare


@dataclass(frozen=True)
class ColumnChoice:
    """The clerk's mapping of a commune's own list: header rows first..last (1-based) and each
    plain column's choice (columns.mapping_propose)."""

    first: int
    last: int
    choices: dict


def review_list_import(*, actor, review: Review, path: Path, columns: ColumnChoice | None = None,
                       progress=None) -> ImportResult:
    """Replace the review's list with the file's households, validated whole first: file and row
    errors, rows of another commune or year, households registered in another commune.
    Without `columns` the file is in the plain format (or headers HEADER_ALIASES names); with
    them, a commune's own list read by the clerk's mapping, remembered for the commune once written.
    `progress(step)` is told each of the 3 steps (read, check, write: poverty/jobs.py)."""
    step = progress or (lambda n: None)
    step(1)
    memory = None
    if columns is None:
        read = list_read(Path(path))
        step(2)
    else:
        cells, error = cells_read(Path(path))
        if error:
            raise PovertyError(error)
        step(2)
        read = rows_mapped(Path(path).name, cells, first=columns.first, last=columns.last,
                           choices=columns.choices, commune_code=review.commune.code)
        memory = (mapping_remembered(columns.choices, read.labels), columns.last - columns.first + 1)
    errors = list(read.errors)
    if review.state != Review.State.OPEN:
        errors.insert(0, f"Đợt rà soát năm {review.year} đã {review.get_state_display()}, không nhập lại danh sách.")
    commune = review.commune
    matches: dict[str, bool] = {}
    for row in read.rows:
        if row.commune not in matches:
            matches[row.commune] = _matches_commune(row.commune, commune)
        if not matches[row.commune]:
            errors.append(f"Dòng {row.line}: hộ {row.code} thuộc xã '{row.commune}', không phải {commune.name}.")
        year = row.extra.get("nam")
        if year and year != str(review.year):
            errors.append(f"Dòng {row.line}: danh sách năm {year}, đợt rà soát là năm {review.year}.")
    codes = [r.code for r in read.rows]
    elsewhere = dict(Household.objects.filter(province_id=review.province_id, code__in=codes)
                     .exclude(commune=commune).values_list("code", "commune__name"))
    for row in read.rows:
        if row.code in elsewhere:
            errors.append(f"Dòng {row.line}: hộ {row.code} đã có trong danh sách của {elsewhere[row.code]} "
                          "(một hộ chỉ thuộc một xã; chuyển hộ đi ở xã cũ trước).")
    if errors:
        raise PovertyError(errors)
    step(3)
    result = _list_write(actor=actor, review=review, rows=read.rows, memory=memory, file_name=Path(path).name)
    result.skipped = len(read.skipped)
    return result


@write_transaction
def _list_write(*, actor, review: Review, rows: list[HouseholdRow], memory=None, file_name: str = "") -> ImportResult:
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.state != Review.State.OPEN:
        raise PovertyError(f"Đợt rà soát năm {review.year} đã {review.get_state_display()}, không nhập lại danh sách.")
    standard = standard_get(review.standard)
    province_id, commune = review.province_id, review.commune
    existing = {h.code: h for h in Household.objects.filter(province_id=province_id, code__in=[r.code for r in rows])}
    result = ImportResult()
    new, changed = [], []
    fields = ("village", "head_name", "ethnicity", "area", "policy_groups")  # the order of `values` below
    for row in rows:
        values = {"village": row.village, "head_name": row.head, "ethnicity": row.ethnicity, "area": row.area,
                  "policy_groups": row.policy}
        household = existing.get(row.code)
        if household is None:
            new.append((province_id, commune.pk, row.code, *values.values()))
        elif any(getattr(household, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(household, k, v)
            changed.append(household)
    rows_insert(Household, ("province_id", "commune_id", "code", *fields), new)
    Household.objects.bulk_update(changed, fields, batch_size=1000)
    result.created, result.updated = len(new), len(changed)
    ids = dict(Household.objects.filter(province_id=province_id, commune=commune, code__in=[r.code for r in rows])
               .values_list("code", "pk"))
    previous = _previous_classes(review)
    HouseholdYear.objects.filter(review=review)._raw_delete(HouseholdYear.objects.db)  # nothing refers to them
    entries = []
    for row in rows:
        c = classify(standard, area=row.area, income=row.income, deprived=row.deprived)
        hid = ids[row.code]
        entries.append((province_id, review.pk, hid, row.members, row.income, deprivation_mask(row.deprived),
                        c.deprivations, c.klass, c.reason, row.status,
                        movement(previous.get(hid), c.klass, row.status)))
        result.counts[c.klass] = result.counts.get(c.klass, 0) + 1
    rows_insert(HouseholdYear, _ENTRY_COLUMNS, entries)
    result.entries = len(entries)
    if memory is not None:  # the commune's mapping, proposed for its next list
        ColumnMemory.objects.update_or_create(province_id=province_id, commune=commune, defaults={
            "columns": memory[0], "header_rows": memory[1], "file_name": file_name[:255], "updated_by": actor})
    _event(actor=actor, review=review, commune=commune, province=review.province, action=PovertyEvent.Action.IMPORT,
           detail=f"Nhập danh sách rà soát: {len(entries)} hộ ({result.created} hộ mới, {result.updated} hộ cập nhật)")
    return result


_ENTRY_COLUMNS = ("province_id", "review_id", "household_id", "members", "income", "deprivation_mask",
                  "deprivations", "klass", "reason", "status", "movement")


def _results_update(review: Review, changed: list[tuple]) -> None:
    """(klass, reason, deprivations, movement, id) of the rows of `review` whose result changed.

    PostgreSQL: the rows are streamed by COPY into a temporary table, then one UPDATE ... FROM
    joins it on the primary key. A big UPDATE ... FROM (VALUES ...) with 10.000 parameters spent
    most of its time in the driver splitting and quoting the query (cProfile: 5 of 11 s for
    20.000 rows). The join is bounded to the review's rows (review_id index): without it the
    planner hashed the whole province's table once per commune. SQLite, in-process: an executemany of single-row updates."""
    if not changed:
        return
    table = connection.ops.quote_name(HouseholdYear._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Dropped at the end, not ON COMMIT: several reviews may share one transaction.
            cursor.execute("CREATE TEMPORARY TABLE poverty_results (klass varchar(20), reason varchar(300), "
                           "deprivations smallint, movement varchar(20), id bigint)")
            try:
                with cursor.cursor.copy("COPY poverty_results (klass, reason, deprivations, movement, id) "
                                        "FROM STDIN") as copy:
                    for row in changed:
                        copy.write_row(row)
                cursor.execute("ANALYZE poverty_results")
                cursor.execute(f"UPDATE {table} AS t SET klass = v.klass, reason = v.reason, "
                               "deprivations = v.deprivations, movement = v.movement "
                               "FROM poverty_results AS v WHERE t.review_id = %s AND t.id = v.id", [review.pk])
            finally:
                cursor.execute("DROP TABLE IF EXISTS poverty_results")
        else:
            cursor.executemany(f"UPDATE {table} SET klass = %s, reason = %s, deprivations = %s, "
                               "movement = %s WHERE id = %s", changed)


def _previous_classes(review: Review) -> dict[int, str]:
    before = Review.objects.filter(province_id=review.province_id, commune=review.commune,
                                   year__lt=review.year).order_by("-year").first()
    if before is None:
        return {}
    return dict(HouseholdYear.objects.filter(review=before).exclude(status__in=["moved", "died"])
                .values_list("household_id", "klass"))


@write_transaction
def household_entry_save(*, actor, entry: HouseholdYear, income: Decimal, members: int, deprived: frozenset[str],
                         status: str, village: str, head_name: str, ethnicity: str) -> HouseholdYear:
    """Correct one household of an open review; the classification is computed again."""
    entry = HouseholdYear.objects.select_for_update().select_related("review", "household").get(pk=entry.pk)
    review = entry.review
    if review.state != Review.State.OPEN:
        raise PovertyError("Danh sách đã niêm yết hoặc phê duyệt, không sửa được.")
    if not isinstance(income, Decimal):
        raise PovertyError("Thu nhập bình quân phải là số không âm.")
    if problem := income_problem(income):  # checked before any write (issue 13: the number gate)
        raise PovertyError(f"Thu nhập bình quân {problem}.")
    if isinstance(members, bool) or not isinstance(members, int) or not 1 <= members <= MAX_MEMBERS:
        raise PovertyError(f"Số nhân khẩu phải là số nguyên từ 1 đến {MAX_MEMBERS}.")
    if status not in HouseholdYear.Status.values:
        raise PovertyError("Tình trạng không hợp lệ.")
    household = entry.household
    c = classify(standard_get(review.standard), area=household.area, income=income, deprived=deprived)
    before = f"{entry.get_klass_display()}, {entry.income} đ"
    entry.income, entry.members, entry.status = income, members, status
    entry.deprivation_mask, entry.deprivations, entry.klass, entry.reason = (
        deprivation_mask(deprived), c.deprivations, c.klass, c.reason)
    entry.movement = movement(_previous_classes(review).get(household.pk), c.klass, status)
    entry.save()
    household.village, household.head_name, household.ethnicity = village[:100], head_name[:200], ethnicity[:50]
    household.save(update_fields=["village", "head_name", "ethnicity"])
    _event(actor=actor, review=review, commune=review.commune, province=review.province,
           action=PovertyEvent.Action.EDIT,
           detail=f"Sửa hộ {household.code}: {before} → {entry.get_klass_display()}, {income} đ")
    return entry


@write_transaction
def review_publish(*, actor, review: Review) -> Review:
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.state != Review.State.OPEN:
        raise PovertyError("Chỉ niêm yết được đợt rà soát đang mở.")
    if not HouseholdYear.objects.filter(review=review).exists():
        raise PovertyError("Chưa có hộ nào trong danh sách.")
    review.state, review.published_at = Review.State.PUBLISHED, timezone.now()
    review.save(update_fields=["state", "published_at"])
    _event(actor=actor, review=review, commune=review.commune, province=review.province,
           action=PovertyEvent.Action.PUBLISH, detail=f"Niêm yết danh sách rà soát năm {review.year}")
    return review


# Indicator codes of the demo catalogue (ktxh/demo/data/catalog.yaml, group 08) each figure feeds.
INDICATOR_OF = {
    "poor": "08.07", "total": "08.08", "poor_rate": "08.05", "fall": "08.01", "near_poor": "08.09",
    "near_poor_rate": "08.10", "escaped": "08.11", "em_poor": "08.12", "em_total": "08.13", "em_poor_rate": "08.14",
}


def review_approve(*, actor, review: Review) -> list[str]:
    """The chair approves a published list: the commune's figures, then the province's sums of
    its approved communes, are written through value_set with their provenance."""
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=INDICATOR_OF.values())}
    written = []
    with write_transaction():
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.state != Review.State.PUBLISHED:
            raise PovertyError("Chỉ phê duyệt được danh sách đã niêm yết.")
        review.state, review.approved_by, review.approved_at = Review.State.APPROVED, actor, timezone.now()
        review.save(update_fields=["state", "approved_by", "approved_at"])
        _event(actor=actor, review=review, commune=review.commune, province=review.province,
               action=PovertyEvent.Action.APPROVE, detail=f"Phê duyệt kết quả rà soát năm {review.year}")
        figures = review_figures(review).indicator_values()
        source = f"rà soát năm {review.year}, {review.commune.name}"
        written += _values_write(actor, indicators, review.commune, review.year, figures, source, kind="official")
        province = review.province
        total = province_figures(province, review.year)
        if total is not None:
            values, covered, communes = total
            # A sum over some communes only is an estimate (ước); official once every commune is approved.
            written += _values_write(actor, indicators, province, review.year, values,
                                     f"tổng hợp rà soát năm {review.year} của {covered}/{communes} xã đã phê duyệt "
                                     f"({province.name})", kind="official" if covered >= communes else "estimate")
    return written


def _values_write(actor, indicators, unit, year, figures: dict, source: str, *, kind: str) -> list[str]:
    from ktxh.values.services import value_set

    written = []
    for key, value in figures.items():
        indicator = indicators.get(INDICATOR_OF[key])
        if indicator is None or value is None:
            continue
        value_set(actor=actor, indicator=indicator, org_unit=unit, period=str(year), kind=kind, value=value,
                  source=source, comment=source)
        written.append(f"{unit.name}: {indicator.name} = {value}")
    return written


def province_figures(province: OrgUnit, year: int):
    """The province's figures as sums of its communes' approved reviews (rates from the sums)."""
    reviews = list(Review.objects.filter(province=province, year=year, state=Review.State.APPROVED))
    if not reviews:
        return None
    communes = units_valid_on(date(year, 12, 31), within=province).filter(
        kind__in=[OrgUnit.Kind.COMMUNE, OrgUnit.Kind.WARD, OrgUnit.Kind.SPECIAL_ZONE, OrgUnit.Kind.TOWN]).count()
    previous = list(Review.objects.filter(province=province, year=year - 1, state=Review.State.APPROVED))
    values = figures_sum(reviews, previous)
    return values, len(reviews), communes


@write_transaction
def records_access_log(*, actor, review: Review, action: str, detail: str) -> None:
    """Every view or export of household records: who, when, what (PovertyEvent)."""
    _event(actor=actor, review=review, commune=review.commune, province=review.province, action=action, detail=detail)


def province_reclassify(*, actor, province: OrgUnit, year: int) -> dict[str, int]:
    """Compute again, by the year's standard, every open review of a province (after the standard's
    data was corrected, e.g. the 2026-2030 lines once verified). Published and approved reviews keep
    the result they were published with. One transaction per commune; returns the counts by class."""
    counts: dict[str, int] = {}
    for review in Review.objects.filter(province=province, year=year, state=Review.State.OPEN).select_related(
            "commune", "province"):
        for klass, n in _review_reclassify(actor=actor, review=review).items():
            counts[klass] = counts.get(klass, 0) + n
    return counts


@write_transaction
def _review_reclassify(*, actor, review: Review) -> dict[str, int]:
    from ktxh.engine.poverty import classify_mask

    review = Review.objects.select_for_update().get(pk=review.pk)
    standard = standard_for_year(review.year)
    previous = _previous_classes(review)
    rows = HouseholdYear.objects.filter(review=review).values_list(
        "pk", "household_id", "household__area", "income", "deprivation_mask", "status", "klass", "reason",
        "deprivations", "movement")
    changed, counts = [], {}
    for pk, hid, area, income, mask, status, *stored in rows.iterator(chunk_size=5000):
        c = classify_mask(standard, area=area, income=income, mask=mask)
        computed = [c.klass, c.reason, c.deprivations, movement(previous.get(hid), c.klass, status)]
        if computed != stored:
            changed.append((*computed, pk))
        counts[c.klass] = counts.get(c.klass, 0) + 1
    _results_update(review, changed)
    if review.standard != standard.code:
        review.standard = standard.code
        review.save(update_fields=["standard"])
    _event(actor=actor, review=review, commune=review.commune, province=review.province,
           action=PovertyEvent.Action.EDIT, detail=f"Phân loại lại theo {standard.name}: {len(changed)} hộ thay đổi kết quả")
    return counts
