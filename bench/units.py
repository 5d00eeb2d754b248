"""The national master data load: `make bench BENCH=units`.

In a throwaway database (SQLite, or the one in KTXH_DATABASE_URL: run it under
scripts/with-postgres.sh for PostgreSQL), migrated and empty, times `national_load`
of the whole country (both vintages, about 14,150 units and 10,600 lineage rows) and a
second load of the same files, which must change nothing.

    bench: units_load_country <s> s
    bench: units_load_again <s> s

Then the overview (dashboards.overview, evaluation cache emptied before each run, median
of repeated runs) of new Xã Khổng Lào (03583@2025) for 2024, every value carried from its
three old communes, against old Xã Khổng Lào's (03583@cu) own 2024 overview, on 60 main
indicators (40 sums, 20 rates with their numerator and denominator):

    bench: units_overview_old_commune <ms> ms
    bench: units_overview_new_commune_carried <ms> ms
    bench: units_carry_ratio <x> x      (target <= 1,5)
"""

import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_DIR = tempfile.mkdtemp(prefix="ktxh-bench-units-")
atexit.register(shutil.rmtree, DB_DIR, ignore_errors=True)
os.environ.setdefault("KTXH_DATABASE_URL", f"sqlite:///{DB_DIR}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402


def load_bench() -> None:
    from ktxh.orgunits.models import OrgUnit, OrgUnitLineage
    from ktxh.orgunits.national import national_load

    started = time.perf_counter()
    first = national_load(actor=None)
    first_time = time.perf_counter() - started
    started = time.perf_counter()
    again = national_load(actor=None)
    again_time = time.perf_counter() - started
    if (again.created, again.updated, again.lineage_created, again.lineage_updated) != (0, 0, 0, 0):
        raise SystemExit(f"second load changed data: {again}")
    print(f"# {connection.vendor}: {OrgUnit.objects.count()} units, {OrgUnitLineage.objects.count()} lineage rows"
          f" (created {first.created}, lineage {first.lineage_created})")
    print(f"bench: units_load_country {first_time:.2f} s")
    print(f"bench: units_load_again {again_time:.2f} s")


def carry_bench(repeat: int = 15) -> None:
    import statistics
    from decimal import Decimal

    from ktxh.catalog.models import Indicator, IndicatorGroup, Target
    from ktxh.dashboards.overview import overview
    from ktxh.engine.fold import fold
    from ktxh.evaluation.cache import evaluation_cache_clear
    from ktxh.orgunits.selectors import province_of, unit_predecessors, unit_resolve
    from ktxh.values.models import DataValue

    new = unit_resolve("03583@2025")
    olds = [link.unit for link in unit_predecessors(new)]
    old = unit_resolve("03583@cu")
    province = province_of(old)
    group = IndicatorGroup.objects.create(code="B1", name="Nhóm thử", order=1)
    made = []
    for i in range(40):
        made.append(Indicator(code=f"B.S{i:02d}", name=f"Tổng thử {i}", name_folded=fold(f"Tổng thử {i}"),
                              group=group, unit="tấn", measure_kind="level", aggregation="sum", order=i))
    for i in range(20):
        for part in ("N", "D"):
            made.append(Indicator(code=f"B.{part}{i:02d}", name=f"Phần {part} {i}", name_folded=fold(f"phan {i}"),
                                  group=group, unit="hộ", measure_kind="level", aggregation="sum",
                                  is_main=False, order=100 + i))
    Indicator.objects.bulk_create(made)
    by_code = {i.code: i for i in Indicator.objects.filter(group=group)}
    rates = [Indicator(code=f"B.R{i:02d}", name=f"Tỷ lệ thử {i}", name_folded=fold(f"ty le thu {i}"), group=group,
                       unit="%", measure_kind="rate_pct", aggregation="ratio", order=50 + i,
                       numerator=by_code[f"B.N{i:02d}"], denominator=by_code[f"B.D{i:02d}"]) for i in range(20)]
    Indicator.objects.bulk_create(rates)
    indicators = list(Indicator.objects.filter(group=group))
    values, targets = [], []
    for unit in olds:
        for ind in indicators:
            for year, bump in (("2023", 0), ("2024", 5)):
                value = Decimal(60 + bump) if ind.code.startswith("B.R") else Decimal(1000 + 7 * ind.pk % 300 + bump)
                values.append(DataValue(province=province, indicator=ind, org_unit=unit, period=year,
                                        kind="official", value=value))
    for unit in (old, new):
        for ind in indicators:
            if ind.is_main:
                targets.append(Target(province=province, indicator=ind, org_unit=unit, period="2024",
                                      comparator=">=", value=Decimal(1000)))
    DataValue.objects.bulk_create(values, batch_size=2000)
    Target.objects.bulk_create(targets, batch_size=2000)

    def timed(unit) -> float:
        runs = []
        for _ in range(repeat):
            evaluation_cache_clear()
            started = time.perf_counter()
            data = overview(unit=unit, period="2024")
            runs.append(time.perf_counter() - started)
        assert data.total >= 60, data.total
        return statistics.median(runs)

    timed(old), timed(new)  # warm up imports and the database's caches
    own, carried = timed(old), timed(new)
    print(f"bench: units_overview_old_commune {own * 1000:.1f} ms")
    print(f"bench: units_overview_new_commune_carried {carried * 1000:.1f} ms")
    print(f"bench: units_carry_ratio {carried / own:.2f} x")


def main() -> int:
    call_command("migrate", verbosity=0, interactive=False)
    load_bench()
    carry_bench()
    return 0


if __name__ == "__main__":
    sys.exit(main())
