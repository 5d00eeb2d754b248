"""The cache of evaluated tables (docs/dashboards.md), shared by every table builder."""

import threading
from collections import OrderedDict

from django.db.models import Count, Max, Sum
from django.db.models.signals import post_delete, post_save

from ktxh.catalog.models import Indicator, IndicatorGroup, Target
from ktxh.engine.periods import Period
from ktxh.orgunits.models import OrgUnit
from ktxh.values.models import DataValue
from ktxh.values.selectors import published_values

# --- Cache of evaluated tables, keyed by a data version --------------------------
# A cached result is reused only while the data it was computed from is unchanged:
# the key holds a fingerprint of every table read (counts, top ids, last update,
# history ids) taken in the same request, plus a counter bumped by every ORM write in
# this process (so a write rolled back and an id reused cannot revive an old entry).
# A write from another process changes the fingerprint; nothing can be stale.
_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 12  # a 300 indicators x 20 communes matrix holds ~10 MB
_LOCK = threading.Lock()
_generation = [0]


def _bump(**_kwargs) -> None:
    _generation[0] += 1


def evaluation_cache_clear() -> None:
    with _LOCK:
        _CACHE.clear()


_INDICATOR_FIELDS = ("id", "code", "name", "unit", "group_id", "order", "measure_kind", "direction", "aggregation",
                     "excess_mode", "tolerance", "decimals", "responsible_agency_id", "is_main", "synonyms")


def data_version(unit_ids: list[int], periods: list[str], target_periods: list[str]) -> tuple:
    """A cheap fingerprint of what an evaluation of these units and periods reads."""
    from ktxh.catalog.models import Agency

    values = published_values().filter(org_unit_id__in=unit_ids, period__in=periods).aggregate(
        n=Count("id"), top=Max("id"), at=Max("updated_at"), ver=Sum("version"), total=Sum("value"))
    targets = Target.objects.filter(org_unit_id__in=unit_ids, period__in=target_periods).aggregate(
        n=Count("id"), top=Max("id"), total=Sum("value"), high=Sum("value_high"))
    target_edits = Target.history.filter(org_unit_id__in=unit_ids, period__in=target_periods).aggregate(
        h=Max("history_id"))
    # the catalogue is small (hundreds of rows) and may be edited by a queryset update
    # that leaves no history: its content is part of the fingerprint
    catalog = tuple(Indicator.objects.order_by().values_list(*_INDICATOR_FIELDS))
    small = (catalog, tuple(IndicatorGroup.objects.values_list("id", "code", "name", "order")),
             tuple(Agency.objects.values_list("id", "code", "name")),
             tuple(OrgUnit.objects.filter(pk__in=unit_ids).values_list(
                 "id", "code", "name", "parent_id", "valid_from", "valid_to")),
             # a report approved or reopened changes which values are published: the
             # newest workflow step, reached through the values' own relation
             _TRANSITIONS().objects.aggregate(h=Max("id"))["h"])
    return (_generation[0], tuple(values.values()), tuple(targets.values()), target_edits["h"],
            hash(repr(small)))


def _TRANSITIONS():
    """The workflow-step model behind DataValue.submission (entry.Transition), found
    through the relation so that the evaluation imports only the values it reads."""
    submission = DataValue._meta.get_field("submission").related_model
    return submission._meta.get_field("transitions").related_model


def lineage_version(unit_ids: list[int]) -> tuple:
    """The lineage rows (and their edits) between these units: a carried figure changes
    when a share or a predecessor does."""
    from ktxh.orgunits.models import OrgUnitLineage

    rows = OrgUnitLineage.objects.filter(target_unit_id__in=unit_ids).aggregate(
        n=Count("id"), top=Max("id"), share=Sum("share"))
    edits = OrgUnitLineage.history.filter(target_unit_id__in=unit_ids).aggregate(h=Max("history_id"))
    return (*rows.values(), edits["h"])


def cached(key: tuple, version: tuple, compute):
    """compute() once per (key, data version); the oldest entries are dropped first."""
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] == version:
            _CACHE.move_to_end(key)
            return hit[1]
    result = compute()
    with _LOCK:
        _CACHE[key] = (version, result)
        _CACHE.move_to_end(key)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result


def cached_evaluation(key: tuple, unit_ids: list[int], period: Period, compute):
    """compute() reused while what an evaluation of these units in `period` reads is
    unchanged: their values of the period and of the same period last year, and the
    plan of period.plan_period()."""
    version = data_version(unit_ids, [period.code, period.same_period_last_year().code,
                                      period.plan_period().same_period_last_year().code],  # relative targets
                           [period.plan_period().code])
    if len(unit_ids) > 1:  # figures carried from other units (evaluation/carried.py)
        version += (lineage_version(unit_ids),)
    return cached(key, version, compute)


# Apps whose rows an evaluation reads: values ("data"), their reports ("entry"), the
# catalogue and the units. Named by label so that this module imports only what it reads.
WATCHED_APPS = {"data", "entry", "catalog", "orgunits"}


def _bump_on_write(sender, **_kwargs) -> None:
    if sender._meta.app_label in WATCHED_APPS:
        _bump()


post_save.connect(_bump_on_write, dispatch_uid="evaluation-cache-save")
post_delete.connect(_bump_on_write, dispatch_uid="evaluation-cache-delete")
