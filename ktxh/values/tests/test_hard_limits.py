"""value_set is the gate: every path that writes a value gets the same refusals
(engine.bounds), and a refused write leaves nothing behind."""

from decimal import Decimal

import pytest
from django.urls import reverse

from ktxh.catalog.models import Indicator
from ktxh.imports.loader import LoadError, load_file
from ktxh.imports.models import ImportedDocument
from ktxh.imports.tests.test_review_flow import choose, upload
from ktxh.values.models import DataValue
from ktxh.values.services import ValueRejected, value_set

pytestmark = pytest.mark.django_db

HEADER = "indicator,org_unit,period,kind,value,comparator,value_high,legal_basis,source,comment\n"


@pytest.mark.parametrize(("code", "value", "message"), [
    ("07.04", "150", "Tỷ lệ phải trong khoảng 0–100 %"),  # a rate above 100 %
    ("07.04", "-1", "Giá trị không được âm"),
    ("02.01", "-36595.83", "Giá trị không được âm"),  # a level (tấn)
    ("02.01", "1.1234567", "tối đa 6 chữ số sau dấu phẩy"),
    ("02.01", "1234567890123456", "quá lớn: tối đa 15 chữ số phần nguyên"),
])
def test_value_set_refuses_a_value_beyond_its_indicators_limits(phong_tho, code, value, message):
    indicator = Indicator.objects.get(code=code)
    with pytest.raises(ValueRejected) as refused:
        value_set(actor=None, indicator=indicator, org_unit=phong_tho, period="2041", kind="official",
                  value=Decimal(value))
    assert message in str(refused.value)
    assert not DataValue.objects.filter(indicator=indicator, period="2041").exists()


def test_a_growth_rate_may_be_negative_and_above_100(phong_tho):
    growth = Indicator.objects.filter(measure_kind="growth_pct").order_by("code").first()
    for value in ("-12.5", "180"):
        row = value_set(actor=None, indicator=growth, org_unit=phong_tho, period="2041", kind="official",
                        value=Decimal(value))
        assert row.value == Decimal(value)


def test_ktxh_load_gets_the_same_refusals_and_writes_nothing(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text(HEADER + '02.01,109,2042,estimate,"36.000",,,,test,\n'
                    + '07.04,109,2042,estimate,"150",,,,test,\n'
                    + '02.01,109,2042,official,"-5",,,,test,\n', encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        load_file(path)
    problems = [str(p) for p in refused.value.problems]
    assert any("Tỷ lệ phải trong khoảng 0–100 %" in p for p in problems)
    assert any("Giá trị không được âm" in p for p in problems)
    assert not DataValue.objects.filter(period="2042").exists()  # the good first row is undone too


def test_accepting_report_figures_gets_the_same_refusals(client_as, planner):
    client = client_as(planner)
    text = ("BÁO CÁO\nTình hình kinh tế - xã hội năm 2022 của huyện Phong Thổ\n"
            "1. Tổng sản lượng lương thực có hạt ước đạt 35.120,5 tấn.\n"
            "2. Tỷ lệ che phủ rừng đạt 143,9%.\n")  # a slip: a rate above 100 %
    upload(client, name="bao-cao-loi.txt", data=text.encode("utf-8"))
    doc = ImportedDocument.objects.get()
    before = DataValue.objects.count()
    data = choose(doc, ("35.120,5", "02.01"), ("143,9", "02.05"))
    response = client.post(reverse("import_accept", args=[doc.pk]), data, follow=True)
    assert DataValue.objects.count() == before
    assert "Tỷ lệ phải trong khoảng 0–100 %" in response.content.decode()
