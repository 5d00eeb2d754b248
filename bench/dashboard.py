"""Dashboard server time on a generated district, against a hand-written SQL query.

`make bench BENCH=dashboard`. Builds, in a throwaway SQLite file, a district with 20
communes, 300 indicators, five years (2020-2024) of monthly values for every unit
plus annual values and annual targets, then times (median of repeated requests
through Django's test client, server side only):

  overview      /danh-gia/      district table + the communes behind each indicator
  indicator     /chi-tieu/X/    series, commune breakdown, history
  communes      /so-sanh-xa/    300 indicators x 20 communes, every cell evaluated, and the
                                rows computed from a 19 x 20 NTM criteria table

each both warm (data unchanged: the evaluation cached per data version is reused)
and cold (cache emptied before each request, as after a write), and the same
evaluation (best value per kind, prior year, % of plan, status for
the district and every commune) done by one hand-written SQL query over the same
tables. Ratios are page time / SQL time, measured in the same run.
"""

import atexit
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_DIR = tempfile.mkdtemp(prefix="ktxh-bench-")
atexit.register(shutil.rmtree, DB_DIR, ignore_errors=True)  # the generated file is ~90 MB
# KTXH_DATABASE_URL given (scripts/with-postgres.sh): that (throwaway) database
os.environ.setdefault("KTXH_DATABASE_URL", f"sqlite:///{DB_DIR}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

COMMUNES, INDICATORS, YEARS, REPEAT = 20, 300, range(2020, 2025), 15
KINDS = [("level", "up", "sum", "tấn"), ("rate_pct", "up", "ratio", "%"), ("rate_pct", "down", "ratio", "%"),
         ("count_units", "up", "sum", "xã"), ("level", "up", "weighted_mean", "tiêu chí/xã")]


def build() -> tuple:
    from django.contrib.auth import get_user_model

    from ktxh.catalog.models import Indicator, IndicatorGroup, Target
    from ktxh.orgunits.models import OrgUnit
    from ktxh.orgunits.services import orgunit_save
    from ktxh.values.models import DataValue

    rng = random.Random(4)
    def unit(**fields):
        return orgunit_save(actor=None, unit=OrgUnit(**fields))

    province = unit(code="90", name="Tỉnh Thử", kind="province")
    district = unit(code="901", name="Huyện Thử", kind="district", parent=province)
    communes = [unit(code=f"901-{i:02d}", name=f"Xã Thử {i:02d}", kind="commune", parent=district)
                for i in range(1, COMMUNES + 1)]
    groups = [IndicatorGroup.objects.create(code=f"G{g:02d}", name=f"Nhóm {g}", order=g) for g in range(1, 11)]
    indicators = []
    for i in range(INDICATORS):
        kind, direction, agg, unit = KINDS[i % len(KINDS)]
        indicators.append(Indicator(code=f"B{i:03d}", name=f"Chỉ tiêu thử nghiệm số {i}", name_folded=f"chi tieu {i}",
                                    group=groups[i % 10], unit=unit, measure_kind=kind, direction=direction,
                                    aggregation=agg, order=i))
    Indicator.objects.bulk_create(indicators)
    indicators = list(Indicator.objects.order_by("code"))
    units = [district, *communes]
    rows, targets = [], []
    for ind in indicators:
        base = Decimal(rng.randint(50, 5000)) if ind.measure_kind == "level" else Decimal(rng.randint(20, 90))
        for unit in units:
            scale = Decimal(COMMUNES) if unit is district and ind.aggregation == "sum" else Decimal(1)
            for year in YEARS:
                level = (base * scale * Decimal(rng.randint(90, 115)) / 100).quantize(Decimal("0.01"))
                targets.append(Target(province=province, indicator=ind, org_unit=unit, period=str(year),
                                      comparator=">=" if ind.direction == "up" else "<=", value=level))
                actual = (level * Decimal(rng.randint(85, 115)) / 100).quantize(Decimal("0.01"))
                key = (province.pk, ind.pk, unit.pk)
                rows.append((*key, str(year), "estimate", actual))
                if year < 2024:
                    rows.append((*key, str(year), "official", actual + 1))
                monthly = (actual / 12).quantize(Decimal("0.01"))
                rows.extend((*key, f"{year}-{month:02d}", "estimate", monthly) for month in range(1, 13))
    columns = ["province_id", "indicator_id", "org_unit_id", "period", "kind", "value", "raw_text", "comment",
               "source", "source_quote", "updated_at", "version"]
    now = "2025-01-01 00:00:00"
    with transaction.atomic(), connection.cursor() as cur:
        # plain executemany: bulk_create of 430.000 model instances takes minutes
        cur.executemany(f"INSERT INTO {DataValue._meta.db_table} ({', '.join(columns)}) VALUES "
                        f"({', '.join(['%s'] * len(columns))})",
                        [(*r[:5], str(r[5]), "", "", "bench", "", now, 1) for r in rows])
        Target.objects.bulk_create(targets, batch_size=5000)
    ntm_matrix_build(rng, province, communes)
    user = get_user_model().objects.create_superuser("bench", password="bench-password-1")
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return user, district, len(rows), len(targets), OrgUnit.objects.count()


def ntm_matrix_build(rng, province, communes) -> None:
    """An NTM criteria table for 2024 (19 criteria x 20 communes, a few unknown cells) and
    B004 named as the catalogue's NTM average, so the comparison page computes its NTM rows
    (dashboards/communes.py) as it does for a real district."""
    from ktxh.catalog.models import Indicator
    from ktxh.engine.fold import fold
    from ktxh.programmes.ntm.models import CommuneCriterion, CriteriaSet, Criterion

    name = "Bình quân tiêu chí nông thôn mới"
    Indicator.objects.filter(code="B004").update(name=name, name_folded=fold(name))
    criteria_set = CriteriaSet.objects.create(code="1/QĐ-THU", name="Bộ tiêu chí thử", level="commune")
    criteria = Criterion.objects.bulk_create(Criterion(criteria_set=criteria_set, number=n, name=f"Tiêu chí {n}")
                                             for n in range(1, 20))
    states = ["met"] * 6 + ["not_met"] * 3 + ["unknown"]
    CommuneCriterion.objects.bulk_create(CommuneCriterion(province=province, commune=c, year=2024, criterion=k,
                                                          state=rng.choice(states))
                                         for c in communes for k in criteria)


# The same evaluation as the overview + commune comparison, by hand: best kind per
# (indicator, unit, period), the prior year's best, % of plan and the status.
SQL = """
WITH scope AS (SELECT id FROM orgunits_orgunit WHERE id = %(unit)s OR parent_id = %(unit)s),
ranked AS (
  SELECT v.indicator_id, v.org_unit_id, v.period, v.value,
         ROW_NUMBER() OVER (PARTITION BY v.indicator_id, v.org_unit_id, v.period
                            ORDER BY CASE v.kind WHEN 'revised' THEN 3 WHEN 'official' THEN 2 ELSE 1 END DESC) AS rn
  FROM data_datavalue v LEFT JOIN data_submission s ON s.id = v.submission_id
  WHERE v.org_unit_id IN (SELECT id FROM scope) AND v.period IN (%(period)s, %(prior)s)
    AND (v.submission_id IS NULL OR s.state = 'approved')
), best AS (  -- current and prior value side by side (one pass, no self-join: PostgreSQL
             -- chose a nested loop over the two CTE scans and took seconds)
  SELECT indicator_id, org_unit_id, MAX(CASE WHEN period = %(period)s THEN value END) AS value,
         MAX(CASE WHEN period = %(prior)s THEN value END) AS prior
  FROM ranked WHERE rn = 1 GROUP BY indicator_id, org_unit_id
  HAVING COUNT(CASE WHEN period = %(period)s THEN 1 END) > 0
)
SELECT i.code, c.org_unit_id, c.value, t.value AS plan, c.prior,
       CASE WHEN t.value IS NULL OR t.value = 0 THEN NULL ELSE c.value * 100.0 / t.value END AS pct,
       CASE WHEN c.value IS NULL THEN 'no_data' WHEN t.value IS NULL THEN 'no_target'
            WHEN c.value = t.value THEN 'met'
            WHEN (t.comparator = '<=' OR i.direction = 'down') THEN CASE WHEN c.value < t.value THEN 'exceeded' ELSE 'not_met' END
            ELSE CASE WHEN c.value > t.value THEN 'exceeded' ELSE 'not_met' END END AS status,
       CASE WHEN c.prior IS NULL OR c.prior = 0 THEN NULL ELSE (c.value - c.prior) * 100.0 / c.prior END AS change
FROM best c
JOIN catalog_indicator i ON i.id = c.indicator_id
LEFT JOIN catalog_target t ON t.indicator_id = c.indicator_id AND t.org_unit_id = c.org_unit_id AND t.period = %(period)s
"""


def check_reference(rows, district) -> None:
    """The reference must do the same work: the same (indicator, unit) rows and the
    same status as the engine gives on the pages, or its time means nothing."""
    from ktxh.evaluation.matrix import commune_matrix
    from ktxh.evaluation.table import evaluation_table

    ours = {(r.indicator.code, district.pk): r.evaluation.status.value
            for r in evaluation_table(unit=district, period="2024").rows if r.value}
    for row in commune_matrix(unit=district, period="2024").rows:
        ours.update({(row.indicator.code, c.unit.pk): c.evaluation.status.value for c in row.cells if c.value})
    theirs = {(code, unit): status for code, unit, *_, status, _change in rows}
    same = sum(ours.get(k) == v for k, v in theirs.items())
    print(f"# reference SQL: {len(theirs)} rows, engine: {len(ours)}; same status on {same}")
    assert set(ours) == set(theirs) and same == len(theirs), "the reference SQL does not match the engine"


def median_ms(fn) -> float:
    fn()  # warm-up (caches, first query plans)
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    from django.test import Client

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    user, district, n_values, n_targets, n_units = build()
    print(f"# generated {n_units} units, {INDICATORS} indicators, {n_values} values, {n_targets} targets "
          f"in {time.perf_counter() - started:.1f} s", flush=True)
    # no setup_test_environment(): its template instrumentation would be timed too
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    pages = {
        "overview": f"/danh-gia/?unit={district.code}&period=2024",
        "indicator": f"/chi-tieu/B000/?unit={district.code}&period=2024",
        "communes": f"/so-sanh-xa/?unit={district.code}&period=2024",
    }
    for url in pages.values():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    assert b'data-testid="ntm-summary"' in client.get(pages["communes"]).content, "no NTM rows on the comparison"

    def sql():
        with connection.cursor() as cur:
            cur.execute(SQL.replace("%(unit)s", str(district.pk)).replace("%(period)s", "'2024'")
                        .replace("%(prior)s", "'2023'"))
            rows = cur.fetchall()
        assert len(rows) == INDICATORS * (COMMUNES + 1), len(rows)
        return rows

    check_reference(sql(), district)

    from decimal import Decimal

    from ktxh.catalog.models import Indicator
    from ktxh.evaluation.cache import evaluation_cache_clear
    from ktxh.orgunits.models import OrgUnit
    from ktxh.values.services import value_set

    def cold(url):
        evaluation_cache_clear()  # every evaluation redone (a new process, or everything changed)
        client.get(url)

    commune = OrgUnit.objects.filter(parent=district).order_by("code").first()
    indicator = Indicator.objects.get(code="B000")
    writes = [0]

    def after_write(url):
        # a clerk's published value of one commune: only what reads that commune and period
        # is recomputed (evaluation/cache.py revisions)
        writes[0] += 1
        value_set(actor=user, indicator=indicator, org_unit=commune, period="2024", kind="revised",
                  value=Decimal(100 + writes[0]))
        client.get(url)

    print(f"# database: {connection.vendor}")
    reference = median_ms(sql)
    print(f"bench: dashboard_sql_reference {reference:.1f} ms")
    for name, url in pages.items():
        # warm = the data unchanged since the last request (the cached evaluation is
        # reused after the data-version check); cold = evaluated from scratch
        ms = median_ms(lambda url=url: client.get(url))
        print(f"bench: dashboard_{name} {ms:.1f} ms")
        print(f"bench: dashboard_{name}_vs_sql {ms / reference:.2f} ratio")
        ms = median_ms(lambda url=url: cold(url))
        print(f"bench: dashboard_{name}_cold {ms:.1f} ms")
        print(f"bench: dashboard_{name}_cold_vs_sql {ms / reference:.2f} ratio")
        ms = median_ms(lambda url=url: after_write(url))  # includes the write itself (a few ms)
        print(f"bench: dashboard_{name}_after_write {ms:.1f} ms")
        print(f"bench: dashboard_{name}_after_write_vs_sql {ms / reference:.2f} ratio")
        if name == "communes":  # issue 12/15: the comparison's first request after a write, NTM rows included
            print(f"bench: comparison_after_write {ms:.1f} ms")
            print(f"bench: comparison_after_write_vs_sql {ms / reference:.2f} ratio")
    return 0


if __name__ == "__main__":
    sys.exit(main())
