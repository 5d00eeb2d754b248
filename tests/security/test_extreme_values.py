"""No stored value can break a page (issue 13, finding 1).

Every write path refuses a number the columns cannot hold exactly (on SQLite a 30-digit
value used to be stored as a float that Django could not read back: evaluation, commune
comparison, indicator page and capital pages then answered 500 for everyone). The
largest values each path allows are stored and every page is rendered.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ktxh.catalog.models import Indicator, Target
from ktxh.catalog.services import target_set
from ktxh.imports import services as import_services
from ktxh.orgunits.models import OrgUnit
from ktxh.programmes.capital.models import CapitalLine
from ktxh.programmes.capital.services import capital_line_upsert, disbursement_add
from ktxh.programmes.common import ProgrammeError
from ktxh.values.models import DataValue
from ktxh.values.services import ValueRejected, value_set

pytestmark = pytest.mark.django_db

HUGE = Decimal("111111111111111111111111111111")
LARGEST = Decimal("999999999999999")
FINEST = Decimal("0.000001")


def _grain():
    return Indicator.objects.get(code="02.01")


def test_every_write_path_refuses_a_value_the_column_cannot_hold(planner, phong_tho):
    before = (DataValue.objects.count(), Target.objects.count(), CapitalLine.objects.count())
    for value in (HUGE, Decimal("1E+16"), Decimal("0.1234567"), Decimal("Infinity"), Decimal("NaN")):
        with pytest.raises(ValueRejected, match="Giá trị"):
            value_set(actor=planner, indicator=_grain(), org_unit=phong_tho, period="2030", kind="official",
                      value=value)
        with pytest.raises(ValueError, match="Giá trị"):
            target_set(actor=planner, indicator=_grain(), org_unit=phong_tho, period="2030", value=value)
        with pytest.raises(ProgrammeError, match="Giá trị"):
            capital_line_upsert(actor=planner, org_unit=phong_tho, code="X-HUGE", label="Dòng thử", period="2030",
                                amount=value, fund_source="district", capital_type="investment")
    line = CapitalLine.objects.filter(children__isnull=True).first()
    with pytest.raises(ProgrammeError, match="quá lớn"):
        disbursement_add(actor=planner, line=line, day=date(2023, 6, 1), amount=HUGE)
    assert (DataValue.objects.count(), Target.objects.count(), CapitalLine.objects.count()) == before


def test_an_accepted_report_fact_too_large_is_refused_with_the_limit(planner):
    text = ("BÁO CÁO\nTình hình kinh tế - xã hội năm 2022 của huyện Phong Thổ\n"
            "1. Tổng sản lượng lương thực có hạt đạt 111111111111111111111111111111 tấn.\n")
    doc, _ = import_services.document_upload(actor=planner, file_name="bc.txt", data=text.encode())
    facts = import_services.analyse(doc.text)[0]
    i = next(i for i, f in enumerate(facts) if f.value is not None and f.value > LARGEST)
    with pytest.raises(import_services.ImportFailed) as caught:
        import_services.facts_accept(actor=planner, doc=doc, choices=[import_services.Choice(
            index=i, indicator="02.01", period="2022", kind="official", unit="109", start=facts[i].start)])
    assert "tối đa 15 chữ số phần nguyên" in " ".join(caught.value.problems)
    assert not DataValue.objects.filter(period="2022", source__startswith="bc.txt").exists()


def test_the_largest_allowed_values_read_back_exactly_and_every_page_renders(client_as, planner, leader, phong_tho):
    commune = OrgUnit.objects.filter(parent=phong_tho).order_by("code").first()
    grain = _grain()
    growth = Indicator.objects.filter(measure_kind="growth_pct").first()
    writes = [(grain, phong_tho, "2023", LARGEST), (grain, commune, "2023", LARGEST), (grain, phong_tho, "2022", FINEST)]
    if growth is not None:
        writes.append((growth, phong_tho, "2023", -LARGEST))
    for indicator, unit, period, value in writes:
        value_set(actor=planner, indicator=indicator, org_unit=unit, period=period, kind="revised", value=value)
        assert DataValue.objects.get(indicator=indicator, org_unit=unit, period=period, kind="revised").value == value
    target_set(actor=planner, indicator=grain, org_unit=phong_tho, period="2024", value=LARGEST)
    target_set(actor=planner, indicator=grain, org_unit=commune, period="2023", value=FINEST)
    assert Target.objects.get(indicator=grain, org_unit=phong_tho, period="2024").value == LARGEST
    line = capital_line_upsert(actor=planner, org_unit=phong_tho, code="X-LARGEST", label="Dòng lớn nhất",
                               period="2023", amount=LARGEST, fund_source="district", capital_type="investment")
    disbursement_add(actor=planner, line=line, day=date(2023, 6, 1), amount=LARGEST - 1)
    assert CapitalLine.objects.get(pk=line.pk).amount == LARGEST

    pages = [
        reverse("home"),
        f"{reverse('evaluation')}?unit=109&period=2023", f"{reverse('evaluation')}?unit=109&period=2024",
        f"{reverse('evaluation')}?unit={commune.code}&period=2023",
        f"{reverse('communes')}?unit=109&period=2023", f"{reverse('communes')}?unit=109&period=2023&format=xlsx",
        f"{reverse('indicator', args=['02.01'])}?unit=109", f"{reverse('progress')}?unit=109",
        f"{reverse('capital')}?unit=109&period=2023", f"{reverse('capital_annex')}?unit=109&period=2023",
        reverse("quality"), reverse("ntm"), reverse("reports"), reverse("entry_home"),
    ]
    for who in (planner, leader):
        client = client_as(who)
        for url in pages:
            response = client.get(url, follow=True)
            assert response.status_code == 200, (who.username, url)
