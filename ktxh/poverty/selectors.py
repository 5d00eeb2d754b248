"""The figures of a review, computed by ktxh.engine.poverty from the stored results: counts
and rates by class, per village, per deprivation indicator, movement, ethnic minorities.
Aggregates only: no names leave this module."""

from dataclasses import dataclass, field
from decimal import Decimal

from ktxh.engine.poverty import (
    CLASSES,
    INDICATOR_CODES,
    INDICATORS,
    MOVEMENTS,
    NEAR_POOR,
    POOR,
    ethnic_minority,
    rate,
    rate_fall,
)
from ktxh.poverty.models import HouseholdYear, Review


@dataclass
class Counts:
    label: str
    total: int = 0
    by_class: dict = field(default_factory=lambda: dict.fromkeys(CLASSES, 0))

    @property
    def poor(self) -> int:
        return self.by_class[POOR]

    @property
    def near_poor(self) -> int:
        return self.by_class[NEAR_POOR]

    @property
    def poor_rate(self) -> Decimal | None:
        return rate(self.poor, self.total)

    @property
    def near_poor_rate(self) -> Decimal | None:
        return rate(self.near_poor, self.total)

    def rows(self):
        return [(CLASSES[k], v, rate(v, self.total)) for k, v in self.by_class.items()]


@dataclass
class ReviewFigures:
    review: Review
    commune: Counts
    villages: list[Counts]
    ethnic: Counts
    deprivation: list[tuple[str, str, int, Decimal | None]]  # code, name, households lacking, % of poor+near-poor
    movement: list[tuple[str, str, int]]
    escaped: int
    previous_rate: Decimal | None
    gone: int  # moved or died: out of the totals

    @property
    def fall(self) -> Decimal | None:
        return rate_fall(self.previous_rate, self.commune.poor_rate)

    def indicator_values(self) -> dict:
        c, e = self.commune, self.ethnic
        return {"poor": Decimal(c.poor), "total": Decimal(c.total), "poor_rate": c.poor_rate, "fall": self.fall,
                "near_poor": Decimal(c.near_poor), "near_poor_rate": c.near_poor_rate,
                "escaped": Decimal(self.escaped), "em_poor": Decimal(e.poor), "em_total": Decimal(e.total),
                "em_poor_rate": e.poor_rate}


def _previous_review(review: Review) -> Review | None:
    return Review.objects.filter(province_id=review.province_id, commune_id=review.commune_id,
                                 year__lt=review.year).order_by("-year").first()


def _counts(review: Review):
    """Aggregated in the database: one GROUP BY over (class, status, movement, village,
    ethnicity) - a few hundred groups for 5.000 households - and one sum per deprivation bit
    (SUM(mask & 2^i) / 2^i households lacking indicator i), instead of reading every row."""
    from django.db.models import Count, F, Sum

    rows = (HouseholdYear.objects.filter(review=review)
            .values_list("klass", "status", "movement", "household__village", "household__ethnicity")
            .annotate(n=Count("pk")).order_by())
    commune, ethnic, villages = Counts(review.commune.name), Counts("Hộ dân tộc thiểu số"), {}
    moves = dict.fromkeys(MOVEMENTS, 0)
    gone = 0
    minority: dict[str, bool] = {}
    for klass, status, move, village, ethnicity, n in rows:
        moves[move] += n
        if status != "present":
            gone += n
            continue
        groups = [commune, villages.setdefault(village or "", Counts(village or "(chưa ghi thôn)"))]
        if ethnicity not in minority:
            minority[ethnicity] = ethnic_minority(ethnicity)
        if minority[ethnicity]:
            groups.append(ethnic)
        for g in groups:
            g.total += n
            g.by_class[klass] += n
    bits = (HouseholdYear.objects.filter(review=review, status="present", klass__in=[POOR, NEAR_POOR])
            .aggregate(**{f"b{i}": Sum(F("deprivation_mask").bitand(1 << i)) for i in range(len(INDICATOR_CODES))}))
    lacking = [int(bits[f"b{i}"] or 0) >> i for i in range(len(INDICATOR_CODES))]
    return commune, ethnic, sorted(villages.values(), key=lambda v: v.label), lacking, moves, gone


def review_figures(review: Review) -> ReviewFigures:
    commune, ethnic, villages, lacking, moves, gone = _counts(review)
    base = commune.poor + commune.near_poor
    deprivation = sorted(((code, INDICATORS[code][1], lacking[i], rate(lacking[i], base))
                          for i, code in enumerate(INDICATOR_CODES)), key=lambda d: -d[2])
    previous = _previous_review(review)
    previous_rate = _counts(previous)[0].poor_rate if previous else None
    return ReviewFigures(review=review, commune=commune, villages=villages, ethnic=ethnic, deprivation=deprivation,
                         movement=[(k, MOVEMENTS[k], v) for k, v in moves.items()], escaped=moves["escaped"],
                         previous_rate=previous_rate, gone=gone)


def figures_sum(reviews: list[Review], previous: list[Review]) -> dict:
    """A province's figures: sums of its communes' counts, rates recomputed from the sums."""
    totals = {"poor": 0, "total": 0, "near_poor": 0, "escaped": 0, "em_poor": 0, "em_total": 0}
    for review in reviews:
        f = review_figures(review)
        for key, value in (("poor", f.commune.poor), ("total", f.commune.total), ("near_poor", f.commune.near_poor),
                           ("escaped", f.escaped), ("em_poor", f.ethnic.poor), ("em_total", f.ethnic.total)):
            totals[key] += value
    values = {k: Decimal(v) for k, v in totals.items()}
    values["poor_rate"] = rate(totals["poor"], totals["total"])
    values["near_poor_rate"] = rate(totals["near_poor"], totals["total"])
    values["em_poor_rate"] = rate(totals["em_poor"], totals["em_total"])
    values["fall"] = None
    # The fall is a province figure only when the same communes were approved the year before.
    if previous and {r.commune_id for r in previous} == {r.commune_id for r in reviews}:
        poor = sum(_counts(r)[0].poor for r in previous)
        total = sum(_counts(r)[0].total for r in previous)
        values["fall"] = rate_fall(rate(poor, total), values["poor_rate"])
    return values




def review_class_counts(reviews: list[Review]) -> list[tuple[Review, Counts]]:
    """Counts by class of many reviews in one query (the list of reviews)."""
    from django.db.models import Count

    counts = {r.pk: Counts(r.commune.name) for r in reviews}
    for review_id, klass, n in (HouseholdYear.objects.filter(review__in=reviews, status="present")
                                .values_list("review_id", "klass").annotate(n=Count("pk")).order_by()):
        counts[review_id].by_class[klass] += n
        counts[review_id].total += n
    return [(r, counts[r.pk]) for r in reviews]
