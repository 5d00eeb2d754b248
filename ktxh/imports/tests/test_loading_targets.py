"""Targets loaded as people write them: strict comparators and targets stated
against last year (docs/evaluation.md §1)."""

from decimal import Decimal

import pytest

from ktxh.catalog.models import Target
from ktxh.imports.loader import LoadError, load_file

pytestmark = pytest.mark.django_db

HEADER = "indicator,org_unit,period,kind,value,comparator,value_high,basis,legal_basis,source,comment\n"


def load(tmp_path, body):
    path = tmp_path / "targets.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return load_file(path)


def target(code, period="2030"):
    return Target.objects.get(indicator__code=code, org_unit__code="109", period=period)


def test_strict_and_inclusive_comparators_are_kept_apart(tmp_path, phong_tho):
    load(tmp_path, "08.05,109,2030,target,30,còn dưới,,,,004:138,\n"
                   "05.04,109,2030,target,93,Trên,,,,004:173,\n"
                   "07.04,109,2030,target,18,không quá,,,,test,\n"
                   "08.04,109,2030,target,55,tối thiểu,,,,test,\n")
    assert [target(c).comparator for c in ("08.05", "05.04", "07.04", "08.04")] == ["<", ">", "<=", ">="]


def test_a_target_phrase_in_the_value_cell_is_read_whole(tmp_path, phong_tho):
    load(tmp_path, '08.05,109,2030,target,"dưới 30%",,,,,004:138,\n'
                   '04.03,109,2030,target,"tăng 10% so với cùng kỳ",,,,,000:1735,\n'
                   '08.05,109,2031,target,"giảm 5,43 điểm %",,,,,000:2119,\n')
    assert (target("08.05").comparator, target("08.05").value, target("08.05").basis) == ("<", 30, "absolute")
    lk = target("04.03")
    assert (lk.comparator, lk.value, lk.basis) == ("=", Decimal(10), "prior_pct")
    poor = target("08.05", "2031")
    assert (poor.value, poor.basis) == (Decimal("-5.43"), "prior_points")


def test_the_basis_column_states_a_change_from_last_year_in_numbers(tmp_path, phong_tho):
    load(tmp_path, '04.03,109,2030,target,8,>=,,prior_pct,,test,\n'
                   '08.04,109,2030,target,"0,5",,,prior_points,,test,\n')
    assert (target("04.03").basis, target("04.03").comparator) == ("prior_pct", ">=")
    assert (target("08.04").basis, target("08.04").value) == ("prior_points", Decimal("0.5"))


@pytest.mark.parametrize(("row", "column"), [
    ('08.05,109,2030,target,"dưới 30%",trên,,,,test,\n', "comparator"),      # the cell contradicts the phrase
    ('08.05,109,2030,target,"tăng 2%",,,,,test,\n', "value"),                # a rate: points or %?
    ('04.03,109,2030,target,8,,,so với tỉnh,,test,\n', "basis"),
    ('04.03,109,2030,target,-100,,,prior_pct,,test,\n', "comparator"),       # a fall of 100 % or more
    ('05.04,109,2030,target,93,duy trì,,prior_points,,test,\n', "comparator"),
])
def test_bad_relative_targets_reject_the_whole_file(tmp_path, phong_tho, row, column):
    with pytest.raises(LoadError) as caught:
        load(tmp_path, "02.01,109,2030,target,36.100,>=,,,,test,\n" + row)
    assert any(p.column == column and p.row == 3 for p in caught.value.problems), caught.value.problems
    assert not Target.objects.filter(period="2030").exists()


def test_a_change_of_a_permille_rate_must_be_typed_change_permille(tmp_path):
    from ktxh.catalog.models import Indicator

    path = tmp_path / "catalog.csv"
    path.write_text("code,name,group,unit,measure_kind,direction\n99.03,Mức giảm tỷ suất sinh,07,‰,change_pp,up\n",
                    encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_file(path)
    assert [p.column for p in caught.value.problems] == ["measure_kind"]
    path.write_text(path.read_text(encoding="utf-8").replace("change_pp", "change_permille"), encoding="utf-8")
    load_file(path)
    assert Indicator.objects.get(code="99.03").measure_kind == "change_permille"
