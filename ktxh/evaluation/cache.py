"""The cache of evaluated tables (docs/dashboards.md), shared by every table builder."""

import threading
import uuid
from collections import OrderedDict

from django.core.cache import caches
from django.db.models import Count, Max, Sum
from django.db.models.signals import post_delete, post_save

from ktxh.catalog.models import Target
from ktxh.core.revisions import GLOBAL_KEY, revision_bump, targets_key, values_key
from ktxh.engine.periods import Period
from ktxh.values.models import DataValue

# --- Cache of evaluated tables, keyed by revisions (tokens set by core.revisions) ---
# Every write that changes what an evaluation reads sets a fresh revision token, in
# Django's cache (the database cache of settings.CACHES, shared by every web and worker
# process) and in the writer's own transaction: a published value or target sets the
# token of its (unit, period), anything else (catalog, units, submissions changing
# state) the global one. A table is cached in each process under the tokens of what it
# read, so a write shows on the next request in every process, and one commune's value
# recomputes only the tables that read that commune and period. A draft value (in a
# report not yet approved) is read by no evaluation and sets nothing.
_CACHE: OrderedDict = OrderedDict()
# Bounded by weight: a 300 indicators x 20 communes matrix holds ~10 MB and weighs 4, one
# unit's table ~1,3 MB and weighs 1. The report of a district of 20 communes reads 22 tables
# (the district's two years, each commune's year): with room for 12 it recomputed them all
# every time; 48 keep two such reports, or 12 matrices as before.
_CACHE_SIZE = 48


def _weight(key: tuple) -> int:
    return 1 if key and key[0] == "table" else 4
_LOCK = threading.Lock()


def evaluation_cache_clear() -> None:
    """Forget this process's tables (the revisions stay: the benchmark's "cold" case)."""
    with _LOCK:
        _CACHE.clear()


def data_version(unit_ids: list[int], periods: list[str], target_periods: list[str]) -> tuple:
    """The revision tokens of what an evaluation of these units and periods reads (one
    query). A token never set (or dropped by the cache) is created fresh, so a result
    computed before it vanished can never match again."""
    keys = _version_keys(unit_ids, periods, target_periods)
    found = _tokens(keys)
    return tuple((key, found.get(key)) for key in keys)


def data_versions(unit_ids: list[int], periods: list[str], target_periods: list[str]) -> dict[int, tuple]:
    """data_version([u], ...) of each unit, read in one query for all of them (a report's
    communes: evaluation.table.evaluation_tables)."""
    per_unit = {u: _version_keys([u], periods, target_periods) for u in unit_ids}
    found = _tokens(list(dict.fromkeys(k for keys in per_unit.values() for k in keys)))
    return {u: tuple((key, found.get(key)) for key in keys) for u, keys in per_unit.items()}


def _version_keys(unit_ids, periods, target_periods) -> list[str]:
    return [GLOBAL_KEY] + [values_key(u, p) for u in unit_ids for p in periods] + \
        [targets_key(u, p) for u in unit_ids for p in target_periods]


def _tokens(keys: list[str]) -> dict:
    cache = caches["default"]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, timeout=None)
        found.update(cache.get_many(missing))
    return found


def changed_units(changed_keys: set[str], *, parent: int) -> set[int] | None:
    """The units whose values or targets moved between two versions, or None when
    something else did (the global revision, or the `parent` unit's own plan)."""
    units = set()
    for key in changed_keys:
        parts = key.split(":")
        if len(parts) != 5 or int(parts[3]) == parent:
            return None
        units.add(int(parts[3]))
    return units


def lineage_version(unit_ids: list[int]) -> tuple:
    """The lineage rows (and their edits) between these units: a carried figure changes
    when a share or a predecessor does."""
    from ktxh.orgunits.models import OrgUnitLineage

    # An edit of a row in place (event, share) also sets the global revision (a lineage save
    # or delete through orgunits.services, the national load), so the rows' count, last id and
    # shares are enough here: one query on the carried path, not two.
    rows = OrgUnitLineage.objects.filter(target_unit_id__in=unit_ids).aggregate(
        n=Count("id"), top=Max("id"), share=Sum("share"))
    return tuple(rows.values())


def cached(key: tuple, version: tuple, compute, update=None):
    """compute() once per (key, data version); the oldest entries are dropped first.
    With `update(old_result, changed_revision_keys)`, an entry of an older version is
    brought up to date from what changed instead (None from it: compute() after all)."""
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] == version:
            _CACHE.move_to_end(key)
            return hit[1]
    result = None
    if hit is not None and update is not None:
        old = dict(hit[0])
        changed = {k for k, token in version if old.get(k) != token}
        result = update(hit[1], changed)
    if result is None:
        result = compute()
    with _LOCK:
        _CACHE[key] = (version, result)
        _CACHE.move_to_end(key)
        while sum(_weight(k) for k in _CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return result


def _periods(period: Period) -> tuple[list[str], list[str]]:
    """The value periods and target periods an evaluation of `period` reads."""
    return ([period.code, period.same_period_last_year().code,
             period.plan_period().same_period_last_year().code],  # relative targets
            [period.plan_period().code])


def cached_evaluation(key: tuple, unit_ids: list[int], period: Period, compute, update=None, lineage=None):
    """compute() reused while what an evaluation of these units in `period` reads is
    unchanged: their values of the period and of the same period last year, and the
    plan of period.plan_period() (see cached for `update`). `lineage`: the version of the
    lineage rows the caller already read (evaluation.carried.Reach), else read here."""
    version = data_version(unit_ids, *_periods(period))
    if lineage is not None:
        version += (("lineage", lineage),)
    elif len(unit_ids) > 1:  # figures carried from other units (evaluation/carried.py)
        version += (("lineage", lineage_version(unit_ids)),)
    return cached(key, version, compute, update)


def cached_evaluations(keys: dict[int, tuple], period: Period, compute_many) -> dict[int, object]:
    """cached_evaluation of many single units at once (same keys and versions, so the entries
    are shared with it): the versions in one query, and compute_many(unit_ids) -> {unit_id:
    result} called once for the units whose entry is missing or stale."""
    versions = data_versions(list(keys), *_periods(period))
    out, stale = {}, []
    with _LOCK:
        for unit_id, key in keys.items():
            hit = _CACHE.get(key)
            if hit is not None and hit[0] == versions[unit_id]:
                _CACHE.move_to_end(key)
                out[unit_id] = hit[1]
            else:
                stale.append(unit_id)
    if stale:
        for unit_id, result in compute_many(stale).items():
            out[unit_id] = cached(keys[unit_id], versions[unit_id], lambda r=result: r)
    return out


# Apps whose rows an evaluation reads: values ("data"), their reports ("entry"), the
# catalogue and the units. Named by label so that this module imports only what it reads.
WATCHED_APPS = {"data", "entry", "catalog", "orgunits"}


def _revision_on_write(sender, instance, **_kwargs) -> None:
    """Runs inside the service's transaction (post_save/post_delete): the token commits or
    rolls back with the write. A service writing with a queryset update (no signal)
    calls revision_bump itself."""
    if sender._meta.app_label not in WATCHED_APPS or sender._meta.model_name.startswith("historical"):
        return  # history rows: nothing an evaluation reads
    if sender is DataValue:
        # published (no report, or an approved one): the evaluations of its unit and period
        if instance.submission_id is None or getattr(instance.submission, "state", None) == "approved":
            revision_bump(values=[(instance.org_unit_id, instance.period)])
    elif sender is Target:
        revision_bump(targets=[(instance.org_unit_id, instance.period)])
    else:
        revision_bump(everything=True)


post_save.connect(_revision_on_write, dispatch_uid="evaluation-revision-save")
post_delete.connect(_revision_on_write, dispatch_uid="evaluation-revision-delete")

__all__ = ["cached", "cached_evaluation", "cached_evaluations", "data_version", "data_versions", "evaluation_cache_clear", "revision_bump"]
