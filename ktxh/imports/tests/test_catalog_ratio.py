"""A catalog file may name a rate's numerator and denominator indicators."""

import pytest
import yaml

from ktxh.catalog.models import Indicator
from ktxh.imports.loader import LoadError, load_file

BASE = {"group": "01", "unit": "%", "measure_kind": "rate_pct", "direction": "up"}


def _write(tmp_path, indicators):
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump({"indicators": indicators}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_numerator_and_denominator_are_linked_after_all_indicators_are_written(tmp_path):
    group = Indicator.objects.first().group.code
    rows = [
        {**BASE, "group": group, "code": "T.RATE", "name": "Tỷ lệ thử", "numerator": "T.NUM", "denominator": "T.DEN"},
        {**BASE, "group": group, "code": "T.NUM", "name": "Tử số thử", "unit": "hộ", "measure_kind": "level"},
        {**BASE, "group": group, "code": "T.DEN", "name": "Mẫu số thử", "unit": "hộ", "measure_kind": "level"},
    ]
    load_file(_write(tmp_path, rows))
    rate = Indicator.objects.get(code="T.RATE")
    assert (rate.numerator.code, rate.denominator.code) == ("T.NUM", "T.DEN")


@pytest.mark.django_db
def test_an_unknown_numerator_rejects_the_file(tmp_path):
    group = Indicator.objects.first().group.code
    rows = [{**BASE, "group": group, "code": "T.RATE2", "name": "Tỷ lệ thử 2", "numerator": "KHONG.CO"}]
    with pytest.raises(LoadError) as error:
        load_file(_write(tmp_path, rows))
    assert any("KHONG.CO" in p.reason for p in error.value.problems)
    assert not Indicator.objects.filter(code="T.RATE2").exists()
