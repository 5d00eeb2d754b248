"""evaluation_tables: many units' tables read together, the same as evaluation_table one by one."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ktxh.catalog.models import Indicator
from ktxh.evaluation.cache import evaluation_cache_clear
from ktxh.evaluation.table import evaluation_table, evaluation_tables
from ktxh.orgunits.models import OrgUnit
from ktxh.values.services import value_set

pytestmark = pytest.mark.django_db


def _flat(table):
    return [(r.indicator.code, r.target.pk if r.target else None, r.value.pk if r.value else None,
             r.prior.pk if r.prior else None, r.evaluation) for r in table.rows]


def _communes():
    return list(OrgUnit.objects.filter(parent__code="109", kind="commune").order_by("path"))


def test_the_batch_gives_each_commune_the_table_it_has_alone():
    communes = _communes()
    assert len(communes) >= 5, len(communes)
    batch = evaluation_tables(units=communes, period="2023")
    evaluation_cache_clear()
    alone = [evaluation_table(unit=c, period="2023") for c in communes]
    assert [t.unit for t in batch] == communes
    assert [_flat(t) for t in batch] == [_flat(t) for t in alone]
    assert [t.summary_sentence for t in batch] == [t.summary_sentence for t in alone]
    assert any(t.rows for t in batch)


def test_the_queries_do_not_grow_with_the_communes():
    communes = _communes()
    evaluation_tables(units=communes, period="2023")  # the revision tokens exist (a fresh one is one write)
    counts = []
    for units in (communes[:2], communes):
        evaluation_cache_clear()
        with CaptureQueriesContext(connection) as queries:
            evaluation_tables(units=units, period="2023")
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 5  # versions, targets, values, indicators (+ the cache's own)


def test_a_cached_table_is_reused_and_a_changed_commune_read_again(planner):
    communes = _communes()
    evaluation_tables(units=communes, period="2023")
    with CaptureQueriesContext(connection) as queries:
        evaluation_tables(units=communes, period="2023")
    assert len(queries) == 1  # the versions only
    indicator = Indicator.objects.filter(is_main=True, measure_kind="level").first()
    value_set(actor=planner, indicator=indicator, org_unit=communes[0], period="2023", kind="revised",
              value=Decimal("123456"))
    first = evaluation_tables(units=communes, period="2023")[0]
    row = next(r for r in first.rows if r.indicator == indicator)
    assert row.value.value == Decimal("123456")
